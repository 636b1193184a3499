// Frozen migration: the breach and incident register. A breach names the agency that reported it
// and the agency that leads the investigation; its parties, children and the disclosures involved
// are rows of their own; every deadline of the protocol's procedure is a clock row (started, due,
// reminded, escalated, met). The narrative and every note are sealed by the application.
import { sql, type Kysely } from 'kysely';

const statements = [
  `
    create table breach (
      partnership_id uuid not null references partnership(id),
      id uuid not null,
      pack text not null,
      kind text not null,
      status text not null,
      reported_by uuid not null,
      reporting_agency_id uuid not null,
      lead_agency_id uuid not null,
      reported_at timestamptz not null,
      identified_at timestamptz not null,
      occurred_at timestamptz,
      meeting_at timestamptz,
      severity text,
      assessed_at timestamptz,
      ico_decision text,
      ico_reference text,
      ico_reported_at timestamptz,
      ico_decided_at timestamptz,
      individuals_decision text,
      individuals_told_at timestamptz,
      individuals_decided_at timestamptz,
      triaged_at timestamptz,
      closed_at timestamptz,
      sealed jsonb not null,
      correlation_id text not null,
      primary key (partnership_id, id),
      foreign key (partnership_id, reported_by) references staff_user(partnership_id, id),
      foreign key (partnership_id, reporting_agency_id) references agency(partnership_id, id),
      foreign key (partnership_id, lead_agency_id) references agency(partnership_id, id)
    )
  `,
  `create index breach_register on breach (partnership_id, reported_at desc)`,
  `create index breach_open on breach (partnership_id, status) where closed_at is null`,
  // Every agency party to a breach, and in what capacity (reporting, lead, originator, recipient).
  `
    create table breach_party (
      partnership_id uuid not null,
      breach_id uuid not null,
      agency_id uuid not null,
      capacity text not null,
      primary key (partnership_id, breach_id, agency_id, capacity),
      foreign key (partnership_id, breach_id) references breach(partnership_id, id),
      foreign key (partnership_id, agency_id) references agency(partnership_id, id)
    )
  `,
  `create index breach_party_agency on breach_party (partnership_id, agency_id, breach_id)`,
  `
    create table breach_child (
      partnership_id uuid not null,
      breach_id uuid not null,
      child_id uuid not null,
      primary key (partnership_id, breach_id, child_id),
      foreign key (partnership_id, breach_id) references breach(partnership_id, id),
      foreign key (partnership_id, child_id) references child(partnership_id, id)
    )
  `,
  `create index breach_child_child on breach_child (partnership_id, child_id)`,
  `
    create table breach_disclosure (
      partnership_id uuid not null,
      breach_id uuid not null,
      disclosure_id uuid not null,
      primary key (partnership_id, breach_id, disclosure_id),
      foreign key (partnership_id, breach_id) references breach(partnership_id, id),
      foreign key (partnership_id, disclosure_id) references disclosure(partnership_id, id)
    )
  `,
  `create index breach_disclosure_disclosure on breach_disclosure (partnership_id, disclosure_id)`,
  // One clock per deadline of the procedure (pack breach.deadlines and the derived ones).
  `
    create table breach_clock (
      partnership_id uuid not null,
      breach_id uuid not null,
      deadline_id text not null,
      position integer not null,
      action text not null,
      who text not null,
      within_amount integer not null,
      within_unit text not null,
      start_event text not null,
      clause text not null,
      started_at timestamptz,
      due_at timestamptz,
      remind_at timestamptz,
      met_at timestamptz,
      met_by text,
      reminded_at timestamptz,
      escalated_at timestamptz,
      primary key (partnership_id, breach_id, deadline_id),
      foreign key (partnership_id, breach_id) references breach(partnership_id, id)
    )
  `,
  `create index breach_clock_remind on breach_clock (remind_at) where met_at is null and reminded_at is null`,
  `create index breach_clock_due on breach_clock (due_at) where met_at is null and escalated_at is null`,
  // Each step of a breach's life, with an optional sealed note.
  `
    create table breach_event (
      partnership_id uuid not null,
      id uuid not null,
      breach_id uuid not null,
      seq bigint generated always as identity,
      at timestamptz not null,
      kind text not null,
      by_user_id uuid,
      by_agency_id uuid,
      details jsonb not null default '{}',
      sealed jsonb,
      primary key (partnership_id, id),
      foreign key (partnership_id, breach_id) references breach(partnership_id, id)
    )
  `,
  `create index breach_event_breach on breach_event (partnership_id, breach_id, seq)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reversed.');
}
