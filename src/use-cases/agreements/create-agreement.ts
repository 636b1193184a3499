// Set up an agreement: the partnership's information sharing agreement, tied to the pack version
// the partnership is on, or a second-tier agreement between some of its parties for a narrower
// purpose (Derby & Derbyshire 2015 s.1). Only the partnership manager does this. The parties are
// agencies of the partnership, each with its role; the first review date defaults to the pack's
// review cycle from the effective date, which defaults to the pack's `dates.effective` (Haringey 2006 s.5.1; Wirral 2022 App. 2 s.5.2).
import { randomUUID } from 'node:crypto';
import { insertAgreement, mainAgreement, partnershipAgencies } from '../../db/queries/agreements.ts';
import { partnershipPack } from '../../db/queries/partnerships.ts';
import { canManageAgreements, createAgreementSchema, nextReviewOn } from '../../domain/agreements.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { type FieldError, fieldErrors, forbidden, invalid, type Outcome, ok } from '../kernel/outcome.ts';
import { once, type Replayable, type Submission } from '../kernel/submissions.ts';
import { agreementFor } from './_agreements.ts';

export async function createAgreement(deps: Deps, actor: Actor, input: unknown, submission?: Submission): Promise<Outcome<Replayable<{ agreementId: string }>>> {
  if (!canManageAgreements(actor)) return forbidden('Only the partnership manager sets up agreements');
  const parsed = createAgreementSchema.safeParse(input ?? {});
  if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
  const a = parsed.data;
  return deps.db.transaction().execute((trx) =>
    once(trx, actor, 'agreement.create', submission, deps.now(), async () => {
      const errors: FieldError[] = [];
      const agencies = await partnershipAgencies(trx, actor.partnershipId);
      const seen = new Set<string>();
      a.parties.forEach((p, i) => {
        const agency = agencies.find((g) => g.id === p.agencyId && g.active);
        if (!agency) errors.push({ path: `parties.${i}.agencyId`, message: 'Select an agency of the partnership' });
        else if (seen.has(p.agencyId)) errors.push({ path: `parties.${i}.agencyId`, message: `${agency.name} is already a party` });
        seen.add(p.agencyId);
      });
      let pack = await partnershipPack(trx, actor.partnershipId);
      if (a.parentId) {
        const parent = await agreementFor(trx, actor, a.parentId, 'agreement.created');
        if (!parent || parent.parent_id !== null || parent.status !== 'in_force') errors.push({ path: 'parentId', message: 'Select the partnership’s agreement in force' });
        else {
          pack = parent.pack;
          a.parties.forEach((p, i) => {
            if (!parent.party_agency_ids.includes(p.agencyId)) errors.push({ path: `parties.${i}.agencyId`, message: 'A second-tier agreement is between parties to the main agreement' });
          });
        }
        if (!a.purpose) errors.push({ path: 'purpose', message: 'Enter the narrower purpose of the second-tier agreement' });
      } else if (await mainAgreement(trx, actor.partnershipId)) {
        errors.push({ path: 'title', message: 'The partnership already has an agreement in force: change it through a proposal to move to a new protocol version' });
      }
      const p = deps.packs.get(pack);
      if (!p) return invalid([{ path: 'title', message: `The partnership's protocol pack ${pack} is not loaded` }]);
      // The protocol's effective date is the agreement's unless the manager gives another (pack `dates.effective`).
      const effectiveOn = a.effectiveOn ?? p.dates.effective;
      if (a.reviewOn && a.reviewOn < effectiveOn) errors.push({ path: 'reviewOn', message: 'The review date must be after the date the agreement takes effect' });
      if (errors.length) return invalid(errors);
      const id = randomUUID();
      const reviewOn = a.reviewOn ?? nextReviewOn(p, { effectiveOn, reviewOn: null, lastReviewedOn: null });
      await insertAgreement(
        trx,
        {
          partnership_id: actor.partnershipId,
          id,
          parent_id: a.parentId ?? null,
          pack,
          title: a.title,
          purpose: a.purpose ?? null,
          effective_on: effectiveOn,
          review_on: reviewOn,
          status: 'in_force',
          created_by: actor.userId,
        },
        a.parties.map((x) => ({ partnership_id: actor.partnershipId, agreement_id: id, agency_id: x.agencyId, role: x.role })),
      );
      await appendAudit(trx, auditActor(actor), {
        action: 'agreement.created',
        subjectType: 'agreement',
        subjectId: id,
        details: { pack, parentId: a.parentId ?? null, effectiveOn, reviewOn, parties: a.parties.length },
      });
      return ok({ agreementId: id });
    }),
  );
}
