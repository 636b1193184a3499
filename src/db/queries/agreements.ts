// The agreement register: agreements, their parties, documents and signatures. No rules here: the
// domain (src/domain/agreements.ts) decides who is in force.
import { type Insertable, type Kysely, sql } from 'kysely';
import type { AgreementChangeTable, AgreementDocumentRequestTable, AgreementDocumentTable, AgreementPartyTable, AgreementReviewTable, AgreementSignatureTable, AgreementTable, DB } from '../schema.ts';

export type AgreementRecord = Awaited<ReturnType<typeof findAgreementRecord>> & {};

/** An agreement with its parties' agency ids (for the access rule). */
export async function findAgreementRecord(db: Kysely<DB>, partnershipId: string, agreementId: string) {
  const row = await db
    .selectFrom('agreement as a')
    .selectAll('a')
    .select((eb) =>
      eb
        .selectFrom('agreement_party as p')
        .select(sql<string[]>`coalesce(array_agg(p.agency_id::text order by p.agency_id), '{}')`.as('ids'))
        .whereRef('p.partnership_id', '=', 'a.partnership_id')
        .whereRef('p.agreement_id', '=', 'a.id')
        .as('party_agency_ids'),
    )
    .select((eb) =>
      eb
        .selectFrom('agreement_review as r')
        .select(sql<string | null>`max(r.held_on)`.as('held'))
        .whereRef('r.partnership_id', '=', 'a.partnership_id')
        .whereRef('r.agreement_id', '=', 'a.id')
        .as('last_reviewed_on'),
    )
    .where('a.partnership_id', '=', partnershipId)
    .where('a.id', '=', agreementId)
    .executeTakeFirst();
  return row ? { ...row, party_agency_ids: (row.party_agency_ids ?? []) as string[] } : undefined;
}

/** The partnership's main agreement in force, if it has one. */
export async function mainAgreement(db: Kysely<DB>, partnershipId: string) {
  return db.selectFrom('agreement').selectAll().where('partnership_id', '=', partnershipId).where('parent_id', 'is', null).where('status', '=', 'in_force').executeTakeFirst();
}

/** Every agreement of the partnership, main first, newest first. */
export async function listAgreements(db: Kysely<DB>, partnershipId: string) {
  return db
    .selectFrom('agreement as a')
    .selectAll('a')
    .select((eb) =>
      eb
        .selectFrom('agreement_party as p')
        .select(sql<string[]>`coalesce(array_agg(p.agency_id::text order by p.agency_id), '{}')`.as('ids'))
        .whereRef('p.partnership_id', '=', 'a.partnership_id')
        .whereRef('p.agreement_id', '=', 'a.id')
        .as('party_agency_ids'),
    )
    .select((eb) =>
      eb
        .selectFrom('agreement_review as r')
        .select(sql<string | null>`max(r.held_on)`.as('held'))
        .whereRef('r.partnership_id', '=', 'a.partnership_id')
        .whereRef('r.agreement_id', '=', 'a.id')
        .as('last_reviewed_on'),
    )
    .where('a.partnership_id', '=', partnershipId)
    .orderBy(sql`a.parent_id is not null`)
    .orderBy('a.created_at', 'desc')
    .execute();
}

export async function insertAgreement(db: Kysely<DB>, a: Insertable<AgreementTable>, parties: Insertable<AgreementPartyTable>[]) {
  await db.insertInto('agreement').values(a).execute();
  if (parties.length) await db.insertInto('agreement_party').values(parties).execute();
}

export async function insertAgreementDocument(db: Kysely<DB>, d: Insertable<AgreementDocumentTable>) {
  await db.insertInto('agreement_document').values(d).execute();
}

export async function insertSignature(db: Kysely<DB>, s: Insertable<AgreementSignatureTable>) {
  await db.insertInto('agreement_signature').values(s).execute();
}

/** Record that a signature lapsed (the row is otherwise never changed). */
export async function lapseSignature(db: Kysely<DB>, partnershipId: string, signatureId: string, lapsedOn: string, reason: string) {
  await db.updateTable('agreement_signature').set({ lapsed_on: lapsedOn, lapse_reason: reason }).where('partnership_id', '=', partnershipId).where('id', '=', signatureId).execute();
}

/** The agreement's parties with their agency and their latest signature (if any). */
export async function signatureRegister(db: Kysely<DB>, partnershipId: string, agreementId: string) {
  return db
    .selectFrom('agreement_party as p')
    .innerJoin('agency as g', (j) => j.onRef('g.partnership_id', '=', 'p.partnership_id').onRef('g.id', '=', 'p.agency_id'))
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('agreement_signature as s')
          .select([
            's.id',
            's.pack',
            's.kind',
            's.signatory_name',
            's.signatory_title',
            's.signed_on',
            's.recorded_at',
            's.checklist',
            's.privacy_impact_assessment',
            's.data_storage',
            's.lapsed_on',
            's.lapse_reason',
          ])
          .whereRef('s.partnership_id', '=', 'p.partnership_id')
          .whereRef('s.agreement_id', '=', 'p.agreement_id')
          .whereRef('s.agency_id', '=', 'p.agency_id')
          .orderBy('s.signed_on', 'desc')
          .orderBy('s.recorded_at', 'desc')
          .limit(1)
          .as('s'),
      (j) => j.onTrue(),
    )
    .select([
      'p.agency_id',
      'p.role',
      'g.name as agency_name',
      'g.active as agency_active',
      's.id as signature_id',
      's.pack as signature_pack',
      's.kind as signature_kind',
      's.signatory_name',
      's.signatory_title',
      's.signed_on',
      's.recorded_at',
      's.checklist',
      's.privacy_impact_assessment',
      's.data_storage',
      's.lapsed_on',
      's.lapse_reason',
    ])
    .where('p.partnership_id', '=', partnershipId)
    .where('p.agreement_id', '=', agreementId)
    .orderBy('g.name')
    .execute();
}

export async function agreementDocuments(db: Kysely<DB>, partnershipId: string, agreementId: string) {
  return db
    .selectFrom('agreement_document as d')
    .leftJoin('agency as g', (j) => j.onRef('g.partnership_id', '=', 'd.partnership_id').onRef('g.id', '=', 'd.agency_id'))
    .select(['d.id', 'd.kind', 'd.title', 'd.reference', 'd.agency_id', 'd.added_at', 'g.name as agency_name'])
    .where('d.partnership_id', '=', partnershipId)
    .where('d.agreement_id', '=', agreementId)
    .orderBy('d.added_at')
    .execute();
}

/** The agencies of the partnership, for choosing parties. */
export async function partnershipAgencies(db: Kysely<DB>, partnershipId: string) {
  return db.selectFrom('agency').select(['id', 'name', 'kind', 'active']).where('partnership_id', '=', partnershipId).orderBy('name').execute();
}

/** What the standing rule (src/domain/agreements.ts partyStanding) reads about one agency: the
 *  partnership's main agreement in force (its pack), whether the agency is a party, and its latest
 *  signature. The same facts `sendContext` (queries/disclosures.ts) reads for a decision's recipient. */
export async function agencyAgreementFacts(db: Kysely<DB>, partnershipId: string, agencyId: string) {
  return db
    .selectFrom('agency as ra')
    .leftJoin('agreement as ag', (j) => j.onRef('ag.partnership_id', '=', 'ra.partnership_id').on('ag.parent_id', 'is', null).on('ag.status', '=', 'in_force'))
    .leftJoin('agreement_party as ap', (j) => j.onRef('ap.partnership_id', '=', 'ag.partnership_id').onRef('ap.agreement_id', '=', 'ag.id').onRef('ap.agency_id', '=', 'ra.id'))
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
      'ra.name as recipient_name',
      'ra.active as recipient_active',
      'rs.pack as recipient_signature_pack',
      'rs.signed_on as recipient_signed_on',
      'rs.lapsed_on as recipient_lapsed_on',
    ])
    .where('ra.partnership_id', '=', partnershipId)
    .where('ra.id', '=', agencyId)
    .executeTakeFirst();
}

export async function insertReview(db: Kysely<DB>, r: Insertable<AgreementReviewTable>) {
  await db.insertInto('agreement_review').values(r).execute();
}

/** An agreement's reviews, newest first, each with the agencies that have approved it. */
export async function agreementReviews(db: Kysely<DB>, partnershipId: string, agreementId: string) {
  return db
    .selectFrom('agreement_review as r')
    .select(['r.id', 'r.pack', 'r.due_on', 'r.held_on', 'r.findings', 'r.reported_on', 'r.action_plan', 'r.recorded_at', 'r.approved_on'])
    .select((eb) =>
      eb
        .selectFrom('agreement_review_approval as x')
        .select(sql<string[]>`coalesce(array_agg(x.agency_id::text order by x.agency_id), '{}')`.as('ids'))
        .whereRef('x.partnership_id', '=', 'r.partnership_id')
        .whereRef('x.review_id', '=', 'r.id')
        .as('approved_by_agency_ids'),
    )
    .where('r.partnership_id', '=', partnershipId)
    .where('r.agreement_id', '=', agreementId)
    .orderBy('r.held_on', 'desc')
    .orderBy('r.recorded_at', 'desc')
    .execute();
}

/** Record a party's approval of a review; false if it had already approved. */
export async function insertReviewApproval(db: Kysely<DB>, a: { partnership_id: string; review_id: string; agency_id: string; approved_by: string }): Promise<boolean> {
  const row = await db
    .insertInto('agreement_review_approval')
    .values(a)
    .onConflict((oc) => oc.doNothing())
    .returning('agency_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function markReviewApproved(db: Kysely<DB>, partnershipId: string, reviewId: string, approvedOn: string) {
  await db.updateTable('agreement_review').set({ approved_on: approvedOn }).where('partnership_id', '=', partnershipId).where('id', '=', reviewId).where('approved_on', 'is', null).execute();
}

/** Every partnership's main agreement in force, for the review and re-affirmation reminders. */
export async function agreementsInForce(db: Kysely<DB>) {
  return db
    .selectFrom('agreement as a')
    .select(['a.partnership_id', 'a.id', 'a.pack', 'a.next_pack', 'a.next_pack_on', 'a.effective_on', 'a.review_on'])
    .select((eb) =>
      eb
        .selectFrom('agreement_review as r')
        .select(sql<string | null>`max(r.held_on)`.as('held'))
        .whereRef('r.partnership_id', '=', 'a.partnership_id')
        .whereRef('r.agreement_id', '=', 'a.id')
        .as('last_reviewed_on'),
    )
    .where('a.parent_id', 'is', null)
    .where('a.status', '=', 'in_force')
    .orderBy('a.partnership_id')
    .execute();
}

/** Claim the reminder or escalation for a subject's due date; false if it was already sent. */
export async function claimAgreementNotice(
  db: Kysely<DB>,
  n: { partnership_id: string; agreement_id: string; subject: string; due_on: string; stage: 'reminded' | 'escalated'; sent_at: Date },
): Promise<boolean> {
  const row = await db
    .insertInto('agreement_notice')
    .values(n)
    .onConflict((oc) => oc.doNothing())
    .returning('subject')
    .executeTakeFirst();
  return row !== undefined;
}

// --- Changes to the agreement and moving to a new pack version (migration 20261205000500) -------

export async function insertChange(db: Kysely<DB>, c: Insertable<AgreementChangeTable>) {
  await db.insertInto('agreement_change').values(c).execute();
}

/** An agreement's changes, newest first, each with the agencies that have agreed to it. */
export async function agreementChanges(db: Kysely<DB>, partnershipId: string, agreementId: string) {
  return db
    .selectFrom('agreement_change as c')
    .innerJoin('agency as g', (j) => j.onRef('g.partnership_id', '=', 'c.partnership_id').onRef('g.id', '=', 'c.proposing_agency_id'))
    .select(['c.id', 'c.summary', 'c.from_pack', 'c.to_pack', 'c.effective_on', 'c.status', 'c.agreed_on', 'c.moves_on', 'c.proposed_at', 'c.proposing_agency_id', 'g.name as proposing_agency_name'])
    .select((eb) =>
      eb
        .selectFrom('agreement_change_approval as x')
        .select(sql<string[]>`coalesce(array_agg(x.agency_id::text order by x.agency_id), '{}')`.as('ids'))
        .whereRef('x.partnership_id', '=', 'c.partnership_id')
        .whereRef('x.change_id', '=', 'c.id')
        .as('agreed_by_agency_ids'),
    )
    .where('c.partnership_id', '=', partnershipId)
    .where('c.agreement_id', '=', agreementId)
    .orderBy('c.proposed_at', 'desc')
    .execute();
}

/** One change of an agreement, locked for agreeing to it. */
export async function lockChange(db: Kysely<DB>, partnershipId: string, agreementId: string, changeId: string) {
  return db.selectFrom('agreement_change').selectAll().where('partnership_id', '=', partnershipId).where('agreement_id', '=', agreementId).where('id', '=', changeId).forUpdate().executeTakeFirst();
}

/** Record a party's agreement to a change; false if it had already agreed. */
export async function insertChangeApproval(db: Kysely<DB>, a: { partnership_id: string; change_id: string; agency_id: string; agreed_by: string }): Promise<boolean> {
  const row = await db
    .insertInto('agreement_change_approval')
    .values(a)
    .onConflict((oc) => oc.doNothing())
    .returning('agency_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function changeApprovals(db: Kysely<DB>, partnershipId: string, changeId: string): Promise<string[]> {
  const rows = await db.selectFrom('agreement_change_approval').select('agency_id').where('partnership_id', '=', partnershipId).where('change_id', '=', changeId).execute();
  return rows.map((r) => r.agency_id);
}

/** Mark a change agreed; a move to a new version waits on the agreement for its date. */
export async function markChangeAgreed(db: Kysely<DB>, partnershipId: string, change: { id: string; agreementId: string; agreedOn: string; move: { pack: string; on: string } | null }) {
  await db
    .updateTable('agreement_change')
    .set({ status: 'agreed', agreed_on: change.agreedOn, moves_on: change.move?.on ?? null })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', change.id)
    .execute();
  if (change.move)
    await db.updateTable('agreement').set({ next_pack: change.move.pack, next_pack_on: change.move.on }).where('partnership_id', '=', partnershipId).where('id', '=', change.agreementId).execute();
}

/** Main agreements whose agreed move to a new version has reached its date, locked. */
export async function dueMoves(db: Kysely<DB>, today: string) {
  return db
    .selectFrom('agreement')
    .select(['partnership_id', 'id', 'pack', 'next_pack', 'next_pack_on'])
    .where('next_pack', 'is not', null)
    .where('next_pack_on', '<=', today)
    .where('status', '=', 'in_force')
    .orderBy('partnership_id')
    .execute();
}

/** Move the agreement and (for the main agreement) the partnership to the agreed version: the
 *  change is in effect. Returns false when another run already moved it. */
export async function applyMove(db: Kysely<DB>, partnershipId: string, agreementId: string, today: string, at: Date): Promise<{ from: string; to: string; changeId: string | null } | null> {
  const a = await db
    .selectFrom('agreement')
    .select(['pack', 'next_pack', 'next_pack_on', 'parent_id'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', agreementId)
    .forUpdate()
    .executeTakeFirst();
  if (!a?.next_pack || !a.next_pack_on || a.next_pack_on > today) return null;
  await db.updateTable('agreement').set({ pack: a.next_pack, next_pack: null, next_pack_on: null }).where('partnership_id', '=', partnershipId).where('id', '=', agreementId).execute();
  if (a.parent_id === null) await db.updateTable('partnership').set({ pack: a.next_pack }).where('id', '=', partnershipId).execute();
  const change = await db
    .updateTable('agreement_change')
    .set({ status: 'in_effect', applied_at: at })
    .where('partnership_id', '=', partnershipId)
    .where('agreement_id', '=', agreementId)
    .where('status', '=', 'agreed')
    .where('to_pack', '=', a.next_pack)
    .returning('id')
    .executeTakeFirst();
  return { from: a.pack, to: a.next_pack, changeId: change?.id ?? null };
}

/** The pack versions the partnership has moved from (a decision started under one may finish under it). */
export async function packsMovedFrom(db: Kysely<DB>, partnershipId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('agreement_change as c')
    .innerJoin('agreement as a', (j) => j.onRef('a.partnership_id', '=', 'c.partnership_id').onRef('a.id', '=', 'c.agreement_id'))
    .select('c.from_pack')
    .where('c.partnership_id', '=', partnershipId)
    .where('c.status', '=', 'in_effect')
    .where('a.parent_id', 'is', null)
    .execute();
  return rows.map((r) => r.from_pack);
}

// --- Documents on request (Haringey 2006 s.7.2, s.7.4) ---------------------------------------------

export async function insertDocumentRequest(db: Kysely<DB>, r: Insertable<AgreementDocumentRequestTable>) {
  await db.insertInto('agreement_document_request').values(r).execute();
}

/** An agreement's document requests, newest first, with the agencies' names and any document provided. */
export async function documentRequests(db: Kysely<DB>, partnershipId: string, agreementId: string) {
  return db
    .selectFrom('agreement_document_request as r')
    .innerJoin('agency as ra', (j) => j.onRef('ra.partnership_id', '=', 'r.partnership_id').onRef('ra.id', '=', 'r.requesting_agency_id'))
    .innerJoin('agency as ha', (j) => j.onRef('ha.partnership_id', '=', 'r.partnership_id').onRef('ha.id', '=', 'r.holder_agency_id'))
    .leftJoin('agreement_document as d', (j) => j.onRef('d.partnership_id', '=', 'r.partnership_id').onRef('d.id', '=', 'r.document_id'))
    .select([
      'r.id',
      'r.requesting_agency_id',
      'ra.name as requesting_agency_name',
      'r.holder_agency_id',
      'ha.name as holder_agency_name',
      'r.kind',
      'r.detail',
      'r.due_on',
      'r.status',
      'r.requested_at',
      'r.answered_at',
      'r.decline_reason',
      'r.document_id',
      'd.title as document_title',
      'd.reference as document_reference',
    ])
    .where('r.partnership_id', '=', partnershipId)
    .where('r.agreement_id', '=', agreementId)
    .orderBy('r.requested_at', 'desc')
    .execute();
}

/** One document request of an agreement, locked for answering it. */
export async function lockDocumentRequest(db: Kysely<DB>, partnershipId: string, agreementId: string, requestId: string) {
  return db
    .selectFrom('agreement_document_request')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('agreement_id', '=', agreementId)
    .where('id', '=', requestId)
    .forUpdate()
    .executeTakeFirst();
}

export async function answerDocumentRequest(
  db: Kysely<DB>,
  partnershipId: string,
  requestId: string,
  a: { status: 'provided' | 'declined'; answeredBy: string; answeredAt: Date; declineReason: string | null; documentId: string | null },
) {
  await db
    .updateTable('agreement_document_request')
    .set({ status: a.status, answered_by: a.answeredBy, answered_at: a.answeredAt, decline_reason: a.declineReason, document_id: a.documentId })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', requestId)
    .where('status', '=', 'open')
    .execute();
}
