// A party proposes a change to the agreement (Derby & Derbyshire 2015 s.5 para. 1 "Any partner can
// propose changes to this protocol"; Haringey 2006 s.5): what would change and, if it is a new
// protocol version, the pack version the partnership would move to and from when. The parties the
// pack names to agree (`dates.reviewApprovedBy`: Wirral 2022 App. 2 s.5.2–5.3 the statutory
// partners; Haringey 2006 s.5.4 every partner) are asked to. A party proposes through its
// nominated officer, or the partnership manager for their own agency.
import { randomUUID } from 'node:crypto';
import { insertChange, signatureRegister } from '../../db/queries/agreements.ts';
import { checkProposal, proposeChangeSchema } from '../../domain/agreement-changes.ts';
import { reviewApprovers } from '../../domain/agreement-reviews.ts';
import { canManageAgreements, canSignFor, signingRoles } from '../../domain/agreements.ts';
import { londonDateOf } from '../../domain/clocks.ts';
import { packRef } from '../../domain/protocol/pack.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { agreementFor, packOf } from './_agreements.ts';

export async function proposeChange(deps: Deps, actor: Actor, agreementId: string, input: unknown): Promise<Outcome<{ changeId: string }>> {
  const parsed = proposeChangeSchema.safeParse(input ?? {});
  return deps.db.transaction().execute(async (trx) => {
    const agreement = await agreementFor(trx, actor, agreementId, 'agreement.change-proposed');
    if (!agreement) return notFound;
    if (agreement.status !== 'in_force') return conflict('This agreement has been superseded: propose changes to the agreement in force.');
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    const c = parsed.data;
    const pack = packOf(deps, agreement);
    const agencyId = c.agencyId ?? actor.agencyId;
    if (!agreement.party_agency_ids.includes(agencyId)) return invalid([{ path: 'agencyId', message: 'Only a party to the agreement can propose a change to it' }]);
    if (!canSignFor(actor, pack, agencyId) && !(canManageAgreements(actor) && actor.agencyId === agencyId))
      return invalid([{ path: 'agencyId', message: 'A party proposes a change through its nominated officer' }]);
    const today = londonDateOf(deps.now());
    const errors = checkProposal(c, { currentPack: agreement.pack, knownPacks: deps.packs.all().map(packRef), pendingMove: agreement.next_pack !== null }, today);
    if (errors.length) return invalid(errors);
    const id = randomUUID();
    await insertChange(trx, {
      partnership_id: actor.partnershipId,
      id,
      agreement_id: agreement.id,
      proposed_by: actor.userId,
      proposing_agency_id: agencyId,
      summary: c.summary,
      from_pack: agreement.pack,
      to_pack: c.toPack ?? null,
      effective_on: c.toPack ? (c.effectiveOn ?? null) : null,
      status: 'proposed',
    });
    const approvers = reviewApprovers(pack, await signatureRegister(trx, actor.partnershipId, agreement.id));
    await appendAudit(trx, auditActor(actor), {
      action: 'agreement.change-proposed',
      subjectType: 'agreement',
      subjectId: agreement.id,
      details: { changeId: id, agencyId, fromPack: agreement.pack, toPack: c.toPack ?? null, effectiveOn: c.toPack ? c.effectiveOn : null, approvers: approvers.map((a) => a.agency_id) },
    });
    const link = `/partnership/agreements/${agreement.id}`;
    for (const a of approvers) await notify(trx, deps.now(), actor.partnershipId, 'agreement.change-proposed', link, { agency: { agencyId: a.agency_id, roles: signingRoles(pack) } }, actor.userId);
    return ok({ changeId: id });
  });
}
