// A rights request for its agency's IG lead: what was asked, the clock, the history, and for an
// access request what Concord holds about the child (unsealed, so the read is audited in the same
// transaction), the source agencies' consultations, what is withheld and the response packs.
import { consultationsFor, type RightsRequestRow, responsePacksFor, rightsEvents, withheldFor } from '../../db/queries/rights.ts';
import { type RightsClock, type RightsClockState, type RightsStatus, rightsClock, rightsClockState } from '../../domain/rights.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { unsealAs } from '../kernel/sealed.ts';
import { type AccessContent, readAccess } from './_access.ts';
import { clockFacts, rightsRequestFor } from './_steps.ts';

export interface RightsRequestView {
  request: Omit<RightsRequestRow, 'sealed'>;
  summary: string;
  evidence: string | null;
  reasons: string | null;
  clock: RightsClock;
  clockState: RightsClockState;
  events: { at: Date; kind: string; byName: string | null; details: unknown; note: string | null }[];
  access: AccessContent | null;
  consultations: Awaited<ReturnType<typeof consultationsFor>>;
  withheld: { itemRef: string; reason: string; sourceAgencyId: string | null; note: string | null; withheldAt: Date }[];
  packs: Awaited<ReturnType<typeof responsePacksFor>>;
}

export async function viewRightsRequest(deps: Deps, actor: Actor, requestId: string): Promise<Outcome<RightsRequestView>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await rightsRequestFor(trx, actor, requestId, 'rights-request.viewed');
    if (!row) return notFound;
    const now = deps.now();
    const clock = rightsClock(await clockFacts(trx, row), now);
    const { sealed, ...request } = row;
    const s = unsealAs(deps.keyring, 'rights-request', row.id, sealed);
    const access = row.kind === 'access' && row.child_id ? await readAccess(deps, trx, { ...row, child_id: row.child_id }) : null;
    const withheld = (await withheldFor(trx, row.partnership_id, row.id)).map((w) => ({
      itemRef: w.item_ref,
      reason: w.reason,
      sourceAgencyId: w.source_agency_id,
      note: w.sealed ? unsealAs(deps.keyring, 'rights-withheld', `${row.id}:${w.item_ref}`, w.sealed).note : null,
      withheldAt: w.withheld_at,
    }));
    const events = (await rightsEvents(trx, row.partnership_id, row.id)).map((e) => ({
      at: e.at,
      kind: e.kind,
      byName: e.by_name,
      details: e.details,
      note: e.sealed ? unsealAs(deps.keyring, 'rights-event', e.id, e.sealed).note : null,
    }));
    await appendAudit(trx, auditActor(actor), {
      action: 'rights-request.viewed',
      subjectType: 'rights-request',
      subjectId: row.id,
      childId: row.child_id ?? undefined,
      details: access ? { entries: access.entries.length, sources: access.sources.length } : {},
    });
    return ok({
      request,
      summary: s.summary,
      evidence: s.evidence,
      reasons: s.reasons,
      clock,
      clockState: rightsClockState(clock, row.status as RightsStatus, now),
      events,
      access,
      consultations: await consultationsFor(trx, row.partnership_id, row.id),
      withheld,
      packs: await responsePacksFor(trx, row.partnership_id, row.id),
    });
  });
}
