// Frozen migration: a version on each record people change from a page (decisions, disclosures,
// disputes, breaches), for optimistic concurrency (ADR 0073). Every update adds one, in the
// database, so no query can forget to; a page carries the version it showed, and a step taken on
// a stale page acts on nothing and says what changed. Requests keep their `updated_at`.
import { sql, type Kysely } from 'kysely';

const TABLES = ['decision', 'disclosure', 'dispute', 'breach'];

const statements = [
  `
    create function next_record_version() returns trigger language plpgsql as $$
    begin
      new.version := old.version + 1;
      return new;
    end
    $$
  `,
  ...TABLES.flatMap((t) => [
    `alter table ${t} add column version integer not null default 1`,
    `create trigger ${t}_version before update on ${t} for each row execute function next_record_version()`,
  ]),
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reversed.');
}
