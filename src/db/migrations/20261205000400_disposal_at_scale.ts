// Frozen migration: indexes that keep disposal linear in the number of records disposed of
// (issue 14 part 5: 1,000,000 records at 10,000 a second).
//   audit_event_subject          finds the audit events about a batch's records, whose details are
//                                shredded with them, without reading the whole log for every batch
//                                (also used for what last changed a record, ADR 0073)
//   disposal_review_approved_due hands out approved reviews in due order straight from the index,
//                                rather than sorting every approved row for every batch; it
//                                replaces disposal_review_approved
import { sql, type Kysely } from 'kysely';

const statements = [
  `create index audit_event_subject on audit_event (partnership_id, subject_id) where subject_id is not null`,
  `create index disposal_review_approved_due on disposal_review (partnership_id, due_at) where status = 'approved'`,
  `drop index disposal_review_approved`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reversed.');
}
