// Credentials a partnership can run: TOTP multi-factor authentication (the secret sealed, the last
// accepted time step so a code cannot be replayed), single-use recovery codes (stored as SHA-256 of
// high-entropy random codes), single-use password-reset links (stored as SHA-256 of the token) and
// when the password last changed. ADR 0017, ADR 0018.
import { type Kysely, sql } from 'kysely';

const statements = [
  `alter table staff_user add column totp_secret jsonb`,
  `alter table staff_user add column totp_enrolled_at timestamptz`,
  `alter table staff_user add column totp_last_step integer`,
  `alter table staff_user add column password_changed_at timestamptz`,
  `
    create table recovery_code (
      partnership_id uuid not null,
      user_id uuid not null,
      code_hash text not null,
      created_at timestamptz not null,
      used_at timestamptz,
      primary key (partnership_id, user_id, code_hash),
      foreign key (partnership_id, user_id) references staff_user(partnership_id, id)
    )
  `,
  `
    create table password_reset (
      partnership_id uuid not null,
      id uuid not null,
      user_id uuid not null,
      token_hash text not null unique,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz,
      primary key (partnership_id, id),
      foreign key (partnership_id, user_id) references staff_user(partnership_id, id)
    )
  `,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reversed.');
}
