// Frozen migration: an agency's OpenID Connect identity provider (issue 11 part 4, ADR 0019, ADR
// 0047) — its issuer, client id, the client secret sealed by the application, the acr and amr values
// that mean the provider used multi-factor authentication, and how a sign-in finds its staff record
// (by verified e-mail address or by subject only). A staff record keeps the provider subject it is
// linked to; a subject links to one record of an agency at most.
import { type Kysely, sql } from 'kysely';

const statements = [
  `
    create table identity_provider (
      partnership_id uuid not null,
      agency_id uuid not null,
      display_name text not null,
      issuer text not null,
      client_id text not null,
      client_secret jsonb not null,
      mfa_acr_values text[] not null,
      mfa_amr_values text[] not null,
      link_by text not null check (link_by in ('email', 'subject')),
      enabled boolean not null,
      updated_at timestamptz not null,
      updated_by uuid not null,
      primary key (partnership_id, agency_id),
      foreign key (partnership_id, agency_id) references agency(partnership_id, id),
      foreign key (partnership_id, updated_by) references staff_user(partnership_id, id)
    )
  `,
  `alter table staff_user add column sso_subject text`,
  `create unique index staff_user_sso_subject on staff_user (partnership_id, agency_id, sso_subject) where sso_subject is not null`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reversed.');
}
