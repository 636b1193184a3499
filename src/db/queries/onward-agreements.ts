// Onward agreement queries: a request for an originator's agreement to pass received information
// on, with the names its page needs; those waiting on an agency; and the agreements about one
// received disclosure.
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, OnwardAgreementItemTable, OnwardAgreementTable } from '../schema.ts';
import type { Scope } from './scope.ts';

/** One agreement with its parties' names, and whether `userId` originated an item of the
 *  information it is about. */
export async function findAgreement(db: Kysely<DB>, partnershipId: string, agreementId: string, userId: string) {
  return db
    .selectFrom('onward_agreement as g')
    .innerJoin('agency as ra', (j) => j.onRef('ra.partnership_id', '=', 'g.partnership_id').onRef('ra.id', '=', 'g.requesting_agency_id'))
    .innerJoin('agency as ta', (j) => j.onRef('ta.partnership_id', '=', 'g.partnership_id').onRef('ta.id', '=', 'g.to_agency_id'))
    .innerJoin('agency as oa', (j) => j.onRef('oa.partnership_id', '=', 'g.partnership_id').onRef('oa.id', '=', 'g.originator_agency_id'))
    .innerJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'g.partnership_id').onRef('u.id', '=', 'g.requested_by'))
    .innerJoin('child as c', (j) => j.onRef('c.partnership_id', '=', 'g.partnership_id').onRef('c.id', '=', 'g.child_id'))
    .selectAll('g')
    .select(['ra.name as requesting_agency_name', 'ta.name as to_agency_name', 'oa.name as originator_agency_name', 'u.display_name as requested_by_name', 'c.given_name', 'c.family_name'])
    .select(({ exists, selectFrom }) =>
      exists(
        selectFrom('disclosure_item as i')
          .select('i.id')
          .whereRef('i.partnership_id', '=', 'g.partnership_id')
          .whereRef('i.disclosure_id', '=', 'g.disclosure_id')
          .where('i.originator_user_id', '=', userId),
      ).as('user_originated_item'),
    )
    .where('g.partnership_id', '=', partnershipId)
    .where('g.id', '=', agreementId)
    .executeTakeFirst();
}
export type AgreementRow = NonNullable<Awaited<ReturnType<typeof findAgreement>>>;

export async function insertAgreement(db: Kysely<DB>, row: Insertable<OnwardAgreementTable>) {
  await db.insertInto('onward_agreement').values(row).execute();
}

export async function updateAgreement(db: Kysely<DB>, partnershipId: string, agreementId: string, patch: Updateable<OnwardAgreementTable>) {
  await db.updateTable('onward_agreement').set(patch).where('partnership_id', '=', partnershipId).where('id', '=', agreementId).execute();
}

/** The originators the scope's agency has asked (and not been refused) about passing a disclosure to an agency. */
export async function pendingOrAgreed(db: Kysely<DB>, scope: Scope, disclosureId: string, toAgencyId: string) {
  return db
    .selectFrom('onward_agreement')
    .select('originator_agency_id')
    .where('partnership_id', '=', scope.partnershipId)
    .where('disclosure_id', '=', disclosureId)
    .where('requesting_agency_id', '=', scope.agencyId)
    .where('to_agency_id', '=', toAgencyId)
    .where('status', 'in', ['requested', 'agreed'])
    .execute();
}

/** The scope's agency's requests for agreement about one received disclosure, with names. */
export async function agreementsAbout(db: Kysely<DB>, scope: Scope, disclosureId: string) {
  return db
    .selectFrom('onward_agreement as g')
    .innerJoin('agency as oa', (j) => j.onRef('oa.partnership_id', '=', 'g.partnership_id').onRef('oa.id', '=', 'g.originator_agency_id'))
    .innerJoin('agency as ta', (j) => j.onRef('ta.partnership_id', '=', 'g.partnership_id').onRef('ta.id', '=', 'g.to_agency_id'))
    .select(['g.id', 'g.status', 'g.requested_at', 'g.answered_at', 'g.sealed', 'g.to_agency_id', 'oa.name as originator_agency_name', 'ta.name as to_agency_name'])
    .where('g.partnership_id', '=', scope.partnershipId)
    .where('g.disclosure_id', '=', disclosureId)
    .where('g.requesting_agency_id', '=', scope.agencyId)
    .orderBy('g.requested_at')
    .execute();
}

/** Active agencies (not the scope's own) some originator has agreed (in whole or in part) the scope's agency may pass a disclosure to. */
export async function agreedRecipients(db: Kysely<DB>, scope: Scope, disclosureId: string) {
  return db
    .selectFrom('onward_agreement as g')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'g.partnership_id').onRef('a.id', '=', 'g.to_agency_id'))
    .select(['a.id', 'a.name'])
    .distinct()
    .where('g.partnership_id', '=', scope.partnershipId)
    .where('g.disclosure_id', '=', disclosureId)
    .where('g.requesting_agency_id', '=', scope.agencyId)
    .where('g.status', 'in', ['agreed', 'partly_agreed'])
    .where('a.active', '=', true)
    .where('a.id', '!=', scope.agencyId)
    .orderBy('a.name')
    .execute();
}

/** Requests for agreement waiting on the scope's agency as originator: all of them for its leads,
 *  or those about items one person originated. */
export async function agreementsAwaiting(db: Kysely<DB>, scope: Scope, onlyOriginator: string | null) {
  return db
    .selectFrom('onward_agreement as g')
    .innerJoin('child as c', (j) => j.onRef('c.partnership_id', '=', 'g.partnership_id').onRef('c.id', '=', 'g.child_id'))
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'g.partnership_id').onRef('a.id', '=', 'g.requesting_agency_id'))
    .select(['g.id', 'g.requested_at as at', 'c.given_name', 'c.family_name', 'a.name as agency_name'])
    .where('g.partnership_id', '=', scope.partnershipId)
    .where('g.originator_agency_id', '=', scope.agencyId)
    .where('g.status', '=', 'requested')
    .$if(onlyOriginator !== null, (q) =>
      q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('disclosure_item as i')
            .select('i.id')
            .whereRef('i.partnership_id', '=', 'g.partnership_id')
            .whereRef('i.disclosure_id', '=', 'g.disclosure_id')
            .where('i.originator_user_id', '=', onlyOriginator!),
        ),
      ),
    )
    .orderBy('g.requested_at')
    .execute();
}

/** An originator's answer, item by item (one row per item answered). */
export async function insertAgreementItems(db: Kysely<DB>, rows: Insertable<OnwardAgreementItemTable>[]) {
  if (rows.length) await db.insertInto('onward_agreement_item').values(rows).execute();
}

/** The answers given, item by item, in some agreements. */
export async function agreementItemAnswers(db: Kysely<DB>, partnershipId: string, agreementIds: readonly string[]) {
  if (!agreementIds.length) return [];
  return db
    .selectFrom('onward_agreement_item')
    .select(['agreement_id', 'item_id', 'agreed'])
    .where('partnership_id', '=', partnershipId)
    .where('agreement_id', 'in', [...agreementIds])
    .execute();
}

/** Every answer, item by item, to the requesting agency's requests to pass a disclosure on to
 *  `toAgencyId`, with the agreement (its sealed reasons) and the originator's name. */
export async function onwardItemAnswers(db: Kysely<DB>, partnershipId: string, disclosureId: string, requestingAgencyId: string, toAgencyId: string) {
  return db
    .selectFrom('onward_agreement_item as ai')
    .innerJoin('onward_agreement as g', (j) => j.onRef('g.partnership_id', '=', 'ai.partnership_id').onRef('g.id', '=', 'ai.agreement_id'))
    .innerJoin('agency as oa', (j) => j.onRef('oa.partnership_id', '=', 'g.partnership_id').onRef('oa.id', '=', 'g.originator_agency_id'))
    .select(['ai.item_id', 'ai.agreed', 'g.id as agreement_id', 'g.sealed', 'g.answered_at', 'oa.name as originator_agency_name'])
    .where('g.partnership_id', '=', partnershipId)
    .where('g.disclosure_id', '=', disclosureId)
    .where('g.requesting_agency_id', '=', requestingAgencyId)
    .where('g.to_agency_id', '=', toAgencyId)
    .orderBy('g.answered_at')
    .execute();
}
