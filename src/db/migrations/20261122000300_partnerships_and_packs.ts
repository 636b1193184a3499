// Frozen migration: many partnerships per deployment, each on one protocol pack version; an
// organisation (a police force, an NHS trust) may be an agency in several partnerships.
import { sql, type Kysely } from 'kysely';

const statements = [
  `
    create table protocol_pack (
      id text not null,
      version text not null,
      title text not null,
      content jsonb not null,
      loaded_at timestamptz not null default now(),
      primary key (id, version)
    )
  `,
  `
    create function protocol_pack_is_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'protocol pack versions are immutable: load a new version instead' using errcode = '42501';
    end;
    $$
  `,
  `
    create trigger protocol_pack_immutable before update or delete on protocol_pack
      for each row execute function protocol_pack_is_immutable()
  `,
  `
    create table organisation (
      id uuid primary key,
      name text not null,
      sector text not null,
      created_at timestamptz not null default now()
    )
  `,
  `create unique index organisation_name on organisation (lower(name))`,
  `alter table agency add column organisation_id uuid references organisation(id)`,
  `create index agency_organisation on agency (organisation_id)`,
  // The same person may hold an account in each partnership they work in.
  `drop index staff_user_email`,
  `create unique index staff_user_email on staff_user (partnership_id, lower(email))`,
  `create index staff_user_email_lookup on staff_user (lower(email))`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reversed.');
}
