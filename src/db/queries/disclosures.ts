// Disclosure queries: one disclosure with the names its pages need, its items (provenance in
// clear), openings (read receipts), and the lists of information sent and received.
import type { Insertable, Kysely, QueryCreator } from 'kysely';
import type { AuditEventTable, DB, DisclosureAttachmentTable, DisclosureItemTable, DisclosureTable } from '../schema.ts';
import type { Scope } from './scope.ts';

function withNames(db: Kysely<DB>) {
  return db
    .selectFrom('disclosure as d')
    .innerJoin('child as c', (j) => j.onRef('c.partnership_id', '=', 'd.partnership_id').onRef('c.id', '=', 'd.child_id'))
    .innerJoin('agency as fa', (j) => j.onRef('fa.partnership_id', '=', 'd.partnership_id').onRef('fa.id', '=', 'd.from_agency_id'))
    .innerJoin('agency as ta', (j) => j.onRef('ta.partnership_id', '=', 'd.partnership_id').onRef('ta.id', '=', 'd.to_agency_id'))
    .innerJoin('staff_user as fu', (j) => j.onRef('fu.partnership_id', '=', 'd.partnership_id').onRef('fu.id', '=', 'd.from_user_id'))
    .leftJoin('staff_user as tu', (j) => j.onRef('tu.partnership_id', '=', 'd.partnership_id').onRef('tu.id', '=', 'd.to_user_id'))
    .select([
      'd.partnership_id', 'd.id', 'd.child_id', 'd.from_agency_id', 'd.from_user_id', 'd.to_agency_id', 'd.to_user_id', 'd.request_id', 'd.decision_id',
      'd.source_disclosure_id', 'd.onward_agreement_ids', 'd.pack', 'd.scope', 'd.status', 'd.sent_at', 'd.expires_at', 'd.first_opened_at', 'd.revoked_at',
      'd.expired_at', 'd.key_id', 'd.wrapped_key', 'd.payload',
      'c.given_name as child_given_name', 'c.family_name as child_family_name',
      'fa.name as from_agency_name', 'ta.name as to_agency_name', 'fu.display_name as from_user_name', 'tu.display_name as to_user_name',
    ]);
}

export async function findDisclosure(db: Kysely<DB>, partnershipId: string, disclosureId: string) {
  return withNames(db).where('d.partnership_id', '=', partnershipId).where('d.id', '=', disclosureId).executeTakeFirst();
}
export type DisclosureRow = NonNullable<Awaited<ReturnType<typeof findDisclosure>>>;

export async function disclosureItems(db: Kysely<DB>, partnershipId: string, disclosureId: string) {
  return db
    .selectFrom('disclosure_item as i')
    .innerJoin('agency as oa', (j) => j.onRef('oa.partnership_id', '=', 'i.partnership_id').onRef('oa.id', '=', 'i.originator_agency_id'))
    .innerJoin('staff_user as ou', (j) => j.onRef('ou.partnership_id', '=', 'i.partnership_id').onRef('ou.id', '=', 'i.originator_user_id'))
    .select(['i.id', 'i.position', 'i.origin_item_id', 'i.origin_disclosure_id', 'i.originator_agency_id', 'i.originator_user_id', 'i.originated_at', 'i.level', 'i.label', 'i.kind', 'oa.name as originator_agency_name', 'ou.display_name as originator_user_name'])
    .where('i.partnership_id', '=', partnershipId)
    .where('i.disclosure_id', '=', disclosureId)
    .orderBy('i.position')
    .execute();
}
export type DisclosureItemRow = Awaited<ReturnType<typeof disclosureItems>>[number];

export async function disclosureOpenings(db: Kysely<DB>, partnershipId: string, disclosureId: string) {
  return db
    .selectFrom('disclosure_opening as o')
    .innerJoin('staff_user as u', (j) => j.onRef('u.partnership_id', '=', 'o.partnership_id').onRef('u.id', '=', 'o.opened_by'))
    .select(['o.opened_at', 'u.display_name as opened_by_name'])
    .where('o.partnership_id', '=', partnershipId)
    .where('o.disclosure_id', '=', disclosureId)
    .orderBy('o.seq')
    .execute();
}

/** Received by the scope's agency (all of it for leads, or addressed to one person), and sent. */
export async function receivedDisclosures(db: Kysely<DB>, scope: Scope, onlyTo: string | null) {
  let q = withNames(db).where('d.partnership_id', '=', scope.partnershipId).where('d.to_agency_id', '=', scope.agencyId);
  if (onlyTo) q = q.where('d.to_user_id', '=', onlyTo);
  return q.orderBy('d.sent_at', 'desc').limit(200).execute();
}

export async function sentDisclosures(db: Kysely<DB>, scope: Scope, onlyFrom: string | null) {
  let q = withNames(db).where('d.partnership_id', '=', scope.partnershipId).where('d.from_agency_id', '=', scope.agencyId);
  if (onlyFrom) q = q.where('d.from_user_id', '=', onlyFrom);
  return q.orderBy('d.sent_at', 'desc').limit(200).execute();
}

/** Everything sending under a decision must check, in one query: the decision, whether the
 *  scope's agency can see its child, the recipient agency (and whether it is a current party), and
 *  whether information has already been sent under it. */
export async function sendContext(db: Kysely<DB>, scope: Scope, decisionId: string) {
  return db
    .selectFrom('decision as d')
    .leftJoin('involvement as v', (j) => j.onRef('v.partnership_id', '=', 'd.partnership_id').onRef('v.child_id', '=', 'd.child_id').on('v.agency_id', '=', scope.agencyId))
    .leftJoin('agency as ra', (j) => j.onRef('ra.partnership_id', '=', 'd.partnership_id').onRef('ra.id', '=', 'd.recipient_agency_id'))
    .leftJoin('disclosure as x', (j) => j.onRef('x.partnership_id', '=', 'd.partnership_id').onRef('x.decision_id', '=', 'd.id'))
    .select([
      'd.id', 'd.child_id', 'd.agency_id', 'd.decided_by', 'd.action', 'd.recipient_agency_id', 'd.request_id', 'd.source_disclosure_id', 'd.onward_agreement_ids', 'd.pack',
      'v.child_id as visible_child_id', 'ra.name as recipient_name', 'ra.active as recipient_active', 'x.id as sent_disclosure_id',
    ])
    .where('d.partnership_id', '=', scope.partnershipId)
    .where('d.id', '=', decisionId)
    .executeTakeFirst();
}

/** Insert a disclosure with its items, attachments and audit events in one statement, so that
 *  they commit together (and in one round trip). `db` may carry more CTEs to run in the same
 *  statement (the notifications announcing it). */
export async function insertDisclosure(
  db: QueryCreator<DB>,
  rows: { disclosure: Insertable<DisclosureTable>; items: Insertable<DisclosureItemTable>[]; attachments: Insertable<DisclosureAttachmentTable>[]; audit: Insertable<AuditEventTable>[] },
) {
  // The CTEs' names are never read (each inserts for its side effect), so the builder keeps DB's type.
  const widen = (c: object) => c as QueryCreator<DB>;
  let q = widen(db.with('sent', (w) => w.insertInto('disclosure').values(rows.disclosure)));
  if (rows.items.length) q = widen(q.with('sent_items', (w) => w.insertInto('disclosure_item').values(rows.items)));
  if (rows.attachments.length) q = widen(q.with('sent_attachments', (w) => w.insertInto('disclosure_attachment').values(rows.attachments)));
  await q.insertInto('audit_event').values(rows.audit).execute();
}

/** The error a second disclosure under one decision raises (the unique index disclosure_one_per_decision). */
export function isDuplicateDisclosure(e: unknown): boolean {
  const err = e as { code?: unknown; constraint?: unknown; message?: unknown };
  return err?.code === '23505' && (err.constraint === 'disclosure_one_per_decision' || String(err.message).includes('disclosure_one_per_decision'));
}

/** What a decision about passing received information on checks: the disclosure's parties, state and child. */
export async function disclosureForDecision(db: Kysely<DB>, partnershipId: string, disclosureId: string) {
  return db
    .selectFrom('disclosure')
    .select(['id', 'child_id', 'status', 'from_agency_id', 'from_user_id', 'to_agency_id', 'to_user_id'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', disclosureId)
    .executeTakeFirst();
}

/** The originating agency of each item of a disclosure (`itemIds` narrows to some items). */
export async function itemOriginators(db: Kysely<DB>, partnershipId: string, disclosureId: string, itemIds?: readonly string[]) {
  let q = db.selectFrom('disclosure_item').select(['id', 'originator_agency_id']).where('partnership_id', '=', partnershipId).where('disclosure_id', '=', disclosureId);
  if (itemIds) q = q.where('id', 'in', itemIds.length ? [...itemIds] : ['00000000-0000-0000-0000-000000000000']);
  return q.execute();
}

/** The agreed onward agreements for the requesting agency to pass a disclosure on to `toAgencyId`. */
export async function agreedOnwardAgreements(db: Kysely<DB>, partnershipId: string, disclosureId: string, requestingAgencyId: string, toAgencyId: string) {
  return db
    .selectFrom('onward_agreement')
    .select(['id', 'originator_agency_id'])
    .where('partnership_id', '=', partnershipId)
    .where('disclosure_id', '=', disclosureId)
    .where('requesting_agency_id', '=', requestingAgencyId)
    .where('to_agency_id', '=', toAgencyId)
    .where('status', '=', 'agreed')
    .execute();
}
