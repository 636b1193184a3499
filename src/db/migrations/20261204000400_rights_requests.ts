// Frozen migration: rights requests (issue 14 part 1). A request belongs to the agency that
// received it and, except a Freedom of Information request, to one child; the clock's facts are
// columns (received, identity confirmed, months of extension) and rows (each wait for
// clarification), and the deadline is recomputed from them by the domain, then stored for the
// reminder job to compare (due_at, remind_at). The source agencies of information in an access
// request are consulted on exemptions (Sandwell 2022 s.11.1); items the handling agency withholds
// are listed with their reasons; the response pack is a sealed PDF. Free text is sealed.
import { sql, type Kysely } from 'kysely';

const statements = [
  `
    create table rights_request (
      partnership_id uuid not null references partnership(id),
      id uuid not null,
      agency_id uuid not null,
      kind text not null,
      requester_kind text not null,
      child_id uuid,
      pack text not null,
      status text not null,
      logged_by uuid not null,
      logged_at timestamptz not null,
      received_at timestamptz not null,
      verified_at timestamptz,
      authority_basis text,
      child_competent boolean,
      extension_months integer not null default 0,
      due_at timestamptz,
      remind_at timestamptz,
      reminded_at timestamptz,
      escalated_at timestamptz,
      outcome text,
      answered_at timestamptz,
      sealed jsonb not null,
      correlation_id text not null,
      primary key (partnership_id, id),
      foreign key (partnership_id, agency_id) references agency(partnership_id, id),
      foreign key (partnership_id, logged_by) references staff_user(partnership_id, id),
      foreign key (partnership_id, child_id) references child(partnership_id, id)
    )
  `,
  `create index rights_request_agency on rights_request (partnership_id, agency_id, received_at desc)`,
  `create index rights_request_remind on rights_request (remind_at) where reminded_at is null and status = 'open'`,
  `create index rights_request_due on rights_request (due_at) where escalated_at is null and status = 'open'`,
  `
    create table rights_pause (
      partnership_id uuid not null,
      request_id uuid not null,
      from_at timestamptz not null,
      to_at timestamptz,
      primary key (partnership_id, request_id, from_at),
      foreign key (partnership_id, request_id) references rights_request(partnership_id, id)
    )
  `,
  `
    create table rights_request_event (
      partnership_id uuid not null,
      id uuid not null,
      request_id uuid not null,
      seq bigint generated always as identity,
      at timestamptz not null,
      kind text not null,
      by_user_id uuid,
      details jsonb not null default '{}',
      sealed jsonb,
      primary key (partnership_id, id),
      foreign key (partnership_id, request_id) references rights_request(partnership_id, id)
    )
  `,
  `create index rights_request_event_request on rights_request_event (partnership_id, request_id, seq)`,
  // One consultation per source agency of information an access request would release.
  `
    create table rights_consultation (
      partnership_id uuid not null,
      id uuid not null,
      request_id uuid not null,
      source_agency_id uuid not null,
      asked_at timestamptz not null,
      due_at timestamptz not null,
      reminded_at timestamptz,
      answered_at timestamptz,
      answered_by uuid,
      exemption text,
      sealed jsonb,
      primary key (partnership_id, id),
      unique (partnership_id, request_id, source_agency_id),
      foreign key (partnership_id, request_id) references rights_request(partnership_id, id),
      foreign key (partnership_id, source_agency_id) references agency(partnership_id, id)
    )
  `,
  `create index rights_consultation_source on rights_consultation (partnership_id, source_agency_id, answered_at)`,
  // Items withheld from the response, each with its reason (third-party data, an exemption).
  `
    create table rights_withheld (
      partnership_id uuid not null,
      request_id uuid not null,
      item_ref text not null,
      reason text not null,
      source_agency_id uuid,
      withheld_by uuid not null,
      withheld_at timestamptz not null,
      sealed jsonb,
      primary key (partnership_id, request_id, item_ref),
      foreign key (partnership_id, request_id) references rights_request(partnership_id, id)
    )
  `,
  // The response pack: a tagged PDF, sealed; disposed of under retention with its request.
  `
    create table rights_response_pack (
      partnership_id uuid not null,
      id uuid not null,
      request_id uuid not null,
      produced_at timestamptz not null,
      produced_by uuid not null,
      byte_size integer not null,
      sha256 text not null,
      sealed jsonb,
      disposed_at timestamptz,
      primary key (partnership_id, id),
      foreign key (partnership_id, request_id) references rights_request(partnership_id, id)
    )
  `,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reversed.');
}
