// Correction queries: a reported inaccuracy with the names its page needs, its deliveries to the
// agencies holding the item, the corrections of a disclosure's items, and those waiting on an agency.
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { CorrectionDeliveryTable, CorrectionTable, DB } from '../schema.ts';
import type { Scope } from './scope.ts';

/** One correction with its origin item and the names of those involved. */
export async function findCorrection(db: Kysely<DB>, partnershipId: string, correctionId: string) {
  return db
    .selectFrom('correction as c')
    .innerJoin('disclosure_item as i', (j) => j.onRef('i.partnership_id', '=', 'c.partnership_id').onRef('i.id', '=', 'c.origin_item_id'))
    .innerJoin('agency as oa', (j) => j.onRef('oa.partnership_id', '=', 'c.partnership_id').onRef('oa.id', '=', 'c.originator_agency_id'))
    .innerJoin('agency as ra', (j) => j.onRef('ra.partnership_id', '=', 'c.partnership_id').onRef('ra.id', '=', 'c.reporting_agency_id'))
    .innerJoin('staff_user as ru', (j) => j.onRef('ru.partnership_id', '=', 'c.partnership_id').onRef('ru.id', '=', 'c.reported_by'))
    .innerJoin('child as ch', (j) => j.onRef('ch.partnership_id', '=', 'c.partnership_id').onRef('ch.id', '=', 'c.child_id'))
    .selectAll('c')
    .select([
      'i.label',
      'i.kind',
      'i.disclosure_id as origin_disclosure_id',
      'i.originator_user_id',
      'oa.name as originator_agency_name',
      'ra.name as reporting_agency_name',
      'ru.display_name as reported_by_name',
      'ch.given_name',
      'ch.family_name',
    ])
    .where('c.partnership_id', '=', partnershipId)
    .where('c.id', '=', correctionId)
    .executeTakeFirst();
}
export type CorrectionRow = NonNullable<Awaited<ReturnType<typeof findCorrection>>>;

export async function insertCorrection(db: Kysely<DB>, row: Insertable<CorrectionTable>) {
  await db.insertInto('correction').values(row).execute();
}

export async function updateCorrection(db: Kysely<DB>, partnershipId: string, correctionId: string, patch: Updateable<CorrectionTable>) {
  await db.updateTable('correction').set(patch).where('partnership_id', '=', partnershipId).where('id', '=', correctionId).execute();
}

/** An undecided report by the scope's agency about an item, if there is one. */
export async function openReport(db: Kysely<DB>, scope: Scope, originItemId: string) {
  return db
    .selectFrom('correction')
    .select('id')
    .where('partnership_id', '=', scope.partnershipId)
    .where('origin_item_id', '=', originItemId)
    .where('reporting_agency_id', '=', scope.agencyId)
    .where('status', '=', 'reported')
    .executeTakeFirst();
}

/** Deliver a correction to each agency holding a copy (once per agency and disclosure). */
export async function insertDeliveries(db: Kysely<DB>, rows: Insertable<CorrectionDeliveryTable>[]) {
  if (rows.length)
    await db
      .insertInto('correction_delivery')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/** A correction's deliveries, by agency name, with who acknowledged each. */
export async function correctionDeliveries(db: Kysely<DB>, partnershipId: string, correctionId: string) {
  return db
    .selectFrom('correction_delivery as cd')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'cd.partnership_id').onRef('a.id', '=', 'cd.agency_id'))
    .leftJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'cd.partnership_id').onRef('u.id', '=', 'cd.acknowledged_by'))
    .select(['a.name as agency_name', 'cd.delivered_at', 'cd.acknowledged_at', 'u.display_name as acknowledged_by_name'])
    .where('cd.partnership_id', '=', partnershipId)
    .where('cd.correction_id', '=', correctionId)
    .orderBy('a.name')
    .execute();
}

/** The delivery of a correction to the scope's agency in one disclosure, locked for update. */
export async function lockDelivery(db: Kysely<DB>, scope: Scope, correctionId: string, disclosureId: string) {
  return db
    .selectFrom('correction_delivery')
    .select(['acknowledged_at'])
    .where('partnership_id', '=', scope.partnershipId)
    .where('correction_id', '=', correctionId)
    .where('agency_id', '=', scope.agencyId)
    .where('disclosure_id', '=', disclosureId)
    .forUpdate()
    .executeTakeFirst();
}

export async function acknowledgeDelivery(db: Kysely<DB>, scope: Scope, correctionId: string, disclosureId: string, by: string, at: Date) {
  await db
    .updateTable('correction_delivery')
    .set({ acknowledged_by: by, acknowledged_at: at })
    .where('partnership_id', '=', scope.partnershipId)
    .where('correction_id', '=', correctionId)
    .where('agency_id', '=', scope.agencyId)
    .where('disclosure_id', '=', disclosureId)
    .execute();
}

/** Corrections of items (by origin item), with their delivery to the scope's agency in one disclosure. */
export async function itemCorrections(db: Kysely<DB>, scope: Scope, disclosureId: string, originItemIds: string[]) {
  return db
    .selectFrom('correction as c')
    .leftJoin('correction_delivery as cd', (j) =>
      j.onRef('cd.partnership_id', '=', 'c.partnership_id').onRef('cd.correction_id', '=', 'c.id').on('cd.agency_id', '=', scope.agencyId).on('cd.disclosure_id', '=', disclosureId),
    )
    .select(['c.id', 'c.origin_item_id', 'c.status', 'c.decided_at', 'c.reporting_agency_id', 'c.sealed', 'cd.acknowledged_at', 'cd.delivered_at'])
    .where('c.partnership_id', '=', scope.partnershipId)
    .where('c.origin_item_id', 'in', originItemIds)
    .orderBy('c.reported_at')
    .execute();
}

/** Reported inaccuracies waiting on the scope's agency as originator: all for its leads, or those
 *  about items one person originated. */
export async function correctionsAwaiting(db: Kysely<DB>, scope: Scope, onlyOriginator: string | null) {
  return db
    .selectFrom('correction as k')
    .innerJoin('child as c', (j) => j.onRef('c.partnership_id', '=', 'k.partnership_id').onRef('c.id', '=', 'k.child_id'))
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'k.partnership_id').onRef('a.id', '=', 'k.reporting_agency_id'))
    .select(['k.id', 'k.reported_at as at', 'c.given_name', 'c.family_name', 'a.name as agency_name'])
    .where('k.partnership_id', '=', scope.partnershipId)
    .where('k.originator_agency_id', '=', scope.agencyId)
    .where('k.status', '=', 'reported')
    .$if(onlyOriginator !== null, (q) =>
      q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('disclosure_item as i')
            .select('i.id')
            .whereRef('i.partnership_id', '=', 'k.partnership_id')
            .whereRef('i.id', '=', 'k.origin_item_id')
            .where('i.originator_user_id', '=', onlyOriginator!),
        ),
      ),
    )
    .orderBy('k.reported_at')
    .execute();
}

/** Corrections delivered to the scope's agency and not yet acknowledged: all for its leads, or
 *  those in disclosures addressed to one person. */
export async function acknowledgementsAwaiting(db: Kysely<DB>, scope: Scope, onlyAddressedTo: string | null) {
  return db
    .selectFrom('correction_delivery as cd')
    .innerJoin('correction as k', (j) => j.onRef('k.partnership_id', '=', 'cd.partnership_id').onRef('k.id', '=', 'cd.correction_id'))
    .innerJoin('child as c', (j) => j.onRef('c.partnership_id', '=', 'k.partnership_id').onRef('c.id', '=', 'k.child_id'))
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'k.partnership_id').onRef('a.id', '=', 'k.originator_agency_id'))
    .select(['cd.correction_id as id', 'cd.disclosure_id', 'cd.delivered_at as at', 'c.given_name', 'c.family_name', 'a.name as agency_name'])
    .where('cd.partnership_id', '=', scope.partnershipId)
    .where('cd.agency_id', '=', scope.agencyId)
    .where('cd.acknowledged_at', 'is', null)
    .$if(onlyAddressedTo !== null, (q) =>
      q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('disclosure as d').select('d.id').whereRef('d.partnership_id', '=', 'cd.partnership_id').whereRef('d.id', '=', 'cd.disclosure_id').where('d.to_user_id', '=', onlyAddressedTo!),
        ),
      ),
    )
    .orderBy('cd.delivered_at')
    .execute();
}

/** The corrections the originators made to items (by origin item), oldest first, with who made
 *  each and for which agency: the last one of an item is its current version (Southampton 2010 s.9). */
export async function correctedVersions(db: Kysely<DB>, partnershipId: string, originItemIds: readonly string[]) {
  if (!originItemIds.length) return [];
  return db
    .selectFrom('correction as c')
    .innerJoin('agency as oa', (j) => j.onRef('oa.partnership_id', '=', 'c.partnership_id').onRef('oa.id', '=', 'c.originator_agency_id'))
    .leftJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'c.partnership_id').onRef('u.id', '=', 'c.decided_by'))
    .select(['c.id', 'c.origin_item_id', 'c.decided_at', 'c.sealed', 'u.display_name as decided_by_name', 'oa.name as originator_agency_name'])
    .where('c.partnership_id', '=', partnershipId)
    .where('c.origin_item_id', 'in', [...originItemIds])
    .where('c.status', '=', 'corrected')
    .orderBy('c.decided_at')
    .orderBy('c.id')
    .execute();
}

/** Undecided reports made before `before` in partnerships on one of `packs`, that nobody has been
 *  reminded about, oldest first, with their partnership's pack (the correction clock job). */
export async function undecidedReports(db: Kysely<DB>, packs: readonly string[], before: Date, batch: number) {
  if (!packs.length) return [];
  return db
    .selectFrom('correction as c')
    .innerJoin('disclosure_item as i', (j) => j.onRef('i.partnership_id', '=', 'c.partnership_id').onRef('i.id', '=', 'c.origin_item_id'))
    .innerJoin('partnership as p', 'p.id', 'c.partnership_id')
    .select(['c.partnership_id', 'c.id', 'c.child_id', 'c.reported_at', 'c.reported_by', 'c.reporting_agency_id', 'c.originator_agency_id', 'i.originator_user_id', 'p.pack'])
    .where('c.status', '=', 'reported')
    .where('c.reminded_at', 'is', null)
    .where('c.reported_at', '<=', before)
    .where('p.pack', 'in', packs)
    .orderBy('c.reported_at')
    .limit(batch)
    .execute();
}

/** Claim the reminder on an undecided report; false if it was decided or reminded meanwhile. */
export async function markCorrectionReminded(db: Kysely<DB>, partnershipId: string, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .updateTable('correction')
    .set({ reminded_at: at })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('status', '=', 'reported')
    .where('reminded_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length > 0;
}
