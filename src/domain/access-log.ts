// Who may see the audit trail (Southampton 2010 s.18 item 14 "clear audit trails for all
// access/uses of information"; Haringey s.5 audit by any partner; Wirral s.9 independent scrutiny).
//   - "Who has seen this child's record": the child's lead agency (the agency that holds the
//     record), and information-governance staff of any agency that can see the child.
//   - An agency's own access log, and the log's proofs and checkpoints: that agency's
//     information-governance staff (IG lead / DPO, Caldicott guardian).
import { type Actor, hasRole, type Role } from './staff.ts';

export const AUDIT_ROLES: readonly Role[] = ['ig_lead', 'caldicott_guardian'];

export const isAuditStaff = (actor: Pick<Actor, 'roles'>) => hasRole(actor, ...AUDIT_ROLES);

export interface Involvement {
  agencyId: string;
  kind: 'holds_record' | 'involved' | string;
}

/** `involvements` are the child's; the actor must already be able to see the child. */
export function canSeeChildAccessLog(actor: Pick<Actor, 'agencyId' | 'roles'>, involvements: readonly Involvement[]): boolean {
  const mine = involvements.filter((i) => i.agencyId === actor.agencyId);
  if (mine.length === 0) return false;
  return mine.some((i) => i.kind === 'holds_record') || isAuditStaff(actor);
}

/** Audit actions as the access log shows them. */
export const auditActionLabels: Record<string, string> = {
  'child.viewed': 'Viewed the record',
  'break-glass.requested': 'Asked for emergency (break-glass) access',
  'break-glass.granted': 'Was given emergency (break-glass) access',
  'break-glass.refused': 'Was refused emergency (break-glass) access',
  'break-glass.expired': 'Emergency (break-glass) access ended',
  'break-glass.reviewed': 'Reviewed emergency (break-glass) access',
  'child.created': 'Added the record',
  'child.create-refused': 'Tried to add the record again',
  'child.searched': 'Found the child in a search',
  'child.listed': 'Saw the child in a list',
  'child.access-log-viewed': 'Viewed who has seen the record',
  'involvement.recorded': 'Recorded their agency as involved',
  'family-member.created': 'Added a family member or carer',
  'decision.recorded': 'Recorded a sharing decision',
  'decision.viewed': 'Viewed a sharing decision',
  'decision.started': 'Started a sharing decision',
  'request.created': 'Asked another agency for information',
  'request.viewed': 'Viewed an information request',
  'request.accepted': 'Accepted an information request at triage',
  'request.returned': 'Returned an information request at triage',
  'request.resubmitted': 'Sent a returned information request again',
  'request.allocated': 'Allocated an information request',
  'request.more-info-asked': 'Asked the requester for more information',
  'request.more-info-given': 'Gave the responder more information',
  'request.answered': 'Answered an information request',
  'request.declined': 'Declined an information request, with reasons',
  'request.withdrawn': 'Withdrew an information request',
  'request.escalated': 'An overdue request was escalated',
  'disclosure.prepared': 'Started sending information',
  'disclosure.sent': 'Sent information securely',
  'disclosure.opened': 'Opened information sent to their agency',
  'disclosure.viewed': 'Viewed information their agency sent',
  'disclosure.attachment-downloaded': 'Downloaded an attachment',
  'disclosure.revoked': 'Recalled unopened information',
  'disclosure.expired': 'Unopened information expired',
  'onward-agreement.requested': 'Asked the originator to agree to onward sharing',
  'onward-agreement.viewed': 'Viewed a request to share onward',
  'onward-agreement.answered': 'Answered a request to share onward',
  'correction.reported': 'Reported an inaccuracy to the originator',
  'correction.viewed': 'Viewed a reported inaccuracy',
  'correction.decided': 'Decided a reported inaccuracy',
  'correction.acknowledged': 'Acknowledged a correction',
  'correction.reminded': 'Reminded about an undecided inaccuracy (system)',
  'outbox.viewed': 'Viewed the e-mail outbox',
};

export const auditOutcomeLabels: Record<string, string> = {
  ok: '',
  denied: 'Refused: no access',
  not_found: 'Refused: not found',
  invalid: 'Not completed: the form had errors',
  failed: 'Failed',
};
