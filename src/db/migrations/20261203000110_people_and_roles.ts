// Frozen migration: people and roles a partnership can run (issue 11).
// - An agency's membership of the partnership: member, suspended or left (with when and why). Only a
//   member can be sent information; `active` stays in step for the queries that read it.
// - When a staff member's credentials or roles last changed and when they were disabled.
// - API keys expire (`expires_at`; keys made before this have none until revoked).
// - Records of pre-employment checks (Wirral 2022 App. 2 s.7.1) and information-sharing training
//   (Southampton 2010 s.18 items 5, 20; Sandwell 2022 s.10.1), with dates and expiry.
import { sql, type Kysely } from 'kysely';

const statements = [
  `alter table agency add column membership text not null default 'member' check (membership in ('member','suspended','left'))`,
  `alter table agency add column membership_changed_at timestamptz`,
  `alter table agency add column membership_reason text`,
  `alter table staff_user add column disabled_at timestamptz`,
  `alter table staff_user add column credentials_changed_at timestamptz`,
  `alter table api_key add column expires_at timestamptz`,
  `
    create table staff_check (
      partnership_id uuid not null,
      id uuid not null,
      user_id uuid not null,
      kind text not null check (kind in ('pre_employment_check','information_sharing_training')),
      completed_on date not null,
      expires_on date,
      note text,
      recorded_by uuid not null,
      recorded_at timestamptz not null,
      primary key (partnership_id, id),
      foreign key (partnership_id, user_id) references staff_user(partnership_id, id),
      check (expires_on is null or expires_on > completed_on)
    )
  `,
  `create index staff_check_user on staff_check (partnership_id, user_id, kind, completed_on)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const s of [
    'drop table staff_check',
    'alter table api_key drop column expires_at',
    'alter table staff_user drop column credentials_changed_at',
    'alter table staff_user drop column disabled_at',
    'alter table agency drop column membership_reason',
    'alter table agency drop column membership_changed_at',
    'alter table agency drop column membership',
  ])
    await sql.raw(s).execute(db);
}
