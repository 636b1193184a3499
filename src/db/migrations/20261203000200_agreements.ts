// Frozen migration: the agreement register. A partnership's information sharing agreement is tied
// to the pack version it was made under; its parties (agencies, with their role), its documents,
// and every signature (and re-affirmation) given by an agency's nominated officer, with the
// checklist attested item by item and the privacy impact assessment where the pack requires it. A
// second-tier agreement names its parent. Signatures are never rewritten: a lapse is recorded.
import { sql, type Kysely } from 'kysely';

const statements = [
  `
    create table agreement (
      partnership_id uuid not null references partnership(id),
      id uuid not null,
      parent_id uuid,
      pack text not null,
      title text not null,
      purpose text,
      effective_on text not null,
      review_on text,
      status text not null check (status in ('in_force', 'superseded')),
      created_by uuid,
      created_at timestamptz not null default now(),
      superseded_on text,
      primary key (partnership_id, id),
      foreign key (partnership_id, parent_id) references agreement(partnership_id, id),
      foreign key (partnership_id, created_by) references staff_user(partnership_id, id)
    )
  `,
  // One main agreement in force per partnership at a time.
  `create unique index agreement_one_main_in_force on agreement (partnership_id) where parent_id is null and status = 'in_force'`,
  `
    create table agreement_party (
      partnership_id uuid not null,
      agreement_id uuid not null,
      agency_id uuid not null,
      role text not null check (role in ('lead_signatory', 'statutory_partner', 'relevant_agency')),
      added_at timestamptz not null default now(),
      primary key (partnership_id, agreement_id, agency_id),
      foreign key (partnership_id, agreement_id) references agreement(partnership_id, id),
      foreign key (partnership_id, agency_id) references agency(partnership_id, id)
    )
  `,
  `create index agreement_party_agency on agreement_party (partnership_id, agency_id)`,
  `
    create table agreement_document (
      partnership_id uuid not null,
      id uuid not null,
      agreement_id uuid not null,
      agency_id uuid,
      kind text not null,
      title text not null,
      reference text not null,
      added_by uuid not null,
      added_at timestamptz not null default now(),
      primary key (partnership_id, id),
      foreign key (partnership_id, agreement_id) references agreement(partnership_id, id),
      foreign key (partnership_id, agency_id) references agency(partnership_id, id)
    )
  `,
  `create index agreement_document_agreement on agreement_document (partnership_id, agreement_id)`,
  `
    create table agreement_signature (
      partnership_id uuid not null,
      id uuid not null,
      agreement_id uuid not null,
      agency_id uuid not null,
      pack text not null,
      kind text not null check (kind in ('signature', 'reaffirmation')),
      signed_by uuid,
      signatory_name text not null,
      signatory_title text not null,
      signed_on text not null,
      recorded_at timestamptz not null default now(),
      checklist jsonb not null,
      privacy_impact_assessment jsonb,
      lapsed_on text,
      lapse_reason text,
      primary key (partnership_id, id),
      foreign key (partnership_id, agreement_id, agency_id) references agreement_party(partnership_id, agreement_id, agency_id),
      foreign key (partnership_id, signed_by) references staff_user(partnership_id, id)
    )
  `,
  `create index agreement_signature_latest on agreement_signature (partnership_id, agreement_id, agency_id, signed_on desc, recorded_at desc)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reversed.');
}
