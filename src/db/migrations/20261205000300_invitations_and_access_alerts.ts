// Frozen migration: invitations by e-mail and unusual-access alerts (issue 11 parts 1 and 5).
// An invitation is a single-use link for a new member of staff to set their password; only the
// SHA-256 of its token is stored (as for password-reset links, ADR 0018). An access alert is what
// the hourly unusual-rate job found (ADR 0051), kept as a record the agency's leads can open,
// acknowledge and close with a note.
import { type Kysely, sql } from 'kysely';

const statements = [
  `
    create table staff_invitation (
      partnership_id uuid not null,
      id uuid not null,
      user_id uuid not null,
      token_hash text not null unique,
      invited_by uuid,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      accepted_at timestamptz,
      revoked_at timestamptz,
      revoked_by uuid,
      primary key (partnership_id, id),
      foreign key (partnership_id, user_id) references staff_user(partnership_id, id)
    )
  `,
  `create index staff_invitation_user on staff_invitation (partnership_id, user_id, created_at)`,
  `
    create table access_alert (
      partnership_id uuid not null references partnership(id),
      id uuid not null,
      kind text not null check (kind in ('unusual_rate')),
      agency_id uuid not null,
      user_id uuid not null,
      day date not null,
      views integer not null,
      threshold integer not null,
      created_at timestamptz not null,
      status text not null default 'open' check (status in ('open','acknowledged','closed')),
      acknowledged_by uuid,
      acknowledged_at timestamptz,
      closed_by uuid,
      closed_at timestamptz,
      note text,
      primary key (partnership_id, id),
      unique (partnership_id, kind, user_id, day),
      foreign key (partnership_id, agency_id) references agency(partnership_id, id),
      foreign key (partnership_id, user_id) references staff_user(partnership_id, id)
    )
  `,
  `create index access_alert_agency on access_alert (partnership_id, agency_id, status, created_at)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reversed.');
}
