// A party the pack names agrees to a proposed change, through its nominated officer (Wirral 2022
// App. 2 s.5.3 "changes … agreed by the statutory partners"; Derby & Derbyshire 2015 s.5 para. 1;
// Haringey 2006 s.5.4 every partner) — recorded with who and when. When every one of them has, the
// change is agreed; a move to a new pack version then waits on the agreement until its effective
// date (or today, if that has passed), when the partnership moves to it and every party must have
// signed the new version to stay in force (ADR 0088). Everyone party to it is told.
import { applyMove, changeApprovals, insertChangeApproval, lockChange, markChangeAgreed, signatureRegister } from '../../db/queries/agreements.ts';
import { changeAgreed, movesOn } from '../../domain/agreement-changes.ts';
import { reviewApprovers } from '../../domain/agreement-reviews.ts';
import { canSignFor, signingRoles } from '../../domain/agreements.ts';
import { londonDateOf } from '../../domain/clocks.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { isUuid } from '../kernel/gateway.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { agreementFor, packOf } from './_agreements.ts';

export async function agreeChange(
  deps: Deps,
  actor: Actor,
  agreementId: string,
  changeId: string,
  input: { agencyId?: string },
): Promise<Outcome<{ agreed: boolean; movesOn: string | null; toPack: string | null }>> {
  return deps.db.transaction().execute(async (trx) => {
    const agreement = await agreementFor(trx, actor, agreementId, 'agreement.change-agreed');
    if (!agreement) return notFound;
    const change = isUuid(changeId) ? await lockChange(trx, actor.partnershipId, agreement.id, changeId) : undefined;
    if (!change) return notFound;
    if (change.status !== 'proposed') return conflict('This change has already been agreed.');
    if (change.from_pack !== agreement.pack) return conflict('The agreement has moved to another version since this change was proposed: propose it again.');
    const pack = packOf(deps, agreement);
    const parties = await signatureRegister(trx, actor.partnershipId, agreement.id);
    const approvers = reviewApprovers(pack, parties).map((p) => p.agency_id);
    const agencyId = input.agencyId || actor.agencyId;
    if (!approvers.includes(agencyId)) return invalid([{ path: 'agencyId', message: 'Your agency is not one of the parties the protocol names to agree changes' }]);
    if (!canSignFor(actor, pack, agencyId)) return invalid([{ path: 'agencyId', message: 'Only your agency’s nominated officer agrees a change for it' }]);
    if (!(await insertChangeApproval(trx, { partnership_id: actor.partnershipId, change_id: change.id, agency_id: agencyId, agreed_by: actor.userId })))
      return conflict('Your agency has already agreed to this change.');
    const agreed = changeAgreed(approvers, await changeApprovals(trx, actor.partnershipId, change.id));
    const today = londonDateOf(deps.now());
    const move = agreed && change.to_pack && change.effective_on ? { pack: change.to_pack, on: movesOn(change.effective_on, today) } : null;
    if (agreed && move && agreement.next_pack) return conflict('A move to a new version is already agreed and waiting for its date.');
    if (agreed) await markChangeAgreed(trx, actor.partnershipId, { id: change.id, agreementId: agreement.id, agreedOn: today, move });
    await appendAudit(trx, auditActor(actor), {
      action: 'agreement.change-agreed',
      subjectType: 'agreement',
      subjectId: agreement.id,
      details: { changeId: change.id, agencyId, agreed, ...(move ? { toPack: move.pack, movesOn: move.on } : {}) },
    });
    // A move agreed on or after its effective date is made now; a later one by the job (apply-pack-moves).
    if (move && move.on <= today) {
      const done = await applyMove(trx, actor.partnershipId, agreement.id, today, deps.now());
      if (done)
        await appendAudit(trx, auditActor(actor), {
          action: 'agreement.version-moved',
          subjectType: 'agreement',
          subjectId: agreement.id,
          details: { fromPack: done.from, toPack: done.to, changeId: done.changeId, on: today },
        });
    }
    if (agreed) {
      const link = `/partnership/agreements/${agreement.id}`;
      for (const p of parties) await notify(trx, deps.now(), actor.partnershipId, 'agreement.change-agreed', link, { agency: { agencyId: p.agency_id, roles: signingRoles(pack) } }, actor.userId);
    }
    return ok({ agreed, movesOn: move?.on ?? null, toPack: move?.pack ?? null });
  });
}
