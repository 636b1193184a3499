// Frozen migration: the tamper-evident audit log (docs/decisions/0007-tamper-evident-audit-log.md).
//   audit_event.tx     the inserting transaction, so that the sequencer can take events in commit
//                      order behind a safe watermark (every transaction older than the snapshot's
//                      xmin has finished, so no event can still appear before it)
//   audit_leaf         leaf_index → event, with its RFC 9162 leaf hash and details commitment
//   audit_node         hashes of complete subtrees (level ≥ 4), written once, for O(log n) proofs
//   audit_checkpoint   signed tree heads
//   audit_salt         the secret salt of each event's details commitment; deleting it (with the
//                      details) crypto-shreds them without breaking the tree
// Every table refuses UPDATE, DELETE and TRUNCATE. The one exception is lawful shredding: with
// `concord.audit_shredding` set to 'on' in the transaction, a salt may be deleted and an event's
// details may be replaced by the shredded marker — nothing else about the event may change.
import { sql, type Kysely } from 'kysely';

const statements = [
  `alter table audit_event add column tx xid8 not null default pg_current_xact_id()`,
  `create index audit_event_sequence on audit_event (tx, id)`,
  `
    create table audit_leaf (
      leaf_index bigint primary key check (leaf_index >= 0),
      event_partnership_id uuid not null,
      event_id bigint not null,
      event_tx xid8 not null,
      leaf_hash bytea not null check (length(leaf_hash) = 32),
      details_commitment bytea check (details_commitment is null or length(details_commitment) = 32),
      unique (event_partnership_id, event_id)
    )
  `,
  `
    create table audit_node (
      level smallint not null check (level between 1 and 62),
      idx bigint not null check (idx >= 0),
      hash bytea not null check (length(hash) = 32),
      primary key (level, idx)
    )
  `,
  `
    create table audit_checkpoint (
      tree_size bigint primary key check (tree_size > 0),
      root_hash bytea not null check (length(root_hash) = 32),
      issued_at timestamptz not null,
      key_id text not null check (key_id ~ '^[0-9a-f]{8}$'),
      signature bytea not null check (length(signature) = 64)
    )
  `,
  `
    create table audit_salt (
      partnership_id uuid not null,
      event_id bigint not null,
      salt bytea not null check (length(salt) between 1 and 255),
      primary key (partnership_id, event_id)
    )
  `,
  `
    create function audit_log_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = '42501';
    end;
    $$
  `,
  ...['audit_leaf', 'audit_node', 'audit_checkpoint'].flatMap((t) => [
    `create trigger ${t}_append_only before update or delete on ${t} for each row execute function audit_log_is_append_only()`,
    `create trigger ${t}_no_truncate before truncate on ${t} for each statement execute function audit_log_is_append_only()`,
  ]),
  `
    create function audit_salt_shred_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('concord.audit_shredding', true) = 'on' then
        return old;
      end if;
      raise exception 'audit_salt: % is not allowed (salts are deleted only to shred details)', tg_op using errcode = '42501';
    end;
    $$
  `,
  `create trigger audit_salt_shred_only before update or delete on audit_salt for each row execute function audit_salt_shred_only()`,
  `create trigger audit_salt_no_truncate before truncate on audit_salt for each statement execute function audit_salt_shred_only()`,
  // The foundation's trigger function, now with the one permitted change: shredding the details.
  `
    create or replace function audit_event_is_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE'
         and current_setting('concord.audit_shredding', true) = 'on'
         and new.details = '{"$shredded": "audit-details-v1"}'::jsonb
         and to_jsonb(new) - 'details' = to_jsonb(old) - 'details' then
        return new;
      end if;
      raise exception 'audit_event is append-only: % is not allowed', tg_op using errcode = '42501';
    end;
    $$
  `,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The audit log migration cannot be reversed: the audit log is append-only.');
}
