// Frozen migration: requests for information between agencies, secure disclosures with
// provenance, onward-disclosure agreements, corrections, in-app notifications and the e-mail outbox.
// Free text and payloads are sealed by the application (per-record data keys); the clear columns
// hold only what queues, access checks, clocks and provenance need.
import { sql, type Kysely } from 'kysely';

const statements = [
  // A request from one agency to another about a child (Wirral 2022 s.3.6–3.8, s.5.4).
  `
    create table info_request (
      partnership_id uuid not null references partnership(id),
      id uuid not null,
      child_id uuid not null,
      from_agency_id uuid not null,
      from_user_id uuid not null,
      to_agency_id uuid not null,
      purpose text not null,
      lawful_basis text not null,
      urgency text not null,
      pack text not null,
      status text not null,
      due_at timestamptz not null,
      allocated_to uuid,
      escalation_level integer not null default 0,
      response text,
      response_decision_id uuid,
      sealed jsonb not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      closed_at timestamptz,
      correlation_id text not null,
      primary key (partnership_id, id),
      foreign key (partnership_id, child_id) references child(partnership_id, id),
      foreign key (partnership_id, from_agency_id) references agency(partnership_id, id),
      foreign key (partnership_id, to_agency_id) references agency(partnership_id, id),
      foreign key (partnership_id, from_user_id) references staff_user(partnership_id, id),
      foreign key (partnership_id, allocated_to) references staff_user(partnership_id, id)
    )
  `,
  `create index info_request_inbox on info_request (partnership_id, to_agency_id, status, due_at)`,
  `create index info_request_outbox on info_request (partnership_id, from_agency_id, created_at)`,
  `create index info_request_child on info_request (partnership_id, child_id, created_at)`,
  `create index info_request_open_due on info_request (due_at) where closed_at is null`,
  // Each step of a request's life, with an optional sealed note (questions, answers, reasons).
  `
    create table info_request_event (
      partnership_id uuid not null,
      id uuid not null,
      request_id uuid not null,
      seq bigint generated always as identity,
      at timestamptz not null,
      kind text not null,
      by_user_id uuid,
      by_agency_id uuid,
      details jsonb not null default '{}',
      sealed jsonb,
      primary key (partnership_id, id),
      foreign key (partnership_id, request_id) references info_request(partnership_id, id)
    )
  `,
  `create index info_request_event_request on info_request_event (partnership_id, request_id, seq)`,
  // Decisions can answer a request, or authorise onward sharing of received information.
  `alter table decision add column request_id uuid`,
  `alter table decision add column source_disclosure_id uuid`,
  `alter table decision add column onward_agreement_ids uuid[] not null default '{}'`,
  // A disclosure: information sent securely to one agency, authorised by one decision.
  `
    create table disclosure (
      partnership_id uuid not null,
      id uuid not null,
      child_id uuid not null,
      from_agency_id uuid not null,
      from_user_id uuid not null,
      to_agency_id uuid not null,
      to_user_id uuid,
      request_id uuid,
      decision_id uuid not null,
      source_disclosure_id uuid,
      onward_agreement_ids uuid[] not null default '{}',
      pack text not null,
      scope text not null,
      status text not null,
      sent_at timestamptz not null,
      expires_at timestamptz not null,
      first_opened_at timestamptz,
      revoked_at timestamptz,
      expired_at timestamptz,
      key_id text not null,
      wrapped_key text,
      payload jsonb not null,
      correlation_id text not null,
      primary key (partnership_id, id),
      foreign key (partnership_id, child_id) references child(partnership_id, id),
      foreign key (partnership_id, from_agency_id) references agency(partnership_id, id),
      foreign key (partnership_id, to_agency_id) references agency(partnership_id, id),
      foreign key (partnership_id, from_user_id) references staff_user(partnership_id, id),
      foreign key (partnership_id, decision_id) references decision(partnership_id, id),
      foreign key (partnership_id, request_id) references info_request(partnership_id, id)
    )
  `,
  `create unique index disclosure_one_per_decision on disclosure (partnership_id, decision_id)`,
  `create index disclosure_received on disclosure (partnership_id, to_agency_id, sent_at)`,
  `create index disclosure_sent on disclosure (partnership_id, from_agency_id, sent_at)`,
  `create index disclosure_child on disclosure (partnership_id, child_id, sent_at)`,
  `create index disclosure_unopened_expiry on disclosure (expires_at) where status = 'sent'`,
  // Each item of a disclosure, in clear only as far as provenance needs: its originator, the
  // item it was copied from (onward disclosure), its level and whether it is fact or opinion.
  `
    create table disclosure_item (
      partnership_id uuid not null,
      disclosure_id uuid not null,
      id uuid not null,
      position integer not null,
      origin_item_id uuid not null,
      origin_disclosure_id uuid not null,
      originator_agency_id uuid not null,
      originator_user_id uuid not null,
      originated_at timestamptz not null,
      level text not null,
      label text not null,
      kind text not null,
      primary key (partnership_id, id),
      foreign key (partnership_id, disclosure_id) references disclosure(partnership_id, id)
    )
  `,
  `create index disclosure_item_disclosure on disclosure_item (partnership_id, disclosure_id, position)`,
  `create index disclosure_item_origin on disclosure_item (partnership_id, origin_item_id)`,
  `
    create table disclosure_attachment (
      partnership_id uuid not null,
      disclosure_id uuid not null,
      id uuid not null,
      position integer not null,
      size_bytes integer not null,
      content bytea not null,
      primary key (partnership_id, id),
      foreign key (partnership_id, disclosure_id) references disclosure(partnership_id, id)
    )
  `,
  `create index disclosure_attachment_disclosure on disclosure_attachment (partnership_id, disclosure_id, position)`,
  // Read receipts: every opening by a person of the addressed agency.
  `
    create table disclosure_opening (
      partnership_id uuid not null,
      disclosure_id uuid not null,
      seq bigint generated always as identity,
      opened_by uuid not null,
      opened_at timestamptz not null,
      primary key (partnership_id, disclosure_id, seq),
      foreign key (partnership_id, disclosure_id) references disclosure(partnership_id, id)
    )
  `,
  // Asking the originator to agree to onward disclosure (Southampton 2010 s.11; Derby 2015 s.5.7).
  `
    create table onward_agreement (
      partnership_id uuid not null,
      id uuid not null,
      disclosure_id uuid not null,
      child_id uuid not null,
      requested_by uuid not null,
      requesting_agency_id uuid not null,
      originator_agency_id uuid not null,
      to_agency_id uuid not null,
      status text not null,
      requested_at timestamptz not null,
      answered_by uuid,
      answered_at timestamptz,
      sealed jsonb not null,
      primary key (partnership_id, id),
      foreign key (partnership_id, disclosure_id) references disclosure(partnership_id, id),
      foreign key (partnership_id, to_agency_id) references agency(partnership_id, id),
      foreign key (partnership_id, originator_agency_id) references agency(partnership_id, id)
    )
  `,
  `create index onward_agreement_originator on onward_agreement (partnership_id, originator_agency_id, status, requested_at)`,
  `create index onward_agreement_disclosure on onward_agreement (partnership_id, disclosure_id)`,
  // Corrections: a recipient reports an inaccuracy; the originator decides (Southampton 2010 s.9).
  `
    create table correction (
      partnership_id uuid not null,
      id uuid not null,
      child_id uuid not null,
      origin_item_id uuid not null,
      reported_in_disclosure_id uuid not null,
      reported_by uuid not null,
      reporting_agency_id uuid not null,
      originator_agency_id uuid not null,
      status text not null,
      reported_at timestamptz not null,
      decided_by uuid,
      decided_at timestamptz,
      sealed jsonb not null,
      primary key (partnership_id, id),
      foreign key (partnership_id, reported_in_disclosure_id) references disclosure(partnership_id, id),
      foreign key (partnership_id, originator_agency_id) references agency(partnership_id, id)
    )
  `,
  `create index correction_originator on correction (partnership_id, originator_agency_id, status, reported_at)`,
  `create index correction_item on correction (partnership_id, origin_item_id)`,
  // A correction reaches every agency that received the item, directly or onward; each acknowledges.
  `
    create table correction_delivery (
      partnership_id uuid not null,
      correction_id uuid not null,
      agency_id uuid not null,
      disclosure_id uuid not null,
      delivered_at timestamptz not null,
      acknowledged_by uuid,
      acknowledged_at timestamptz,
      primary key (partnership_id, correction_id, agency_id, disclosure_id),
      foreign key (partnership_id, correction_id) references correction(partnership_id, id)
    )
  `,
  `create index correction_delivery_agency on correction_delivery (partnership_id, agency_id, acknowledged_at)`,
  // In-app notifications: never personal data, only what happened and where to look.
  `
    create table notification (
      partnership_id uuid not null,
      id uuid not null,
      user_id uuid not null,
      kind text not null,
      link text not null,
      created_at timestamptz not null,
      read_at timestamptz,
      primary key (partnership_id, id),
      foreign key (partnership_id, user_id) references staff_user(partnership_id, id)
    )
  `,
  `create index notification_user on notification (partnership_id, user_id, created_at desc)`,
  // E-mails Concord sends (the transactional outbox): written with the change, delivered by a job.
  `
    create table email_outbox (
      partnership_id uuid not null references partnership(id),
      id uuid not null,
      to_address text not null,
      template text not null,
      subject text not null,
      body text not null,
      created_at timestamptz not null,
      status text not null default 'pending',
      attempts integer not null default 0,
      delivered_at timestamptz,
      provider text,
      provider_reference text,
      last_error text,
      primary key (partnership_id, id)
    )
  `,
  `create index email_outbox_pending on email_outbox (created_at) where status = 'pending'`,
  `create index email_outbox_partnership on email_outbox (partnership_id, created_at desc)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reversed.');
}
