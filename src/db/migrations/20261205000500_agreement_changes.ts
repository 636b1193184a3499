// Frozen migration: changing the agreement and asking partners for documents.
// - A change any party proposes (Derby & Derbyshire 2015 s.5 para. 1), with the pack version it
//   would move the partnership to, if any; the parties the pack names agree to it (Wirral 2022 App. 2
//   s.5.2–5.3; Haringey 2006 s.5), each recorded with who and when.
// - An agreed move to a new pack version waits on the agreement (`next_pack` from `next_pack_on`)
//   until its effective date, when the agreement and the partnership move to it.
// - A party asks another for a document (Haringey 2006 s.7.2, s.7.4: security documents available
//   to partners on request); the holder provides it (a document of the agreement) or declines with
//   a reason, by the date asked.
import { sql, type Kysely } from 'kysely';

const statements = [
  `alter table agreement add column next_pack text`,
  `alter table agreement add column next_pack_on text`,
  `
    create table agreement_change (
      partnership_id uuid not null,
      id uuid not null,
      agreement_id uuid not null,
      proposed_by uuid not null,
      proposing_agency_id uuid not null,
      proposed_at timestamptz not null default now(),
      summary text not null,
      from_pack text not null,
      to_pack text,
      effective_on text,
      status text not null check (status in ('proposed', 'agreed', 'in_effect')),
      agreed_on text,
      moves_on text,
      applied_at timestamptz,
      primary key (partnership_id, id),
      foreign key (partnership_id, agreement_id) references agreement(partnership_id, id),
      foreign key (partnership_id, proposed_by) references staff_user(partnership_id, id),
      foreign key (partnership_id, proposing_agency_id) references agency(partnership_id, id),
      check ((to_pack is null) = (effective_on is null))
    )
  `,
  `create index agreement_change_agreement on agreement_change (partnership_id, agreement_id, proposed_at desc)`,
  // At most one agreed move to a new version waits for its date.
  `create unique index agreement_change_one_pending_move on agreement_change (partnership_id, agreement_id) where status = 'agreed' and to_pack is not null`,
  `
    create table agreement_change_approval (
      partnership_id uuid not null,
      change_id uuid not null,
      agency_id uuid not null,
      agreed_by uuid not null,
      agreed_at timestamptz not null default now(),
      primary key (partnership_id, change_id, agency_id),
      foreign key (partnership_id, change_id) references agreement_change(partnership_id, id),
      foreign key (partnership_id, agency_id) references agency(partnership_id, id),
      foreign key (partnership_id, agreed_by) references staff_user(partnership_id, id)
    )
  `,
  `
    create table agreement_document_request (
      partnership_id uuid not null,
      id uuid not null,
      agreement_id uuid not null,
      requesting_agency_id uuid not null,
      requested_by uuid not null,
      requested_at timestamptz not null default now(),
      holder_agency_id uuid not null,
      kind text not null,
      detail text not null,
      due_on text not null,
      status text not null check (status in ('open', 'provided', 'declined')),
      answered_by uuid,
      answered_at timestamptz,
      decline_reason text,
      document_id uuid,
      primary key (partnership_id, id),
      foreign key (partnership_id, agreement_id) references agreement(partnership_id, id),
      foreign key (partnership_id, requesting_agency_id) references agency(partnership_id, id),
      foreign key (partnership_id, holder_agency_id) references agency(partnership_id, id),
      foreign key (partnership_id, requested_by) references staff_user(partnership_id, id),
      foreign key (partnership_id, answered_by) references staff_user(partnership_id, id),
      foreign key (partnership_id, document_id) references agreement_document(partnership_id, id)
    )
  `,
  `create index agreement_document_request_agreement on agreement_document_request (partnership_id, agreement_id, requested_at desc)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reversed.');
}
