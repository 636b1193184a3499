// Keep what the sender has typed into the send form so far, under their decision to share: the
// form adds and removes items one at a time, each by a post that saves the draft and redirects
// back to the form (no JavaScript needed). Only the person who may send under the decision saves a
// draft, and only while nothing has been sent under it. The draft is sealed under its own data
// key; it is written with its audit event (no content in the event) and discarded once sent.
import { sendContext, upsertDisclosureDraft } from '../../db/queries/disclosures.ts';
import { MAX_ITEMS, sendBlockers, sendBlockerText } from '../../domain/disclosures.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor, scopeOf } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { auditRefusal, isUuid, reachChild } from '../kernel/gateway.ts';
import { conflict, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { type DisclosureDraft, sealAs } from '../kernel/sealed.ts';
import { sendingDecision } from '../kernel/sending.ts';

export async function saveDisclosureDraft(deps: Deps, actor: Actor, decisionId: string, draft: DisclosureDraft): Promise<Outcome<{ items: number }>> {
  return deps.db.transaction().execute(async (trx) => {
    const decision = isUuid(decisionId) ? await sendContext(trx, scopeOf(actor), decisionId) : undefined;
    const blockers = decision ? sendBlockers(actor, sendingDecision(decision, deps.packs, deps.now())) : [];
    if (!decision || blockers.includes('not_decider')) {
      await auditRefusal(trx, actor, 'decision', 'disclosure.draft-saved', decisionId, decision?.child_id);
      return notFound;
    }
    if (!(await reachChild(trx, actor, decision.child_id, 'disclosure.draft-saved'))) return notFound;
    if (blockers.includes('already_sent')) return conflict(sendBlockerText.already_sent);
    if (draft.rows.length > MAX_ITEMS) return invalid([{ path: 'items', message: `Send at most ${MAX_ITEMS} items at once` }]);
    const now = deps.now();
    await upsertDisclosureDraft(trx, {
      partnership_id: actor.partnershipId,
      decision_id: decision.id,
      user_id: actor.userId,
      sealed: JSON.stringify(sealAs(deps.keyring, 'disclosure-draft', decision.id, draft)),
      saved_at: now,
    });
    await appendAudit(trx, auditActor(actor), {
      action: 'disclosure.draft-saved',
      subjectType: 'decision',
      subjectId: decision.id,
      childId: decision.child_id,
      details: { items: draft.rows.length },
    });
    return ok({ items: draft.rows.length });
  });
}
