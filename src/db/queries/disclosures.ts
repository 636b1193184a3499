// Disclosure queries: one disclosure with the names its pages need, its items (provenance in
// clear), openings (read receipts), the lists of information sent and received, and the writes
// that send, open, revoke and expire it.
import type { Insertable, Kysely, QueryCreator } from 'kysely';
import type { AuditEventTable, DB, DisclosureAttachmentTable, DisclosureDraftTable, DisclosureItemTable, DisclosureTable } from '../schema.ts';
import { visibleChildIds } from './children.ts';
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
      'd.partnership_id',
      'd.id',
      'd.child_id',
      'd.from_agency_id',
      'd.from_user_id',
      'd.to_agency_id',
      'd.to_user_id',
      'd.request_id',
      'd.decision_id',
      'd.source_disclosure_id',
      'd.onward_agreement_ids',
      'd.pack',
      'd.scope',
      'd.status',
      'd.sent_at',
      'd.expires_at',
      'd.first_opened_at',
      'd.revoked_at',
      'd.expired_at',
      'd.key_id',
      'd.wrapped_key',
      'd.payload',
      'c.given_name as child_given_name',
      'c.family_name as child_family_name',
      'fa.name as from_agency_name',
      'ta.name as to_agency_name',
      'fu.display_name as from_user_name',
      'tu.display_name as to_user_name',
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
    .select([
      'i.id',
      'i.position',
      'i.origin_item_id',
      'i.origin_disclosure_id',
      'i.originator_agency_id',
      'i.originator_user_id',
      'i.originated_at',
      'i.level',
      'i.label',
      'i.kind',
      'oa.name as originator_agency_name',
      'ou.display_name as originator_user_name',
    ])
    .where('i.partnership_id', '=', partnershipId)
    .where('i.disclosure_id', '=', disclosureId)
    .orderBy('i.position')
    .execute();
}

/** One item of a disclosure, with its provenance. */
export async function findDisclosureItem(db: Kysely<DB>, partnershipId: string, disclosureId: string, itemId: string) {
  return db.selectFrom('disclosure_item').selectAll().where('partnership_id', '=', partnershipId).where('disclosure_id', '=', disclosureId).where('id', '=', itemId).executeTakeFirst();
}

/** Every copy of an item, in every disclosure not revoked or expired, and who it went to. */
export async function liveCopies(db: Kysely<DB>, partnershipId: string, originItemId: string) {
  return db
    .selectFrom('disclosure_item as i')
    .innerJoin('disclosure as d', (j) => j.onRef('d.partnership_id', '=', 'i.partnership_id').onRef('d.id', '=', 'i.disclosure_id'))
    .select(['d.id as disclosure_id', 'd.to_agency_id', 'd.to_user_id'])
    .where('i.partnership_id', '=', partnershipId)
    .where('i.origin_item_id', '=', originItemId)
    .where('d.status', 'in', ['sent', 'opened'])
    .execute();
}

export async function attachmentContent(db: Kysely<DB>, partnershipId: string, disclosureId: string, attachmentId: string) {
  return db
    .selectFrom('disclosure_attachment')
    .select('content')
    .where('partnership_id', '=', partnershipId)
    .where('disclosure_id', '=', disclosureId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
}

/** The disclosures answering a request. */
export async function disclosuresAnswering(db: Kysely<DB>, partnershipId: string, requestId: string) {
  return db.selectFrom('disclosure').select(['id', 'sent_at', 'status', 'scope']).where('partnership_id', '=', partnershipId).where('request_id', '=', requestId).orderBy('sent_at').execute();
}

/** Record that someone opened a disclosure (a read receipt). */
export async function recordOpening(db: Kysely<DB>, partnershipId: string, disclosureId: string, userId: string, at: Date) {
  await db.insertInto('disclosure_opening').values({ partnership_id: partnershipId, disclosure_id: disclosureId, opened_by: userId, opened_at: at }).execute();
}

export async function markFirstOpened(db: Kysely<DB>, partnershipId: string, disclosureId: string, at: Date) {
  await db.updateTable('disclosure').set({ status: 'opened', first_opened_at: at }).where('partnership_id', '=', partnershipId).where('id', '=', disclosureId).execute();
}

/** A disclosure's status, locked for update (an opening may be committing at the same moment). */
export async function lockDisclosureStatus(db: Kysely<DB>, partnershipId: string, disclosureId: string): Promise<string> {
  const row = await db.selectFrom('disclosure').select('status').where('partnership_id', '=', partnershipId).where('id', '=', disclosureId).forUpdate().executeTakeFirstOrThrow();
  return row.status;
}

/** Mark a disclosure revoked and shred its payload by destroying its wrapped data key. */
export async function revokeAndShred(db: Kysely<DB>, partnershipId: string, disclosureId: string, at: Date) {
  await db.updateTable('disclosure').set({ status: 'revoked', revoked_at: at, wrapped_key: null }).where('partnership_id', '=', partnershipId).where('id', '=', disclosureId).execute();
}

/** Unopened disclosures past their expiry time, across partnerships (for the expiry job). */
export async function disclosuresDueToExpire(db: Kysely<DB>, now: Date, limit: number) {
  return db
    .selectFrom('disclosure')
    .select(['partnership_id', 'id', 'child_id', 'from_user_id'])
    .where('status', '=', 'sent')
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .execute();
}

/** Mark an unopened disclosure expired and shred its payload, only if it is still unopened;
 *  whether it was. */
export async function expireAndShred(db: Kysely<DB>, partnershipId: string, disclosureId: string, at: Date): Promise<boolean> {
  const claimed = await db
    .updateTable('disclosure')
    .set({ status: 'expired', expired_at: at, wrapped_key: null })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', disclosureId)
    .where('status', '=', 'sent')
    .returning('id')
    .execute();
  return claimed.length > 0;
}

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
 *  scope's agency can see its child, the recipient agency (and its standing under the agreement), and
 *  whether information has already been sent under it. */
export async function sendContext(db: Kysely<DB>, scope: Scope, decisionId: string) {
  return (
    db
      .selectFrom('decision as d')
      .leftJoin('agency as ra', (j) => j.onRef('ra.partnership_id', '=', 'd.partnership_id').onRef('ra.id', '=', 'd.recipient_agency_id'))
      .leftJoin('disclosure as x', (j) => j.onRef('x.partnership_id', '=', 'd.partnership_id').onRef('x.decision_id', '=', 'd.id'))
      // The recipient's standing under the partnership's agreement in force (src/domain/agreements.ts
      // partyStanding): the agreement's pack, whether the recipient is a party, its latest signature.
      .leftJoin('agreement as ag', (j) => j.onRef('ag.partnership_id', '=', 'd.partnership_id').on('ag.parent_id', 'is', null).on('ag.status', '=', 'in_force'))
      .leftJoin('agreement_party as ap', (j) => j.onRef('ap.partnership_id', '=', 'ag.partnership_id').onRef('ap.agreement_id', '=', 'ag.id').onRef('ap.agency_id', '=', 'd.recipient_agency_id'))
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('agreement_signature as s')
            .select(['s.pack', 's.signed_on', 's.lapsed_on'])
            .whereRef('s.partnership_id', '=', 'ap.partnership_id')
            .whereRef('s.agreement_id', '=', 'ap.agreement_id')
            .whereRef('s.agency_id', '=', 'ap.agency_id')
            .orderBy('s.signed_on', 'desc')
            .orderBy('s.recorded_at', 'desc')
            .limit(1)
            .as('rs'),
        (j) => j.onTrue(),
      )
      .select([
        'ag.pack as agreement_pack',
        'ag.next_pack as agreement_next_pack',
        'ag.next_pack_on as agreement_next_pack_on',
        'ap.agency_id as recipient_party',
        'rs.pack as recipient_signature_pack',
        'rs.signed_on as recipient_signed_on',
        'rs.lapsed_on as recipient_lapsed_on',
      ])
      .select([
        'd.id',
        'd.child_id',
        'd.agency_id',
        'd.decided_by',
        'd.action',
        'd.recipient_agency_id',
        'd.request_id',
        'd.source_disclosure_id',
        'd.onward_agreement_ids',
        'd.pack',
        'd.answers',
        'd.decided_at',
        'd.sealed as decision_sealed',
        'd.approval_status',
        'd.approver_role',
        'd.withdrawn_at',
        'ra.name as recipient_name',
        'ra.active as recipient_active',
        'ra.membership as recipient_membership',
        'x.id as sent_disclosure_id',
      ])
      .select((eb) => eb('d.child_id', 'in', visibleChildIds(db, scope)).as('child_visible'))
      .where('d.partnership_id', '=', scope.partnershipId)
      .where('d.id', '=', decisionId)
      .executeTakeFirst()
  );
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

/** Who originated each item of a disclosure (`itemIds` narrows to some items). */
export async function itemOriginators(db: Kysely<DB>, partnershipId: string, disclosureId: string, itemIds?: readonly string[]) {
  let q = db.selectFrom('disclosure_item').select(['id', 'originator_agency_id', 'originator_user_id']).where('partnership_id', '=', partnershipId).where('disclosure_id', '=', disclosureId);
  if (itemIds) q = q.where('id', 'in', itemIds.length ? [...itemIds] : ['00000000-0000-0000-0000-000000000000']);
  return q.execute();
}

/** The send form's draft under a decision, if its sender has saved one. */
export async function findDisclosureDraft(db: Kysely<DB>, partnershipId: string, decisionId: string, userId: string) {
  return db
    .selectFrom('disclosure_draft')
    .select(['sealed', 'saved_at'])
    .where('partnership_id', '=', partnershipId)
    .where('decision_id', '=', decisionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Save (or replace) the send form's draft under a decision. */
export async function upsertDisclosureDraft(db: Kysely<DB>, row: Insertable<DisclosureDraftTable>) {
  await db
    .insertInto('disclosure_draft')
    .values(row)
    .onConflict((oc) => oc.columns(['partnership_id', 'decision_id']).doUpdateSet({ user_id: row.user_id, sealed: row.sealed, saved_at: row.saved_at }))
    .execute();
}

/** Discard the send form's draft under a decision (once sent). */
export async function deleteDisclosureDraft(db: Kysely<DB>, partnershipId: string, decisionId: string) {
  await db.deleteFrom('disclosure_draft').where('partnership_id', '=', partnershipId).where('decision_id', '=', decisionId).execute();
}
