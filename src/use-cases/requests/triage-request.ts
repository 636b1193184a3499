// The receiving agency's SPoC scrutinises a request (Wirral 2022 s.3.7–3.8: a clear purpose and
// appropriate consent) and accepts it — the agency is then recorded as involved with the child, so
// the responder can find the child and record a decision — or returns it to the requester with reasons.
import { recordInvolvement } from '../../db/queries/children.ts';
import { noteError } from '../../domain/exchange.ts';
import { canTriage, checkTriage, requestRules } from '../../domain/requests.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { requesterOf, requestStep } from './_steps.ts';

export interface TriageInput {
  /** When the request was last changed, as the page showed it (optimistic concurrency). */
  seen?: string | null;
  outcome?: string;
  checks?: string[];
  note?: string | null;
}

export async function triageRequest(deps: Deps, actor: Actor, requestId: string, input: TriageInput) {
  const accept = input.outcome === 'accept';
  const note = input.note?.trim() || null;
  return requestStep(deps, actor, requestId, {
    seen: input.seen,
    action: accept ? 'request.accepted' : 'request.returned',
    allowed: (p) => canTriage(actor, p),
    event: accept ? 'accept' : 'return',
    errors: noteError(note, false),
    check: async (row) => checkTriage(requestRules(deps.packs.get(row.pack)!), { outcome: input.outcome, checks: input.checks ?? [], note }),
    note,
    details: accept ? { checks: input.checks ?? [] } : {},
    notify: (row) => (accept ? undefined : { kind: 'request.returned', to: requesterOf(row) }),
    also: async (row, trx) => {
      if (!accept) return;
      const added = await recordInvolvement(trx, { partnership_id: actor.partnershipId, child_id: row.child_id, agency_id: actor.agencyId, kind: 'involved', recorded_by: actor.userId });
      return added ? [{ action: 'involvement.recorded', subjectType: 'child', subjectId: row.child_id, childId: row.child_id, details: { agencyId: actor.agencyId, reason: 'request accepted' } }] : [];
    },
  });
}
