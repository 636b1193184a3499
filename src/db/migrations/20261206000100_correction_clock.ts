// Frozen migration: the clock on a reported inaccuracy (src/domain/disclosures.ts
// correctionClock; Southampton 2010 s.9, Haringey 2006 s.3.8(a)). `reminded_at` is set once, by
// the job that reminds the originator or tells the reporting agency when the originator has not
// decided in time; the partial index finds the reports still waiting.
import { sql, type Kysely } from 'kysely';

const statements = [
  `alter table correction add column reminded_at timestamptz`,
  `create index correction_undecided on correction (reported_at) where status = 'reported' and reminded_at is null`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reversed.');
}
