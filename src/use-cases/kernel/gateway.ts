// The gateway: the one way a use case reaches a record on behalf of an actor. It loads the record,
// asks the domain whether the actor may do what they are attempting to it, and either returns it
// or appends the refused attempt to the audit log (outcome "denied" when the record exists, "not
// found" otherwise) and returns undefined — callers answer "not found" either way, so a record
// outside the actor's reach is never revealed (DESIGN "Security defaults"; ADR 0003). It runs in
// the caller's transaction, so the denial is audited with whatever else the step writes.
//
// Each kind of record is registered below with its query (src/db/queries/) and its access rule
// (src/domain/); a new register adds its kind here and nowhere else.
import { type AccessAlertRow, findAccessAlert, lockAccessAlert } from '../../db/queries/access-alerts.ts';
import { type AgreementRecord, findAgreementRecord } from '../../db/queries/agreements.ts';
import { type BreachRow, findBreach, lockBreach } from '../../db/queries/breaches.ts';
import { type BreakGlassRow, findBreakGlass } from '../../db/queries/break-glass.ts';
import { type ChildRow, childExists, findVisibleChild } from '../../db/queries/children.ts';
import { type ComplaintRow, findComplaint, lockComplaint } from '../../db/queries/complaints.ts';
import { type CorrectionRow, findCorrection } from '../../db/queries/corrections.ts';
import { type DecisionRow, findDecision } from '../../db/queries/decisions.ts';
import { type DisclosureRow, findDisclosure } from '../../db/queries/disclosures.ts';
import { type DisputeRow, findDispute, lockDispute } from '../../db/queries/disputes.ts';
import { findNotification, type NotificationRow } from '../../db/queries/notifications.ts';
import { type AgreementRow, findAgreement } from '../../db/queries/onward-agreements.ts';
import { type AgencyMembershipRow, findAgencyMembership, lockAgency } from '../../db/queries/partnerships.ts';
import { findRequest, lockRequest, type RequestRow } from '../../db/queries/requests.ts';
import { type CertificateRow, findCertificate, findReview, lockReview, type ReviewRow } from '../../db/queries/retention.ts';
import { type ConsultationRow, findConsultation, findRightsRequest, lockConsultation, lockRightsRequest, type RightsRequestRow } from '../../db/queries/rights.ts';
import { findStaffUser, lockStaffUser, type StaffUserRow } from '../../db/queries/staff.ts';
import type { AgreementParties, CorrectionParties, DisclosureParties } from '../../domain/disclosures.ts';
import { mayWorkWithChildren } from '../../domain/people.ts';
import type { RequestParties } from '../../domain/requests.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor, scopeOf } from './actor.ts';
import { appendAudit } from './audit.ts';
import type { Tx } from './deps.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

/** How the gateway reaches one kind of record. */
export interface RecordKind<Row> {
  /** The audit event's subject type, e.g. "child", "request". */
  subjectType: string;
  /** Load the row, confined to the actor's partnership; undefined if there is none. */
  load(trx: Tx, actor: Actor, id: string): Promise<Row | undefined>;
  /** The child the record is about, for the audit event (null if it is not about one child). */
  childOf(row: Row): string | null;
  /** Run only for a record the actor may reach (e.g. lock it for update). */
  onReached?(trx: Tx, actor: Actor, row: Row): Promise<void>;
}

/** The row a kind's `reach` returns. */
export type Reached<K> = K extends RecordKind<infer Row> ? Row : never;

/** The record if it exists in the actor's partnership and `allowed` says the actor may do
 *  `attempted` to it; otherwise the refused attempt is audited and undefined returned. */
export async function reach<Row>(trx: Tx, actor: Actor, kind: RecordKind<Row>, id: string, attempted: string, allowed: (row: Row) => boolean): Promise<Row | undefined> {
  const row = isUuid(id) ? await kind.load(trx, actor, id) : undefined;
  if (row !== undefined && allowed(row)) {
    await kind.onReached?.(trx, actor, row);
    return row;
  }
  await auditRefusal(trx, actor, kind.subjectType, attempted, id, row === undefined ? undefined : kind.childOf(row));
  return undefined;
}

/** Audit a refused attempt on a record: "denied" when the record exists (`childId` is then known,
 *  or null), "not_found" when it does not (`childId` undefined). */
export async function auditRefusal(trx: Tx, actor: Actor, subjectType: string, attempted: string, id: string, childId: string | null | undefined) {
  await appendAudit(trx, auditActor(actor), {
    action: attempted,
    outcome: childId === undefined ? 'not_found' : 'denied',
    subjectType,
    subjectId: isUuid(id) ? id : undefined,
    childId: childId ?? undefined,
  });
}

/** A child the actor's agency holds or is involved with (ADR 0003). A child that exists but is out
 *  of reach is audited as denied, with the child's id so the lead agency sees the attempt. Someone
 *  who holds only administration roles reaches no child (separation of duties, ADR 0044). */
export async function reachChild(trx: Tx, actor: Actor, childId: string, attempted: string): Promise<ChildRow | undefined> {
  const child = isUuid(childId) && mayWorkWithChildren(actor) ? await findVisibleChild(trx, scopeOf(actor), childId) : undefined;
  if (child) return child;
  const exists = isUuid(childId) && (await childExists(trx, actor.partnershipId, childId));
  await auditRefusal(trx, actor, 'child', attempted, childId, exists ? childId : undefined);
  return undefined;
}

// --- The exchange of information: requests, disclosures, onward agreements, corrections. Each
// row carries its `parties`, the facts the domain's access rules (src/domain/requests.ts,
// src/domain/disclosures.ts) decide on.

/** A request for information, locked for update once reached (its steps move it on). */
export const REQUEST: RecordKind<RequestRow & { parties: RequestParties }> = {
  subjectType: 'request',
  async load(trx, actor, id) {
    const r = await findRequest(trx, actor.partnershipId, id);
    return r && { ...r, parties: { fromAgencyId: r.from_agency_id, fromUserId: r.from_user_id, toAgencyId: r.to_agency_id, allocatedTo: r.allocated_to } };
  },
  childOf: (r) => r.child_id,
  onReached: (trx, actor, r) => lockRequest(trx, actor.partnershipId, r.id),
};

/** Information sent by one agency to another. */
export const DISCLOSURE: RecordKind<DisclosureRow & { parties: DisclosureParties }> = {
  subjectType: 'disclosure',
  async load(trx, actor, id) {
    const d = await findDisclosure(trx, actor.partnershipId, id);
    return d && { ...d, parties: { fromAgencyId: d.from_agency_id, fromUserId: d.from_user_id, toAgencyId: d.to_agency_id, toUserId: d.to_user_id } };
  },
  childOf: (d) => d.child_id,
};

/** A reported inaccuracy, with its origin item. */
export const CORRECTION: RecordKind<CorrectionRow & { parties: CorrectionParties }> = {
  subjectType: 'correction',
  async load(trx, actor, id) {
    const c = await findCorrection(trx, actor.partnershipId, id);
    return c && { ...c, parties: { originatorAgencyId: c.originator_agency_id, originatorUserId: c.originator_user_id, reportingAgencyId: c.reporting_agency_id } };
  },
  childOf: (c) => c.child_id,
};

/** A request for an originator's agreement to pass received information on. */
export const ONWARD_AGREEMENT: RecordKind<AgreementRow & { parties: AgreementParties }> = {
  subjectType: 'onward-agreement',
  async load(trx, actor, id) {
    const g = await findAgreement(trx, actor.partnershipId, id, actor.userId);
    return g && { ...g, parties: { originatorAgencyId: g.originator_agency_id, actorOriginatedItem: Boolean(g.user_originated_item) } };
  },
  childOf: (g) => g.child_id,
};

// --- Decisions and notifications.

/** A recorded sharing decision. Who may see it is who may see its child (ADR 0003): the query says
 *  whether the actor's agency can (`child_visible`, from the one visible-children rule). */
export const DECISION: RecordKind<DecisionRow> = {
  subjectType: 'decision',
  load: (trx, actor, id) => findDecision(trx, scopeOf(actor), id),
  childOf: (d) => d.child_id,
};

/** An in-app notification (about no child: notifications carry no personal data). */
export const NOTIFICATION: RecordKind<NotificationRow> = {
  subjectType: 'notification',
  load: (trx, actor, id) => findNotification(trx, actor.partnershipId, id),
  childOf: () => null,
};

// --- Disputes and complaints (Southampton 2010 s.13–14; Haringey 2006 s.12; Wirral 2022 App. 2
// s.5.5). Who may see or act on them is decided by src/domain/disputes.ts and complaints.ts.

/** A dispute between two agencies, locked for update once reached (its steps move it on). */
export const DISPUTE: RecordKind<DisputeRow> = {
  subjectType: 'dispute',
  load: (trx, actor, id) => findDispute(trx, actor.partnershipId, id),
  childOf: (row) => row.child_id,
  onReached: (trx, actor, row) => lockDispute(trx, actor.partnershipId, row.id),
};

/** A complaint about the use or disclosure of information, locked for update once reached. */
export const COMPLAINT: RecordKind<ComplaintRow> = {
  subjectType: 'complaint',
  load: (trx, actor, id) => findComplaint(trx, actor.partnershipId, id),
  childOf: (row) => row.child_id,
  onReached: (trx, actor, row) => lockComplaint(trx, actor.partnershipId, row.id),
};

// --- Breaches and incidents (src/domain/breaches.ts decides who may see and act).

/** A breach: loaded with its party agencies, then locked for the step (steps happen one at a time). */
export const BREACH: RecordKind<BreachRow> = {
  subjectType: 'breach',
  load: (trx, actor, id) => findBreach(trx, actor.partnershipId, id),
  // A breach may concern several children (or none); its children are on the record itself.
  childOf: () => null,
  onReached: (trx, actor, row) => lockBreach(trx, actor.partnershipId, row.id),
};

// --- People and agencies (src/domain/people.ts decides who administers whom).

/** A staff member, for their administrator (their agency's, or the partnership manager); locked for the change. */
export const STAFF_MEMBER: RecordKind<StaffUserRow> = {
  subjectType: 'staff_user',
  load: (trx, actor, id) => findStaffUser(trx, actor.partnershipId, id),
  childOf: () => null,
  onReached: (trx, actor, row) => lockStaffUser(trx, actor.partnershipId, row.id),
};

/** An agency of the partnership, for the partnership manager; locked for a membership change. */
export const AGENCY: RecordKind<AgencyMembershipRow> = {
  subjectType: 'agency',
  load: (trx, actor, id) => findAgencyMembership(trx, actor.partnershipId, id),
  childOf: () => null,
  onReached: (trx, actor, row) => lockAgency(trx, actor.partnershipId, row.id),
};

// --- The agreement register (src/domain/agreements.ts decides who may see an agreement).

/** A partnership's information sharing agreement (or a second-tier agreement), with its parties. */
export const PARTNERSHIP_AGREEMENT: RecordKind<AgreementRecord> = {
  subjectType: 'agreement',
  load: (trx, actor, id) => findAgreementRecord(trx, actor.partnershipId, id),
  childOf: () => null,
};

// --- Retention and disposal (src/domain/retention.ts decides who reviews).

/** A record in the disposition review, locked for update once reached. */
export const DISPOSAL_REVIEW: RecordKind<ReviewRow> = {
  subjectType: 'disposal-review',
  load: (trx, actor, id) => findReview(trx, actor.partnershipId, id),
  childOf: () => null,
  onReached: (trx, actor, row) => lockReview(trx, actor.partnershipId, row.id),
};

/** A certificate of disposal. */
export const DISPOSAL_CERTIFICATE: RecordKind<CertificateRow> = {
  subjectType: 'disposal-certificate',
  load: (trx, actor, id) => findCertificate(trx, actor.partnershipId, id),
  childOf: () => null,
};

// --- Break-glass access (src/domain/break-glass.ts decides who decides and who reviews).

/** A request for break-glass access to a child, with the agencies that hold the child's record. */
export const BREAK_GLASS: RecordKind<BreakGlassRow> = {
  subjectType: 'break-glass',
  load: (trx, actor, id) => findBreakGlass(trx, actor.partnershipId, id),
  childOf: (r) => r.child_id,
};

// --- Rights requests (src/domain/rights.ts decides who handles and who is consulted).

/** A rights request, locked for update once reached (its steps move its clock on). */
export const RIGHTS_REQUEST: RecordKind<RightsRequestRow> = {
  subjectType: 'rights-request',
  load: (trx, actor, id) => findRightsRequest(trx, actor.partnershipId, id),
  childOf: (r) => r.child_id,
  onReached: (trx, actor, r) => lockRightsRequest(trx, actor.partnershipId, r.id),
};

/** A source agency's consultation on a rights request, locked for its answer. */
export const RIGHTS_CONSULTATION: RecordKind<ConsultationRow> = {
  subjectType: 'rights-consultation',
  load: (trx, actor, id) => findConsultation(trx, actor.partnershipId, id),
  childOf: (c) => c.child_id,
  onReached: (trx, actor, c) => lockConsultation(trx, actor.partnershipId, c.id),
};

// --- Unusual-access alerts (src/domain/access-alerts.ts decides who sees them).

/** An unusual-access alert about a member of staff, locked for its answer once reached. */
export const ACCESS_ALERT: RecordKind<AccessAlertRow> = {
  subjectType: 'access-alert',
  load: (trx, actor, id) => findAccessAlert(trx, actor.partnershipId, id),
  childOf: () => null,
  onReached: (trx, actor, row) => lockAccessAlert(trx, actor.partnershipId, row.id),
};
