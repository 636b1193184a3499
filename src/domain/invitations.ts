// Invitations by e-mail (issue 11 part 1): an administrator invites a new member of staff with a
// single-use link that expires; the invitee opens it, chooses a password under the NCSC policy
// (credentials.ts) and sets up their authenticator app (ADR 0017), and the account is ready.
// Pure rules: how long a link lasts, what state it is in, who can be invited, how often, and the
// e-mail, which names nobody (DESIGN "Security defaults": no personal data in e-mails). ADR 0084.

/** An invitation works for 7 days: long enough to reach someone back from a week's leave, short
 *  enough that a forgotten link in a mailbox soon stops working. */
export const INVITATION_DAYS = 7;

/** At most this many invitations to one person in 24 hours, so the outbox cannot flood a mailbox. */
export const INVITATIONS_PER_DAY = 5;

export const invitationExpiry = (now: Date) => new Date(now.getTime() + INVITATION_DAYS * 24 * 3_600_000);

export type InvitationState = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface InvitationFacts {
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

/** What has become of an invitation at `now`: used and revoked come first, then time. */
export function invitationState(i: InvitationFacts, now: Date): InvitationState {
  if (i.acceptedAt) return 'accepted';
  if (i.revokedAt) return 'revoked';
  return i.expiresAt.getTime() > now.getTime() ? 'pending' : 'expired';
}

export const invitationStateLabels: Record<InvitationState, string> = {
  pending: 'Invitation sent',
  accepted: 'Invitation accepted',
  revoked: 'Invitation withdrawn',
  expired: 'Invitation expired',
};

/** What the invitee is told when a link cannot be used (a page of its own for each). */
export const invitationLinkProblems: Record<Exclude<InvitationState, 'pending'> | 'unknown', { title: string; body: string }> = {
  accepted: {
    title: 'This invitation has already been used',
    body: 'Your account is set up. Sign in with your email address, password and authenticator app. If you have forgotten your password, you can reset it from the sign-in page.',
  },
  revoked: {
    title: 'This invitation has been withdrawn',
    body: 'Your agency’s administrator has withdrawn this invitation. Ask them to send you a new one if you still need an account.',
  },
  expired: {
    title: 'This invitation has expired',
    body: `An invitation works for ${INVITATION_DAYS} days. Ask your agency’s administrator to send you a new one.`,
  },
  unknown: {
    title: 'This invitation link is not valid',
    body: 'Check that you opened the whole link from the email. If it still does not work, ask your agency’s administrator to send you a new invitation.',
  },
};

export interface InviteeFacts {
  active: boolean;
  hasPassword: boolean;
  agencyMembership: string;
}

/** Why a member of staff cannot be sent an invitation, or undefined if they can. */
export function inviteRefusal(p: InviteeFacts): string | undefined {
  if (!p.active) return 'This account is disabled. Enable it before sending an invitation.';
  if (p.agencyMembership !== 'member') return 'Their agency’s membership of the partnership is suspended or has ended, so they cannot be invited.';
  if (p.hasPassword) return 'They have already set a password. If they have forgotten it, they can reset it from the sign-in page.';
  return undefined;
}

/** The e-mail: the service and the link, nothing else — no name, agency or role. */
export function invitationEmail(link: string): { subject: string; body: string } {
  return {
    subject: 'You have been invited to use Concord',
    body: [
      'You have been invited to use Concord, the service your safeguarding partnership uses to share information.',
      '',
      `To set up your account, open this link within ${INVITATION_DAYS} days. It works once:`,
      link,
      '',
      'You will choose a password and set up an authenticator app on your phone.',
      '',
      'If you were not expecting this, you can ignore this e-mail and tell your agency’s administrator.',
    ].join('\n'),
  };
}
