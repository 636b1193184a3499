// Consult each agency whose information an access response would release, inside Concord, on
// whether an exemption applies — risk of serious harm, third-party information, crime prevention —
// each with its own deadline (Sandwell 2022 s.11.1 "consult … in relation to any source supplied
// personal data to establish any applicable non-disclosure exemption"; Wirral 2022 App. 2 s.4.3).
// The source agency's IG lead is told, without personal data.
import { randomUUID } from 'node:crypto';
import { consultationsFor, insertConsultations } from '../../db/queries/rights.ts';
import { consultationDueAt, rightsClock } from '../../domain/rights.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { readAccess } from './_access.ts';
import { addRightsEvent, clockFacts, rightsRequestFor } from './_steps.ts';

export async function consultSources(deps: Deps, actor: Actor, requestId: string): Promise<Outcome<{ consulted: number }>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await rightsRequestFor(trx, actor, requestId, 'rights-request.sources-consulted');
    if (!row) return notFound;
    if (row.kind !== 'access' || !row.child_id) return conflict('Only an access request consults the source agencies.');
    if (row.status !== 'open' && row.status !== 'awaiting_clarification') return conflict('Confirm the requester’s identity before consulting other agencies.');
    const now = deps.now();
    const access = await readAccess(deps, trx, { ...row, child_id: row.child_id });
    const already = new Set((await consultationsFor(trx, row.partnership_id, row.id)).map((c) => c.source_agency_id));
    const fresh = access.sources.filter((s) => !already.has(s.agencyId));
    const dueAt = consultationDueAt(now, rightsClock(await clockFacts(trx, row), now).dueAt);
    await insertConsultations(
      trx,
      fresh.map((s) => ({ partnership_id: row.partnership_id, id: randomUUID(), request_id: row.id, source_agency_id: s.agencyId, asked_at: now, due_at: dueAt })),
    );
    await addRightsEvent(deps, trx, actor, row.id, 'consulted', { details: { agencies: fresh.map((s) => s.agencyId), dueAt: dueAt.toISOString() } });
    await appendAudit(trx, auditActor(actor), {
      action: 'rights-request.sources-consulted',
      subjectType: 'rights-request',
      subjectId: row.id,
      childId: row.child_id,
      details: { agencies: fresh.map((s) => s.agencyId), entries: access.entries.length, dueAt: dueAt.toISOString() },
    });
    for (const s of fresh)
      await notify(trx, now, row.partnership_id, 'rights.consultation-requested', '/rights-requests/consultations', { agency: { agencyId: s.agencyId, roles: ['ig_lead'] } }, actor.userId);
    return ok({ consulted: fresh.length });
  });
}
