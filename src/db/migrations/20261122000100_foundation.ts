// Frozen migration: the foundation data model. Never edit after release; add a new migration.
// Every tenant table carries partnership_id in its primary key and foreign keys (DESIGN "Data").
import { sql, type Kysely } from 'kysely';

const statements = [
  `
    create table partnership (
      id uuid primary key,
      slug text not null unique check (slug ~ '^[a-z0-9-]{2,60}$'),
      name text not null,
      pack text not null,
      created_at timestamptz not null default now()
    )
  `,
  `
    create table agency (
      partnership_id uuid not null references partnership(id),
      id uuid not null,
      name text not null,
      sector text not null check (sector in ('local_authority','police','health','education','probation','youth_justice','voluntary','housing','other')),
      kind text not null check (kind in ('statutory_partner','relevant_agency')),
      active boolean not null default true,
      created_at timestamptz not null default now(),
      primary key (partnership_id, id),
      unique (partnership_id, name)
    )
  `,
  `
    create table staff_user (
      partnership_id uuid not null,
      id uuid not null,
      agency_id uuid not null,
      email text not null,
      display_name text not null,
      job_title text,
      roles text[] not null check (cardinality(roles) > 0),
      password_hash text,
      active boolean not null default true,
      failed_sign_ins integer not null default 0,
      locked_until timestamptz,
      last_sign_in_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (partnership_id, id),
      foreign key (partnership_id, agency_id) references agency(partnership_id, id)
    )
  `,
  `
    create unique index staff_user_email on staff_user (lower(email))
  `,
  `
    create table web_session (
      id text primary key,
      partnership_id uuid,
      user_id uuid,
      data jsonb not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    )
  `,
  `
    create index web_session_user on web_session (partnership_id, user_id)
  `,
  `
    create index web_session_expires on web_session (expires_at)
  `,
  `
    create table api_key (
      partnership_id uuid not null,
      id uuid not null,
      user_id uuid not null,
      name text not null,
      prefix text not null unique,
      secret_hash text not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      primary key (partnership_id, id),
      foreign key (partnership_id, user_id) references staff_user(partnership_id, id)
    )
  `,
  `
    create table child (
      partnership_id uuid not null,
      id uuid not null,
      given_name text not null,
      family_name text not null,
      aliases text[] not null default '{}',
      date_of_birth date not null,
      gender text,
      ethnicity text,
      address text,
      postcode text,
      phone text,
      current_setting text,
      nhs_number text check (nhs_number is null or nhs_number ~ '^[0-9]{10}$'),
      care_leaver boolean not null default false,
      send boolean not null default false,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (partnership_id, id)
    )
  `,
  `
    create unique index child_nhs_number on child (partnership_id, nhs_number) where nhs_number is not null
  `,
  `
    create index child_names on child (partnership_id, lower(family_name), lower(given_name))
  `,
  `
    create index child_dob on child (partnership_id, date_of_birth)
  `,
  `
    create table involvement (
      partnership_id uuid not null,
      child_id uuid not null,
      agency_id uuid not null,
      kind text not null check (kind in ('holds_record','involved')),
      recorded_by uuid not null,
      recorded_at timestamptz not null default now(),
      primary key (partnership_id, child_id, agency_id),
      foreign key (partnership_id, child_id) references child(partnership_id, id),
      foreign key (partnership_id, agency_id) references agency(partnership_id, id)
    )
  `,
  `
    create index involvement_agency on involvement (partnership_id, agency_id)
  `,
  `
    create table family_member (
      partnership_id uuid not null,
      id uuid not null,
      child_id uuid not null,
      given_name text not null,
      family_name text not null,
      relationship text not null,
      parental_responsibility boolean not null,
      is_carer boolean not null default false,
      lives_with_child boolean not null default false,
      date_of_birth date,
      address text,
      postcode text,
      phone text,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (partnership_id, id),
      foreign key (partnership_id, child_id) references child(partnership_id, id)
    )
  `,
  `
    create index family_member_child on family_member (partnership_id, child_id)
  `,
  `
    create table decision (
      partnership_id uuid not null,
      id uuid not null,
      child_id uuid not null,
      agency_id uuid not null,
      decided_by uuid not null,
      decided_at timestamptz not null,
      pack text not null,
      engine_version text not null,
      answers jsonb not null,
      result jsonb not null,
      outcome text not null check (outcome in ('share','do_not_share','seek_advice')),
      action text not null check (action in ('shared','not_shared')),
      recipient_agency_id uuid,
      recipient_other text,
      purpose text not null,
      consent text,
      -- What was (or was not) shared and why, sealed with a per-record data key (AES-256-GCM).
      sealed jsonb not null,
      correlation_id text not null,
      primary key (partnership_id, id),
      foreign key (partnership_id, child_id) references child(partnership_id, id),
      foreign key (partnership_id, agency_id) references agency(partnership_id, id),
      foreign key (partnership_id, decided_by) references staff_user(partnership_id, id),
      foreign key (partnership_id, recipient_agency_id) references agency(partnership_id, id)
    )
  `,
  `
    create index decision_child on decision (partnership_id, child_id, decided_at desc)
  `,
  `
    create table audit_event (
      id bigint generated always as identity,
      partnership_id uuid not null,
      occurred_at timestamptz not null default now(),
      actor_user_id uuid,
      actor_agency_id uuid,
      action text not null check (action ~ '^[a-z-]+\\.[a-z-]+$'),
      outcome text not null check (outcome in ('ok','denied','not_found','invalid','failed')),
      subject_type text,
      subject_id text,
      child_id uuid,
      correlation_id text not null,
      via text not null check (via in ('web','api','cli','job','system')),
      details jsonb not null default '{}',
      primary key (partnership_id, id)
    )
  `,
  `
    create index audit_event_child on audit_event (partnership_id, child_id, occurred_at) where child_id is not null
  `,
  `
    create index audit_event_actor on audit_event (partnership_id, actor_agency_id, occurred_at)
  `,
  `
    create function audit_event_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_event is append-only: % is not allowed', tg_op using errcode = '42501';
    end;
    $$
  `,
  `
    create trigger audit_event_append_only before update or delete on audit_event
      for each row execute function audit_event_is_append_only()
  `,
  `
    create trigger audit_event_no_truncate before truncate on audit_event
      for each statement execute function audit_event_is_append_only()
  `,
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per query: PGlite runs queries with the extended protocol.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be reversed: the audit log is append-only.');
}
