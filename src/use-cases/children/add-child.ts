// Add a child or young person to the partnership's records, held by the actor's agency.
// If the partnership already holds a record with the same NHS number AND date of birth, the
// actor's agency is recorded as involved with that record instead of creating a duplicate.
// Otherwise a new record is created — also when the NHS number is held with another date of birth,
// so the answer never says whether a number exists (ADR 0042); that conflict is audited for the
// partnership's information governance staff to resolve. Adding is rate limited per person.
import { randomUUID } from 'node:crypto';
import { findChildByIdentity, insertChild, insertInvolvement, involvementsRecordedSince, nhsNumberHeld, recordInvolvement } from '../../db/queries/children.ts';
import { partnershipPack } from '../../db/queries/partnerships.ts';
import { CHILD_ADDING_LIMIT, CHILD_ADDING_LIMIT_REASON, mayAddAnotherChild, validateChildDetails } from '../../domain/children.ts';
import { londonDate } from '../../domain/dates.ts';
import { mayWorkWithChildren } from '../../domain/people.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { forbidden, invalid, type Outcome, ok } from '../kernel/outcome.ts';

export interface AddedChild {
  childId: string;
  linkedToExisting: boolean;
}

export async function addChild(deps: Deps, actor: Actor, input: unknown): Promise<Outcome<AddedChild>> {
  const now = deps.now();
  // Who the protocol covers is the partnership's pack's `ageScope` (e.g. Haringey 2006 s.2.1: to 19).
  const ref = await partnershipPack(deps.db, actor.partnershipId);
  const pack = deps.packs.get(ref);
  if (!pack) throw new Error(`The partnership's protocol pack ${ref} is not loaded`);
  const v = validateChildDetails(input, londonDate(now), pack.ageScope);
  if (!v.ok) return invalid(v.errors);
  const c = v.value;

  return deps.db.transaction().execute(async (trx) => {
    if (!mayWorkWithChildren(actor)) {
      await appendAudit(trx, auditActor(actor), { action: 'child.create-refused', outcome: 'denied', subjectType: 'child', details: { reason: 'administration_role_only' } });
      return forbidden('Administrators and partnership managers do not work with children’s records unless they also hold a practitioner role.');
    }
    const recent = await involvementsRecordedSince(trx, actor.partnershipId, actor.userId, new Date(now.getTime() - CHILD_ADDING_LIMIT.windowMinutes * 60_000));
    if (!mayAddAnotherChild(recent)) {
      await appendAudit(trx, auditActor(actor), { action: 'child.create-refused', outcome: 'denied', subjectType: 'child', details: { reason: 'rate_limited' } });
      return forbidden(CHILD_ADDING_LIMIT_REASON);
    }
    let identityConflict = false;
    if (c.nhsNumber) {
      const existing = await findChildByIdentity(trx, actor.partnershipId, c.nhsNumber, c.dateOfBirth);
      if (existing) {
        await recordInvolvement(trx, { partnership_id: actor.partnershipId, child_id: existing.id, agency_id: actor.agencyId, kind: 'involved', recorded_by: actor.userId, recorded_at: now });
        await appendAudit(trx, auditActor(actor), {
          action: 'involvement.recorded',
          subjectType: 'child',
          subjectId: existing.id,
          childId: existing.id,
          details: { matchedOn: ['nhs_number', 'date_of_birth'] },
        });
        return ok({ childId: existing.id, linkedToExisting: true });
      }
      identityConflict = await nhsNumberHeld(trx, actor.partnershipId, c.nhsNumber);
    }
    const childId = randomUUID();
    await insertChild(trx, {
      partnership_id: actor.partnershipId,
      id: childId,
      given_name: c.givenName,
      family_name: c.familyName,
      aliases: c.aliases,
      date_of_birth: c.dateOfBirth,
      gender: c.gender,
      ethnicity: c.ethnicity,
      address: c.address,
      postcode: c.postcode,
      phone: c.phone,
      current_setting: c.currentSetting,
      nhs_number: c.nhsNumber,
      care_leaver: c.careLeaver,
      send: c.send,
      created_by: actor.userId,
      created_at: now,
    });
    await insertInvolvement(trx, { partnership_id: actor.partnershipId, child_id: childId, agency_id: actor.agencyId, kind: 'holds_record', recorded_by: actor.userId, recorded_at: now });
    // The same answer as for a new NHS number; only the audit log (read by IG staff) records that
    // the number is also held with another date of birth, so the records can be checked.
    await appendAudit(trx, auditActor(actor), {
      action: 'child.created',
      subjectType: 'child',
      subjectId: childId,
      childId,
      ...(identityConflict ? { details: { nhsNumberAlsoHeldWithAnotherDateOfBirth: true } } : {}),
    });
    return ok({ childId, linkedToExisting: false });
  });
}
