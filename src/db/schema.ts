// Table types for Kysely. They mirror the frozen migrations in ./migrations.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface PartnershipTable {
  id: string;
  slug: string;
  name: string;
  pack: string;
  created_at: CreatedAt;
}

export interface AgencyTable {
  partnership_id: string;
  id: string;
  organisation_id: string | null;
  name: string;
  sector: string;
  kind: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface StaffUserTable {
  partnership_id: string;
  id: string;
  agency_id: string;
  email: string;
  display_name: string;
  job_title: string | null;
  roles: string[];
  password_hash: string | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  failed_sign_ins: ColumnType<number, number | undefined, number>;
  locked_until: Timestamp | null;
  last_sign_in_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface WebSessionTable {
  id: string;
  partnership_id: string | null;
  user_id: string | null;
  data: JSONColumnType<Record<string, unknown>, string, string>;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiKeyTable {
  partnership_id: string;
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface ChildTable {
  partnership_id: string;
  id: string;
  given_name: string;
  family_name: string;
  aliases: string[];
  date_of_birth: string;
  gender: string | null;
  ethnicity: string | null;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  current_setting: string | null;
  nhs_number: string | null;
  care_leaver: boolean;
  send: boolean;
  created_by: string;
  created_at: CreatedAt;
}

export interface InvolvementTable {
  partnership_id: string;
  child_id: string;
  agency_id: string;
  kind: 'holds_record' | 'involved';
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface FamilyMemberTable {
  partnership_id: string;
  id: string;
  child_id: string;
  given_name: string;
  family_name: string;
  relationship: string;
  parental_responsibility: boolean;
  is_carer: boolean;
  lives_with_child: boolean;
  date_of_birth: string | null;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  created_by: string;
  created_at: CreatedAt;
}

export interface DecisionTable {
  partnership_id: string;
  id: string;
  child_id: string;
  agency_id: string;
  decided_by: string;
  decided_at: Timestamp;
  pack: string;
  engine_version: string;
  answers: JSONColumnType<Record<string, unknown>, string, string>;
  result: JSONColumnType<Record<string, unknown>, string, string>;
  outcome: string;
  action: string;
  recipient_agency_id: string | null;
  recipient_other: string | null;
  purpose: string;
  consent: string | null;
  sealed: JSONColumnType<SealedColumn, string, string>;
  correlation_id: string;
}

export interface SealedColumn {
  v: 1;
  kid: string;
  wrappedKey: string;
  iv: string;
  tag: string;
  data: string;
}

export interface AuditEventTable {
  id: Generated<string>;
  partnership_id: string;
  occurred_at: ColumnType<Date, Date | string | undefined, never>;
  actor_user_id: string | null;
  actor_agency_id: string | null;
  action: string;
  outcome: string;
  subject_type: string | null;
  subject_id: string | null;
  child_id: string | null;
  correlation_id: string;
  via: string;
  details: JSONColumnType<Record<string, unknown>, string, never>;
  /** The inserting transaction (xid8, as text): the audit log's commit order. */
  tx: ColumnType<string, never, never>;
}

// The tamper-evident audit log (migration 20261122000200_audit_log). Hashes are bytea.
export interface AuditLeafTable {
  leaf_index: string;
  event_partnership_id: string;
  event_id: string;
  event_tx: string;
  leaf_hash: Buffer;
  details_commitment: Buffer | null;
}

export interface AuditNodeTable {
  level: number;
  idx: string;
  hash: Buffer;
}

export interface AuditCheckpointTable {
  tree_size: string;
  root_hash: Buffer;
  issued_at: Timestamp;
  key_id: string;
  signature: Buffer;
}

export interface AuditSaltTable {
  partnership_id: string;
  event_id: string;
  salt: Buffer;
}

export interface ProtocolPackTable {
  id: string;
  version: string;
  title: string;
  content: JSONColumnType<Record<string, unknown>, string, never>;
  loaded_at: CreatedAt;
}

export interface OrganisationTable {
  id: string;
  name: string;
  sector: string;
  created_at: CreatedAt;
}

export interface DB {
  protocol_pack: ProtocolPackTable;
  organisation: OrganisationTable;
  partnership: PartnershipTable;
  agency: AgencyTable;
  staff_user: StaffUserTable;
  web_session: WebSessionTable;
  api_key: ApiKeyTable;
  child: ChildTable;
  involvement: InvolvementTable;
  family_member: FamilyMemberTable;
  decision: DecisionTable;
  audit_event: AuditEventTable;
  audit_leaf: AuditLeafTable;
  audit_node: AuditNodeTable;
  audit_checkpoint: AuditCheckpointTable;
  audit_salt: AuditSaltTable;
}
