// Frozen migration: break-glass access (issue 11 part 5). A practitioner's request for time-limited
// access to a child their agency is not involved with, its grant (at once or by a lead, as the pack
// says), and the child's lead agency's review afterwards. A grant is an involvement of kind
// 'break_glass' that ends at `expires_at`: the visibility rule ignores it from then on, and a job
// removes it. The reason and the review note are sealed together by the application.
import { sql, type Kysely } from 'kysely';

const statements = [
  `alter table involvement drop constraint involvement_kind_check`,
  `alter table involvement add constraint involvement_kind_check check (kind in ('holds_record','involved','break_glass'))`,
  `alter table involvement add column expires_at timestamptz`,
  `
    create table break_glass (
      partnership_id uuid not null references partnership(id),
      id uuid not null,
      pack text not null,
      child_id uuid not null,
      agency_id uuid not null,
      requested_by uuid not null,
      requested_at timestamptz not null,
      sealed jsonb not null,
      status text not null check (status in ('requested','granted','refused')),
      hours integer not null,
      decided_by uuid,
      decided_at timestamptz,
      expires_at timestamptz,
      review_outcome text check (review_outcome in ('appropriate','not_appropriate')),
      reviewed_by uuid,
      reviewed_at timestamptz,
      breach_id uuid,
      primary key (partnership_id, id),
      foreign key (partnership_id, child_id) references child(partnership_id, id),
      foreign key (partnership_id, agency_id) references agency(partnership_id, id)
    )
  `,
  `create index break_glass_child on break_glass (partnership_id, child_id, requested_at)`,
  `create index break_glass_agency on break_glass (partnership_id, agency_id, status)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reversed.');
}
