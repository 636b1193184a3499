// Frozen migration: hardening found in testing (issue 11).
// - A child's NHS number is no longer unique in a partnership: adding a child matches an existing
//   record only on NHS number AND date of birth, and otherwise answers exactly as for a new number
//   (ADR 0042), so the answer can no longer tell anyone that a number exists. The look-up index stays.
// - Adding children is rate limited per person by counting the involvements they recorded lately.
import { sql, type Kysely } from 'kysely';

const statements = [
  `drop index child_nhs_number`,
  `create index child_nhs_number on child (partnership_id, nhs_number) where nhs_number is not null`,
  `create index involvement_recorded_by on involvement (partnership_id, recorded_by, recorded_at)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`drop index involvement_recorded_by`).execute(db);
  await sql.raw(`drop index child_nhs_number`).execute(db);
  await sql.raw(`create unique index child_nhs_number on child (partnership_id, nhs_number) where nhs_number is not null`).execute(db);
}
