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
  membership: ColumnType<string, string | undefined, string>;
  membership_changed_at: Timestamp | null;
  membership_reason: string | null;
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
  disabled_at: Timestamp | null;
  credentials_changed_at: Timestamp | null;
  /** The TOTP secret, sealed (kernel/sealed.ts 'totp-secret'); set at enrolment, confirmed when totp_enrolled_at is set. */
  totp_secret: ColumnType<SealedColumn | null, string | null | undefined, string | null>;
  totp_enrolled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The last accepted TOTP time step: a code is accepted once. */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  password_changed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The agency's identity provider subject this record is linked to (ADR 0019); null until the first single sign-on. */
  sso_subject: ColumnType<string | null, string | null | undefined, string | null>;
}

/** An agency's OpenID Connect identity provider (ADR 0047). */
export interface IdentityProviderTable {
  partnership_id: string;
  agency_id: string;
  display_name: string;
  issuer: string;
  client_id: string;
  /** Sealed (kernel/sealed.ts 'identity-provider-secret'). */
  client_secret: ColumnType<SealedColumn, string, string>;
  mfa_acr_values: string[];
  mfa_amr_values: string[];
  link_by: string;
  enabled: boolean;
  updated_at: Timestamp;
  updated_by: string;
}

export interface RecoveryCodeTable {
  partnership_id: string;
  user_id: string;
  code_hash: string;
  created_at: Timestamp;
  used_at: Timestamp | null;
}

export interface PasswordResetTable {
  partnership_id: string;
  id: string;
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface StaffInvitationTable {
  partnership_id: string;
  id: string;
  user_id: string;
  token_hash: string;
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

/** What the unusual-rate job found (migration 20261205000300, ADR 0051). */
export interface AccessAlertTable {
  partnership_id: string;
  id: string;
  kind: 'unusual_rate';
  agency_id: string;
  user_id: string;
  day: string;
  views: number;
  threshold: number;
  created_at: Timestamp;
  status: ColumnType<'open' | 'acknowledged' | 'closed', 'open' | 'acknowledged' | 'closed' | undefined, 'open' | 'acknowledged' | 'closed'>;
  acknowledged_by: string | null;
  acknowledged_at: Timestamp | null;
  closed_by: string | null;
  closed_at: Timestamp | null;
  note: string | null;
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
  expires_at: Timestamp | null;
}

/** A "create" action's submission key and what its first submission produced (ADR 0071). */
export interface SubmissionTable {
  partnership_id: string;
  user_id: string;
  key: string;
  operation: string;
  fingerprint: string;
  result: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  submitted_at: Timestamp;
}

export interface StaffCheckTable {
  partnership_id: string;
  id: string;
  user_id: string;
  kind: string;
  completed_on: string;
  expires_on: string | null;
  note: string | null;
  recorded_by: string;
  recorded_at: Date;
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
  kind: 'holds_record' | 'involved' | 'break_glass';
  recorded_by: string;
  recorded_at: CreatedAt;
  /** When a break-glass grant ends (migration 20261204000200_break_glass); null for a lasting involvement. */
  expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
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
  /** The request this decision answers, if any. */
  request_id: string | null;
  /** Received information this decision is about sharing onward, and the originators' agreements it cites. */
  source_disclosure_id: string | null;
  onward_agreement_ids: ColumnType<string[], string[] | undefined, string[]>;
  /** Sharing against or without the advice, where the pack needs a designated manager's approval
   *  (`departures`): 'not_needed', 'pending', 'approved' or 'refused'. */
  approval_status: ColumnType<string, string | undefined, string>;
  /** The Concord role that approves (from the pack when the decision was recorded). */
  approver_role: ColumnType<string | null, string | null | undefined, string | null>;
  approved_by: ColumnType<string | null, string | null | undefined, string | null>;
  approved_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The approver's note (required when refusing), sealed as 'decision-approval'. */
  approval_sealed: ColumnType<SealedColumn | null, string | null | undefined, string | null>;
  withdrawn_by: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Why the decision was withdrawn, sealed as 'decision-withdrawal'. */
  withdrawal_sealed: ColumnType<SealedColumn | null, string | null | undefined, string | null>;
  disposed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Added to by every update (optimistic concurrency, ADR 0073). */
  version: Generated<number>;
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

// Requests and disclosures (migration 20261122000400_requests_and_disclosures).
type Sealed = JSONColumnType<SealedColumn, string, string>;

export interface InfoRequestTable {
  partnership_id: string;
  id: string;
  child_id: string;
  from_agency_id: string;
  from_user_id: string;
  to_agency_id: string;
  purpose: string;
  lawful_basis: string;
  urgency: string;
  pack: string;
  status: string;
  due_at: Timestamp;
  allocated_to: string | null;
  escalation_level: ColumnType<number, number | undefined, number>;
  response: string | null;
  response_decision_id: string | null;
  sealed: Sealed;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  correlation_id: string;
  disposed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface InfoRequestEventTable {
  partnership_id: string;
  id: string;
  request_id: string;
  seq: Generated<string>;
  at: Timestamp;
  kind: string;
  by_user_id: string | null;
  by_agency_id: string | null;
  details: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  sealed: JSONColumnType<SealedColumn | null, string | null, string | null>;
}

export interface DisclosureTable {
  partnership_id: string;
  id: string;
  child_id: string;
  from_agency_id: string;
  from_user_id: string;
  to_agency_id: string;
  to_user_id: string | null;
  request_id: string | null;
  decision_id: string;
  source_disclosure_id: string | null;
  onward_agreement_ids: ColumnType<string[], string[] | undefined, string[]>;
  pack: string;
  scope: string;
  status: string;
  sent_at: Timestamp;
  expires_at: Timestamp;
  first_opened_at: Timestamp | null;
  revoked_at: Timestamp | null;
  expired_at: Timestamp | null;
  key_id: string;
  /** The disclosure's data key, wrapped by the key-encryption key `key_id`; null once shredded. */
  wrapped_key: string | null;
  payload: JSONColumnType<SealedPayload, string, string>;
  correlation_id: string;
  disposed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Added to by every update (optimistic concurrency, ADR 0073). */
  version: Generated<number>;
}

/** A payload encrypted with a disclosure's data key (the key itself is wrapped separately). */
export interface SealedPayload {
  v: 1;
  iv: string;
  tag: string;
  data: string;
}

export interface DisclosureItemTable {
  partnership_id: string;
  disclosure_id: string;
  id: string;
  position: number;
  origin_item_id: string;
  origin_disclosure_id: string;
  originator_agency_id: string;
  originator_user_id: string;
  originated_at: Timestamp;
  level: string;
  label: string;
  kind: string;
}

export interface DisclosureAttachmentTable {
  partnership_id: string;
  disclosure_id: string;
  id: string;
  position: number;
  size_bytes: number;
  /** iv (12) || tag (16) || ciphertext, under the disclosure's data key. */
  content: Buffer;
}

export interface DisclosureOpeningTable {
  partnership_id: string;
  disclosure_id: string;
  seq: Generated<string>;
  opened_by: string;
  opened_at: Timestamp;
}

export interface OnwardAgreementTable {
  partnership_id: string;
  id: string;
  disclosure_id: string;
  child_id: string;
  requested_by: string;
  requesting_agency_id: string;
  originator_agency_id: string;
  to_agency_id: string;
  status: string;
  requested_at: Timestamp;
  answered_by: string | null;
  answered_at: Timestamp | null;
  sealed: Sealed;
}

/** One item's answer to a request for onward agreement (Southampton 2010 s.10–11, s.18 item 13). */
export interface OnwardAgreementItemTable {
  partnership_id: string;
  agreement_id: string;
  /** The item in the received disclosure the agreement is about. */
  item_id: string;
  agreed: boolean;
}

/** What the sender has typed into the send form so far, under one decision (sealed 'disclosure-draft'). */
export interface DisclosureDraftTable {
  partnership_id: string;
  decision_id: string;
  user_id: string;
  sealed: Sealed;
  saved_at: Timestamp;
}

export interface CorrectionTable {
  partnership_id: string;
  id: string;
  child_id: string;
  origin_item_id: string;
  reported_in_disclosure_id: string;
  reported_by: string;
  reporting_agency_id: string;
  originator_agency_id: string;
  status: string;
  reported_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  sealed: Sealed;
  reminded_at: MaybeTimestamp;
}

export interface CorrectionDeliveryTable {
  partnership_id: string;
  correction_id: string;
  agency_id: string;
  disclosure_id: string;
  delivered_at: Timestamp;
  acknowledged_by: string | null;
  acknowledged_at: Timestamp | null;
}

export interface NotificationTable {
  partnership_id: string;
  id: string;
  user_id: string;
  kind: string;
  link: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface EmailOutboxTable {
  partnership_id: string;
  id: string;
  to_address: string;
  template: string;
  subject: string;
  body: string;
  created_at: Timestamp;
  status: ColumnType<string, string | undefined, string>;
  attempts: ColumnType<number, number | undefined, number>;
  delivered_at: Timestamp | null;
  provider: string | null;
  provider_reference: string | null;
  last_error: string | null;
}

// Disputes, complaints and scrutiny findings (migration 20261203000310_complaints_and_disputes).
export interface DisputeTable {
  partnership_id: string;
  id: string;
  child_id: string | null;
  request_id: string | null;
  decision_id: string | null;
  raised_by: string;
  raising_agency_id: string;
  other_agency_id: string;
  pack: string;
  status: string;
  stage: number;
  stage_started_at: Timestamp;
  stage_due_at: Timestamp;
  reminded_stage: ColumnType<number, number | undefined, number>;
  sealed: Sealed;
  created_at: Timestamp;
  concluded_at: Timestamp | null;
  closed_at: Timestamp | null;
  /** Added to by every update (optimistic concurrency, ADR 0073). */
  version: Generated<number>;
}

export interface DisputeEventTable {
  partnership_id: string;
  id: string;
  dispute_id: string;
  seq: Generated<string>;
  at: Timestamp;
  kind: string;
  stage: number;
  by_user_id: string | null;
  by_agency_id: string | null;
  details: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  sealed: JSONColumnType<SealedColumn | null, string | null, string | null>;
}

export interface ComplaintTable {
  partnership_id: string;
  id: string;
  agency_id: string;
  recorded_by: string;
  recording_agency_id: string;
  child_id: string | null;
  request_id: string | null;
  disclosure_id: string | null;
  decision_id: string | null;
  pack: string;
  complainant: string;
  received_on: ColumnType<string, string, string>;
  status: string;
  response_due_at: Timestamp;
  reminded: ColumnType<boolean, boolean | undefined, boolean>;
  outcome: string | null;
  responded_on: ColumnType<string | null, string | null | undefined, string | null>;
  sealed: Sealed;
  created_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface ScrutinyFindingTable {
  partnership_id: string;
  id: string;
  subject_type: string;
  subject_id: string;
  child_id: string | null;
  by_user_id: string;
  by_agency_id: string;
  finding: string;
  sealed: Sealed;
  recorded_at: Timestamp;
}

export interface DB {
  protocol_pack: ProtocolPackTable;
  organisation: OrganisationTable;
  partnership: PartnershipTable;
  agency: AgencyTable;
  staff_user: StaffUserTable;
  identity_provider: IdentityProviderTable;
  web_session: WebSessionTable;
  api_key: ApiKeyTable;
  submission: SubmissionTable;
  staff_check: StaffCheckTable;
  recovery_code: RecoveryCodeTable;
  password_reset: PasswordResetTable;
  staff_invitation: StaffInvitationTable;
  access_alert: AccessAlertTable;
  child: ChildTable;
  involvement: InvolvementTable;
  break_glass: BreakGlassTable;
  family_member: FamilyMemberTable;
  decision: DecisionTable;
  audit_event: AuditEventTable;
  audit_leaf: AuditLeafTable;
  audit_node: AuditNodeTable;
  audit_checkpoint: AuditCheckpointTable;
  audit_salt: AuditSaltTable;
  info_request: InfoRequestTable;
  info_request_event: InfoRequestEventTable;
  disclosure: DisclosureTable;
  disclosure_item: DisclosureItemTable;
  disclosure_attachment: DisclosureAttachmentTable;
  disclosure_opening: DisclosureOpeningTable;
  onward_agreement: OnwardAgreementTable;
  onward_agreement_item: OnwardAgreementItemTable;
  disclosure_draft: DisclosureDraftTable;
  correction: CorrectionTable;
  correction_delivery: CorrectionDeliveryTable;
  notification: NotificationTable;
  email_outbox: EmailOutboxTable;
  dispute: DisputeTable;
  dispute_event: DisputeEventTable;
  complaint: ComplaintTable;
  scrutiny_finding: ScrutinyFindingTable;
  breach: BreachTable;
  breach_party: BreachPartyTable;
  breach_child: BreachChildTable;
  breach_disclosure: BreachDisclosureTable;
  breach_clock: BreachClockTable;
  breach_event: BreachEventTable;
  agreement: AgreementTable;
  agreement_party: AgreementPartyTable;
  agreement_document: AgreementDocumentTable;
  agreement_signature: AgreementSignatureTable;
  agreement_review: AgreementReviewTable;
  agreement_review_approval: AgreementReviewApprovalTable;
  agreement_notice: AgreementNoticeTable;
  agreement_change: AgreementChangeTable;
  agreement_change_approval: AgreementChangeApprovalTable;
  agreement_document_request: AgreementDocumentRequestTable;
  disposal_review: DisposalReviewTable;
  disposal_certificate: DisposalCertificateTable;
  rights_request: RightsRequestTable;
  rights_pause: RightsPauseTable;
  rights_request_event: RightsRequestEventTable;
  rights_consultation: RightsConsultationTable;
  rights_withheld: RightsWithheldTable;
  rights_response_pack: RightsResponsePackTable;
}

// Retention and disposal (migration 20261203000600_retention_and_disposal).
export interface DisposalReviewTable {
  partnership_id: string;
  id: string;
  kind: string;
  record_id: string;
  agency_id: string;
  originator_agency_id: string | null;
  pack: string;
  rule_clause: string;
  started_at: Timestamp;
  due_at: Timestamp;
  found_at: Timestamp;
  status: ColumnType<string, string | undefined, string>;
  deferred_until: Timestamp | null;
  reason: string | null;
  hold_kind: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  certificate_id: string | null;
  disposed_at: Timestamp | null;
}

export interface DisposalCertificateTable {
  partnership_id: string;
  id: string;
  agency_id: string;
  kind: string;
  record_count: number;
  pack: string;
  rule_clause: string;
  rule_text: string;
  approved_by: string;
  disposed_at: Timestamp;
  disposed_by_user_id: string | null;
}

// Break-glass access (migration 20261204000200_break_glass).
export interface BreakGlassTable {
  partnership_id: string;
  id: string;
  pack: string;
  child_id: string;
  agency_id: string;
  requested_by: string;
  requested_at: Timestamp;
  /** The reason and, once reviewed, the review note, sealed together ('break-glass'). */
  sealed: JSONColumnType<SealedColumn, string, string>;
  status: string;
  hours: number;
  decided_by: string | null;
  decided_at: Timestamp | null;
  expires_at: Timestamp | null;
  review_outcome: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  breach_id: string | null;
}

// Breaches and incidents (migration 20261203000300_breaches).
export interface BreachTable {
  partnership_id: string;
  id: string;
  pack: string;
  kind: string;
  status: string;
  reported_by: string;
  reporting_agency_id: string;
  lead_agency_id: string;
  reported_at: Timestamp;
  identified_at: Timestamp;
  occurred_at: Timestamp | null;
  meeting_at: Timestamp | null;
  severity: string | null;
  assessed_at: Timestamp | null;
  ico_decision: string | null;
  ico_reference: string | null;
  ico_reported_at: Timestamp | null;
  ico_decided_at: Timestamp | null;
  individuals_decision: string | null;
  individuals_told_at: Timestamp | null;
  individuals_decided_at: Timestamp | null;
  triaged_at: Timestamp | null;
  closed_at: Timestamp | null;
  sealed: JSONColumnType<SealedColumn, string, string>;
  correlation_id: string;
  /** Added to by every update (optimistic concurrency, ADR 0073). */
  version: Generated<number>;
}

export interface BreachPartyTable {
  partnership_id: string;
  breach_id: string;
  agency_id: string;
  capacity: string;
}

export interface BreachChildTable {
  partnership_id: string;
  breach_id: string;
  child_id: string;
}

export interface BreachDisclosureTable {
  partnership_id: string;
  breach_id: string;
  disclosure_id: string;
}

export interface BreachClockTable {
  partnership_id: string;
  breach_id: string;
  deadline_id: string;
  position: number;
  action: string;
  who: string;
  within_amount: number;
  within_unit: string;
  start_event: string;
  clause: string;
  started_at: Timestamp | null;
  due_at: Timestamp | null;
  remind_at: Timestamp | null;
  met_at: Timestamp | null;
  met_by: string | null;
  reminded_at: Timestamp | null;
  escalated_at: Timestamp | null;
}

export interface BreachEventTable {
  partnership_id: string;
  id: string;
  breach_id: string;
  seq: Generated<string>;
  at: Timestamp;
  kind: string;
  by_user_id: string | null;
  by_agency_id: string | null;
  details: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  sealed: JSONColumnType<SealedColumn | null, string | null, string | null>;
}

// The agreement register (migration 20261203000200_agreements).
export interface AgreementTable {
  partnership_id: string;
  id: string;
  parent_id: string | null;
  pack: string;
  title: string;
  purpose: string | null;
  effective_on: string;
  review_on: string | null;
  status: string;
  /** Null for an agreement imported from the paper register. */
  created_by: string | null;
  created_at: CreatedAt;
  superseded_on: string | null;
  /** An agreed move to a new pack version waiting for its date (migration 20261205000500). */
  next_pack: ColumnType<string | null, string | null | undefined, string | null>;
  next_pack_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AgreementPartyTable {
  partnership_id: string;
  agreement_id: string;
  agency_id: string;
  role: string;
  added_at: CreatedAt;
}

export interface AgreementDocumentTable {
  partnership_id: string;
  id: string;
  agreement_id: string;
  agency_id: string | null;
  kind: string;
  title: string;
  reference: string;
  added_by: string;
  added_at: CreatedAt;
}

export interface AgreementSignatureTable {
  partnership_id: string;
  id: string;
  agreement_id: string;
  agency_id: string;
  pack: string;
  kind: string;
  /** The nominated officer who recorded it; null for a signature imported from the paper register. */
  signed_by: string | null;
  signatory_name: string;
  signatory_title: string;
  signed_on: string;
  recorded_at: CreatedAt;
  checklist: ColumnType<unknown, string, string>;
  privacy_impact_assessment: ColumnType<unknown, string | null, string | null>;
  lapsed_on: string | null;
  lapse_reason: string | null;
  /** Where the agency stores the data and any transfer safeguard (pack `dataResidency`); null before it was asked. */
  data_storage: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface AgreementReviewTable {
  partnership_id: string;
  id: string;
  agreement_id: string;
  pack: string;
  due_on: string;
  held_on: string;
  findings: string;
  reported_on: string;
  action_plan: ColumnType<unknown, string, string>;
  recorded_by: string;
  recorded_at: CreatedAt;
  approved_on: string | null;
}

export interface AgreementReviewApprovalTable {
  partnership_id: string;
  review_id: string;
  agency_id: string;
  approved_by: string;
  approved_at: CreatedAt;
}

export interface AgreementNoticeTable {
  partnership_id: string;
  agreement_id: string;
  subject: string;
  due_on: string;
  stage: 'reminded' | 'escalated';
  sent_at: Date;
}

// Changes to the agreement and documents on request (migration 20261205000500_agreement_changes).
export interface AgreementChangeTable {
  partnership_id: string;
  id: string;
  agreement_id: string;
  proposed_by: string;
  proposing_agency_id: string;
  proposed_at: CreatedAt;
  summary: string;
  from_pack: string;
  to_pack: string | null;
  effective_on: string | null;
  status: 'proposed' | 'agreed' | 'in_effect';
  agreed_on: string | null;
  /** The date the partnership moves to `to_pack`: the effective date, or the day it was agreed if later. */
  moves_on: string | null;
  applied_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface AgreementChangeApprovalTable {
  partnership_id: string;
  change_id: string;
  agency_id: string;
  agreed_by: string;
  agreed_at: CreatedAt;
}

export interface AgreementDocumentRequestTable {
  partnership_id: string;
  id: string;
  agreement_id: string;
  requesting_agency_id: string;
  requested_by: string;
  requested_at: CreatedAt;
  holder_agency_id: string;
  kind: string;
  detail: string;
  due_on: string;
  status: 'open' | 'provided' | 'declined';
  answered_by: string | null;
  answered_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  decline_reason: string | null;
  document_id: string | null;
}

// Rights requests (migration 20261204000400_rights_requests).
type MaybeSealed = ColumnType<SealedColumn | null, string | null | undefined, string | null>;
type MaybeTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface RightsRequestTable {
  partnership_id: string;
  id: string;
  agency_id: string;
  kind: string;
  requester_kind: string;
  child_id: string | null;
  pack: string;
  status: string;
  logged_by: string;
  logged_at: Timestamp;
  received_at: Timestamp;
  verified_at: MaybeTimestamp;
  authority_basis: ColumnType<string | null, string | null | undefined, string | null>;
  child_competent: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  extension_months: ColumnType<number, number | undefined, number>;
  due_at: MaybeTimestamp;
  remind_at: MaybeTimestamp;
  reminded_at: MaybeTimestamp;
  escalated_at: MaybeTimestamp;
  outcome: ColumnType<string | null, string | null | undefined, string | null>;
  answered_at: MaybeTimestamp;
  /** The summary, the evidence of identity and the answer's reasons, sealed as 'rights-request'. */
  sealed: JSONColumnType<SealedColumn, string, string>;
  correlation_id: string;
}

export interface RightsPauseTable {
  partnership_id: string;
  request_id: string;
  from_at: Timestamp;
  to_at: MaybeTimestamp;
}

export interface RightsRequestEventTable {
  partnership_id: string;
  id: string;
  request_id: string;
  seq: Generated<string>;
  at: Timestamp;
  kind: string;
  by_user_id: string | null;
  details: ColumnType<unknown, string | undefined, string>;
  sealed: MaybeSealed;
}

export interface RightsConsultationTable {
  partnership_id: string;
  id: string;
  request_id: string;
  source_agency_id: string;
  asked_at: Timestamp;
  due_at: Timestamp;
  reminded_at: MaybeTimestamp;
  answered_at: MaybeTimestamp;
  answered_by: ColumnType<string | null, string | null | undefined, string | null>;
  exemption: ColumnType<string | null, string | null | undefined, string | null>;
  sealed: MaybeSealed;
}

export interface RightsWithheldTable {
  partnership_id: string;
  request_id: string;
  item_ref: string;
  reason: string;
  source_agency_id: string | null;
  withheld_by: string;
  withheld_at: Timestamp;
  sealed: MaybeSealed;
}

export interface RightsResponsePackTable {
  partnership_id: string;
  id: string;
  request_id: string;
  produced_at: Timestamp;
  produced_by: string;
  byte_size: number;
  sha256: string;
  sealed: MaybeSealed;
  disposed_at: MaybeTimestamp;
}
