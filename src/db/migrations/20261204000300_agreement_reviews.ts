// Frozen migration: reviews of the agreement and the reminders that keep them, and re-affirmations,
// on time. A review records when it was held, its findings and the date they were reported, and an
// action plan with owners and due dates (Haringey 2006 s.5.1–5.5); the parties the pack names approve
// it. Each reminder or escalation is claimed once per subject and due date, so a job may run often.
// A signature records where the agency stores the data and, when that is outside where the protocol
// says, the safeguard for the transfer (the pack's `dataResidency`).
import { sql, type Kysely } from 'kysely';

const statements = [
  `
    create table agreement_review (
      partnership_id uuid not null,
      id uuid not null,
      agreement_id uuid not null,
      pack text not null,
      due_on text not null,
      held_on text not null,
      findings text not null,
      reported_on text not null,
      action_plan jsonb not null,
      recorded_by uuid not null,
      recorded_at timestamptz not null default now(),
      approved_on text,
      primary key (partnership_id, id),
      foreign key (partnership_id, agreement_id) references agreement(partnership_id, id),
      foreign key (partnership_id, recorded_by) references staff_user(partnership_id, id)
    )
  `,
  `create index agreement_review_latest on agreement_review (partnership_id, agreement_id, held_on desc)`,
  `
    create table agreement_review_approval (
      partnership_id uuid not null,
      review_id uuid not null,
      agency_id uuid not null,
      approved_by uuid not null,
      approved_at timestamptz not null default now(),
      primary key (partnership_id, review_id, agency_id),
      foreign key (partnership_id, review_id) references agreement_review(partnership_id, id),
      foreign key (partnership_id, agency_id) references agency(partnership_id, id),
      foreign key (partnership_id, approved_by) references staff_user(partnership_id, id)
    )
  `,
  `
    create table agreement_notice (
      partnership_id uuid not null,
      agreement_id uuid not null,
      subject text not null,
      due_on text not null,
      stage text not null check (stage in ('reminded', 'escalated')),
      sent_at timestamptz not null,
      primary key (partnership_id, agreement_id, subject, due_on, stage),
      foreign key (partnership_id, agreement_id) references agreement(partnership_id, id)
    )
  `,
  `alter table agreement_signature add column data_storage jsonb`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reversed.');
}
