// Frozen migration: a decision to share has a state after it is recorded. Sharing against or without
// the advice waits for a designated manager's approval where the partnership's protocol requires it
// (Haringey 2006 s.4.6; pack field `departures`), and a decision to share not yet acted on can be
// withdrawn. The approval note and the withdrawal reason are sealed by the application; the clear
// columns hold only what the send rules, the pages and the chronology need.
import { type Kysely, sql } from 'kysely';

const statements = [
  `alter table decision add column approval_status text not null default 'not_needed' check (approval_status in ('not_needed','pending','approved','refused'))`,
  `alter table decision add column approver_role text`,
  `alter table decision add column approved_by uuid`,
  `alter table decision add column approved_at timestamptz`,
  `alter table decision add column approval_sealed jsonb`,
  `alter table decision add column withdrawn_by uuid`,
  `alter table decision add column withdrawn_at timestamptz`,
  `alter table decision add column withdrawal_sealed jsonb`,
  `alter table decision add constraint decision_approved_by foreign key (partnership_id, approved_by) references staff_user(partnership_id, id)`,
  `alter table decision add constraint decision_withdrawn_by foreign key (partnership_id, withdrawn_by) references staff_user(partnership_id, id)`,
  // The approvals waiting in an agency: its designated managers' list.
  `create index decision_pending_approval on decision (partnership_id, agency_id) where approval_status = 'pending'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
