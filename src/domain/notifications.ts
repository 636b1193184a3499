// What Concord tells people, in the app and by e-mail. Never personal data: no names, no details of
// the child or family, no free text — only that something needs attention and where to sign in
// (DESIGN "Security defaults"; Wirral 2022 s.6.1; Derby 2015 s.5 secure e-mail only).
export const NOTIFICATION_KINDS = {
  'request.received': { title: 'You have a new information request', email: true },
  'request.allocated': { title: 'An information request has been allocated to you', email: true },
  'request.returned': { title: 'Your information request has been returned to you', email: true },
  'request.resubmitted': { title: 'A returned information request has been sent again', email: true },
  'request.more-info-asked': { title: 'More information is needed to answer your request', email: true },
  'request.more-info-given': { title: 'The requester has given more information', email: true },
  'request.answered': { title: 'Your information request has been answered', email: true },
  'request.declined': { title: 'Your information request has been declined, with reasons', email: true },
  'request.withdrawn': { title: 'An information request has been withdrawn', email: false },
  'request.overdue': { title: 'An information request is overdue', email: true },
  'disclosure.received': { title: 'You have received information from another agency', email: true },
  'disclosure.opened': { title: 'Information you sent has been opened', email: false },
  'disclosure.revoked': { title: 'Information sent to your agency has been withdrawn by the sender', email: true },
  'disclosure.expired': { title: 'Information you sent expired before it was opened', email: true },
  'agreement.requested': { title: 'You are asked to agree to information being shared onward', email: true },
  'agreement.answered': { title: 'The originator has answered your request to share onward', email: true },
  'agreement.review-due': { title: 'A review of the information sharing agreement is due soon', email: true },
  'agreement.review-overdue': { title: 'A review of the information sharing agreement is overdue', email: true },
  'agreement.review-to-approve': { title: 'A review of the information sharing agreement needs your agency’s approval', email: true },
  'agreement.reaffirmation-due': { title: 'Your agency’s re-affirmation of the information sharing agreement is due soon', email: true },
  'agreement.reaffirmation-overdue': { title: 'An agency’s re-affirmation of the information sharing agreement is overdue', email: true },
  'agreement.change-proposed': { title: 'A change to the information sharing agreement needs your agency’s agreement', email: true },
  'agreement.change-agreed': { title: 'A change to the information sharing agreement has been agreed: your agency may need to sign the new version', email: true },
  'agreement.version-moved': { title: 'The information sharing agreement has moved to a new protocol version', email: true },
  'agreement.document-requested': { title: 'Another agency asks your agency for a document under the information sharing agreement', email: true },
  'agreement.document-answered': { title: 'Your request for a document under the information sharing agreement has been answered', email: true },
  'correction.reported': { title: 'An inaccuracy has been reported in information you shared', email: true },
  'correction.issued': { title: 'Information your agency received has been corrected', email: true },
  'correction.rejected': { title: 'The originator has reviewed the inaccuracy you reported', email: true },
  'correction.overdue': { title: 'A reported inaccuracy in information your agency shared is waiting for your decision', email: true },
  'correction.unanswered': { title: 'The originator has not yet decided on an inaccuracy your agency reported', email: true },
  'dispute.raised': { title: 'A dispute about sharing needs you at its first stage', email: true },
  'dispute.stage-recorded': { title: 'A stage of a dispute about sharing has been recorded', email: false },
  'dispute.escalated': { title: 'A dispute about sharing has been escalated to you', email: true },
  'dispute.overdue': { title: 'A stage of a dispute about sharing is past its time', email: true },
  'dispute.concluded': { title: 'A dispute about sharing has concluded: record its outcome and impact', email: true },
  'complaint.received': { title: 'A complaint about the use or disclosure of information has been recorded for your agency', email: true },
  'complaint.overdue': { title: 'A complaint about the use or disclosure of information is past its response date', email: true },
  'complaint.answered': { title: 'A complaint you recorded has been answered', email: false },
  'breach.reported': { title: 'A possible breach of information sharing has been reported to your agency', email: true },
  'breach.involves-your-information': { title: 'A possible breach involving information your agency shared has been reported', email: true },
  'breach.deadline-near': { title: 'A deadline in a breach procedure is due soon', email: true },
  'breach.deadline-missed': { title: 'A deadline in a breach procedure has passed', email: true },
  'breach.closed': { title: 'A breach your agency is party to has been closed', email: false },
  'disclosure.returned': { title: 'Information you sent has been returned by the agency that received it', email: true },
  'decision.approval-requested': { title: 'A decision to share against the advice needs your approval', email: true },
  'decision.approval-answered': { title: 'Your decision to share against the advice has been approved or refused', email: true },
  'break-glass.used': { title: 'Another agency has been given emergency access to a child your agency holds a record for: review it', email: true },
  'break-glass.approval-requested': { title: 'A request for emergency access to a child’s record needs your approval', email: true },
  'break-glass.answered': { title: 'Your request for emergency access to a child’s record has been answered', email: true },
  'access.unusual-rate': { title: 'Someone has viewed far more children’s records today than they usually do', email: true },
  'rights.deadline-near': { title: 'A rights request is due soon', email: true },
  'rights.deadline-missed': { title: 'A rights request has passed its deadline', email: true },
  'rights.consultation-requested': { title: 'Another agency asks whether an exemption applies to information you supplied', email: true },
  'rights.consultation-answered': { title: 'A source agency has answered your consultation on a rights request', email: true },
  'rights.consultation-overdue': { title: 'A consultation on a rights request has passed its deadline', email: true },
  'rights.foi-routed': { title: 'A Freedom of Information request has been routed to the partnership', email: true },
} as const satisfies Record<string, { title: string; email: boolean }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

/** The e-mail for a notification: a fixed sentence and the instruction to sign in. */
export function notificationEmail(kind: NotificationKind): { subject: string; body: string } {
  const { title } = NOTIFICATION_KINDS[kind];
  return { subject: `Concord: ${title.charAt(0).toLowerCase()}${title.slice(1)}`, body: `${title}. Sign in to Concord to view it.` };
}

/** A notification is opened only by the person it is for. */
export const canOpenNotification = (actor: { userId: string }, notification: { userId: string }) => notification.userId === actor.userId;
