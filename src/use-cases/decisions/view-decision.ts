// Read one recorded decision in full, including its sealed narrative. Audited.
import { sendContext } from '../../db/queries/disclosures.ts';
import type { Decision } from '../../domain/decision/engine.ts';
import { type SendBlocker, sendBlockers } from '../../domain/disclosures.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor, scopeOf } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { DECISION, reach } from '../kernel/gateway.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { unsealAs } from '../kernel/sealed.ts';
import { sendingDecision } from '../kernel/sending.ts';

export interface DecisionView {
  id: string;
  childId: string;
  childName: string;
  decidedAt: Date;
  decidedBy: { id: string; name: string };
  agency: { id: string; name: string };
  pack: string;
  engineVersion: string;
  answers: Record<string, unknown>;
  result: Decision;
  action: 'shared' | 'not_shared';
  recipient: { agencyId: string | null; name: string };
  purpose: string;
  consent: string | null;
  purposeDetail: string;
  informationShared: string | null;
  reasons: string | null;
  /** Why the actor cannot send information under this decision now (none: they can). */
  sendBlockers: SendBlocker[];
}

export async function viewDecision(deps: Deps, actor: Actor, decisionId: string): Promise<Outcome<DecisionView>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await reach(trx, actor, DECISION, decisionId, 'decision.viewed', (d) => Boolean(d.child_visible));
    if (!row) return notFound;
    const narrative = unsealAs(deps.keyring, 'decision', row.id, row.sealed);
    const sending = await sendContext(trx, scopeOf(actor), row.id);
    await appendAudit(trx, auditActor(actor), { action: 'decision.viewed', subjectType: 'decision', subjectId: row.id, childId: row.child_id });
    return ok({
      id: row.id,
      childId: row.child_id,
      childName: `${row.child_given_name} ${row.child_family_name}`,
      decidedAt: row.decided_at,
      decidedBy: { id: row.decided_by, name: row.decided_by_name },
      agency: { id: row.agency_id, name: row.agency_name },
      pack: row.pack,
      engineVersion: row.engine_version,
      answers: row.answers,
      result: row.result as unknown as Decision,
      action: row.action as 'shared' | 'not_shared',
      recipient: { agencyId: row.recipient_agency_id, name: row.recipient_agency_name ?? row.recipient_other ?? '' },
      purpose: row.purpose,
      consent: row.consent,
      ...narrative,
      sendBlockers: sending ? sendBlockers(actor, sendingDecision(sending, deps.packs, deps.now())) : ['not_decider'],
    });
  });
}
