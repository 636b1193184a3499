// Frozen migration: disputes between agencies about sharing, with their staged escalation
// (Southampton 2010 s.13 and App. 3; Haringey 2006 s.12; Wirral 2022 App. 2 s.5.5; Sandwell 2022
// s.14), complaints about the use or disclosure of personal information (Southampton 2010 s.14;
// Derby 2015 s.5 para. 5; Sandwell 2022 s.13), and the statutory partners' scrutiny findings on
// decisions not to share (Wirral 2022 App. 2 s.5.4). Free text is sealed by the application; the
// clear columns hold only what registers, clocks, access checks and trends need.
import { sql, type Kysely } from 'kysely';

const statements = [
  `
    create table dispute (
      partnership_id uuid not null references partnership(id),
      id uuid not null,
      child_id uuid,
      request_id uuid,
      decision_id uuid,
      raised_by uuid not null,
      raising_agency_id uuid not null,
      other_agency_id uuid not null,
      pack text not null,
      status text not null,
      stage integer not null,
      stage_started_at timestamptz not null,
      stage_due_at timestamptz not null,
      reminded_stage integer not null default 0,
      sealed jsonb not null,
      created_at timestamptz not null,
      concluded_at timestamptz,
      closed_at timestamptz,
      primary key (partnership_id, id),
      foreign key (partnership_id, child_id) references child(partnership_id, id),
      foreign key (partnership_id, request_id) references info_request(partnership_id, id),
      foreign key (partnership_id, decision_id) references decision(partnership_id, id),
      foreign key (partnership_id, raised_by) references staff_user(partnership_id, id),
      foreign key (partnership_id, raising_agency_id) references agency(partnership_id, id),
      foreign key (partnership_id, other_agency_id) references agency(partnership_id, id)
    )
  `,
  `create index dispute_open_due on dispute (stage_due_at) where status = 'open'`,
  `create index dispute_register on dispute (partnership_id, created_at desc)`,
  `create index dispute_child on dispute (partnership_id, child_id) where child_id is not null`,
  // Each step of a dispute: raised, a stage's record, escalation, reminder, conclusion, impact.
  `
    create table dispute_event (
      partnership_id uuid not null,
      id uuid not null,
      dispute_id uuid not null,
      seq bigint generated always as identity,
      at timestamptz not null,
      kind text not null,
      stage integer not null,
      by_user_id uuid,
      by_agency_id uuid,
      details jsonb not null default '{}',
      sealed jsonb,
      primary key (partnership_id, id),
      foreign key (partnership_id, dispute_id) references dispute(partnership_id, id)
    )
  `,
  `create index dispute_event_dispute on dispute_event (partnership_id, dispute_id, seq)`,
  `
    create table complaint (
      partnership_id uuid not null references partnership(id),
      id uuid not null,
      agency_id uuid not null,
      recorded_by uuid not null,
      recording_agency_id uuid not null,
      child_id uuid,
      request_id uuid,
      disclosure_id uuid,
      decision_id uuid,
      pack text not null,
      complainant text not null,
      received_on text not null,
      status text not null,
      response_due_at timestamptz not null,
      reminded boolean not null default false,
      outcome text,
      responded_on text,
      sealed jsonb not null,
      created_at timestamptz not null,
      closed_at timestamptz,
      primary key (partnership_id, id),
      foreign key (partnership_id, agency_id) references agency(partnership_id, id),
      foreign key (partnership_id, recording_agency_id) references agency(partnership_id, id),
      foreign key (partnership_id, recorded_by) references staff_user(partnership_id, id),
      foreign key (partnership_id, child_id) references child(partnership_id, id)
    )
  `,
  `create index complaint_open_due on complaint (response_due_at) where status = 'open'`,
  `create index complaint_register on complaint (partnership_id, created_at desc)`,
  `
    create table scrutiny_finding (
      partnership_id uuid not null references partnership(id),
      id uuid not null,
      subject_type text not null,
      subject_id uuid not null,
      child_id uuid,
      by_user_id uuid not null,
      by_agency_id uuid not null,
      finding text not null,
      sealed jsonb not null,
      recorded_at timestamptz not null,
      primary key (partnership_id, id),
      foreign key (partnership_id, by_user_id) references staff_user(partnership_id, id),
      foreign key (partnership_id, by_agency_id) references agency(partnership_id, id)
    )
  `,
  `create index scrutiny_finding_subject on scrutiny_finding (partnership_id, subject_type, subject_id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reversed.');
}
