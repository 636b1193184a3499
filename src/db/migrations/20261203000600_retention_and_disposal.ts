// Frozen migration: retention and disposal. The disposition review holds one row per record whose
// retention has ended (found by the retention job): its kind, the agency whose information
// governance lead decides, the rule and when it fell due, and the decision — approved, deferred
// with a reason until a date, held on legal hold (which blocks disposal until released) — and,
// once disposed of, the certificate. A disposed row is the record's tombstone: kind, id, dates,
// rule and certificate, and no personal data. Certificates say what kind, how many, when, under
// which rule and by whose approval. Disposed records keep their rows (other records refer to
// them) with `disposed_at` set.
import { sql, type Kysely } from 'kysely';

const statements = [
  `
    create table disposal_certificate (
      partnership_id uuid not null references partnership(id),
      id uuid not null,
      agency_id uuid not null,
      kind text not null,
      record_count integer not null,
      pack text not null,
      rule_clause text not null,
      rule_text text not null,
      approved_by uuid not null,
      disposed_at timestamptz not null,
      disposed_by_user_id uuid,
      primary key (partnership_id, id),
      foreign key (partnership_id, agency_id) references agency(partnership_id, id),
      foreign key (partnership_id, approved_by) references staff_user(partnership_id, id)
    )
  `,
  `create index disposal_certificate_agency on disposal_certificate (partnership_id, agency_id, disposed_at desc)`,
  `
    create table disposal_review (
      partnership_id uuid not null references partnership(id),
      id uuid not null,
      kind text not null,
      record_id text not null,
      agency_id uuid not null,
      originator_agency_id uuid,
      pack text not null,
      rule_clause text not null,
      started_at timestamptz not null,
      due_at timestamptz not null,
      found_at timestamptz not null,
      status text not null default 'pending',
      deferred_until timestamptz,
      reason text,
      hold_kind text,
      decided_by uuid,
      decided_at timestamptz,
      certificate_id uuid,
      disposed_at timestamptz,
      primary key (partnership_id, id),
      unique (partnership_id, kind, record_id),
      foreign key (partnership_id, agency_id) references agency(partnership_id, id),
      foreign key (partnership_id, certificate_id) references disposal_certificate(partnership_id, id)
    )
  `,
  `create index disposal_review_agency on disposal_review (partnership_id, agency_id, status, due_at)`,
  `create index disposal_review_approved on disposal_review (status, partnership_id) where status = 'approved'`,
  `create index disposal_review_originator on disposal_review (partnership_id, originator_agency_id, disposed_at) where originator_agency_id is not null`,
  `alter table decision add column disposed_at timestamptz`,
  `alter table info_request add column disposed_at timestamptz`,
  `alter table disclosure add column disposed_at timestamptz`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reversed.');
}
