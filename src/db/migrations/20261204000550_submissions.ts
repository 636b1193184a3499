// Frozen migration: submissions of "create" actions, one row per (person, key). A page's create form
// carries a one-time key issued with the form, and an API client may send an Idempotency-Key
// header; the row is written in the same transaction as the record it creates and keeps what the
// first submission produced (ids, no personal data), so a reload, a double click or a retried call
// answers with the first outcome instead of creating a second record (ADR 0071).
import { sql, type Kysely } from 'kysely';

const statements = [
  `
    create table submission (
      partnership_id uuid not null references partnership(id),
      user_id uuid not null,
      key text not null,
      operation text not null,
      fingerprint text not null,
      result jsonb,
      submitted_at timestamptz not null,
      primary key (partnership_id, user_id, key),
      foreign key (partnership_id, user_id) references staff_user(partnership_id, id)
    )
  `,
  `create index submission_age on submission (submitted_at)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reversed.');
}
