// Sending an invitation by e-mail (issue 11 part 1; ADR 0084), shared by adding a member of staff,
// importing staff and inviting (or inviting again) on its own. In the caller's transaction: any
// earlier invitation still open is withdrawn (so only the newest link works), a new single-use link
// is made (its token stored only as a SHA-256), the e-mail is written to the outbox with the
// service and the link and nothing else, and `staff.invited` is audited.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { insertEmail } from '../../db/queries/credentials.ts';
import { countInvitationsSince, insertInvitation, revokeOpenInvitations } from '../../db/queries/invitations.ts';
import { INVITATIONS_PER_DAY, invitationEmail, invitationExpiry } from '../../domain/invitations.ts';
import { type AuditActor, appendAudit } from './audit.ts';
import type { Tx } from './deps.ts';

/** Invitation tokens are 32 random bytes, so a plain SHA-256 is enough to store them. */
export const hashInvitationToken = (token: string) => createHash('sha256').update(`invitation:${token}`).digest('base64url');

/** The link's path: `/invitation/{token}` (the token is moved into the session at once). */
export const invitationPath = (token: string) => `/invitation/${token}`;

export interface Invitee {
  partnershipId: string;
  userId: string;
  email: string;
}

/** Send an invitation; false (and audited as refused) when the person has had too many today. */
export async function sendInvitation(trx: Tx, actor: AuditActor, invitee: Invitee, opts: { now: Date; publicUrl?: string; resent?: boolean }): Promise<boolean> {
  const { now } = opts;
  if ((await countInvitationsSince(trx, invitee.partnershipId, invitee.userId, new Date(now.getTime() - 24 * 3_600_000))) >= INVITATIONS_PER_DAY) {
    await appendAudit(trx, actor, { action: 'staff.invited', outcome: 'denied', subjectType: 'staff_user', subjectId: invitee.userId, details: { reason: 'too-many-invitations' } });
    return false;
  }
  const withdrawn = await revokeOpenInvitations(trx, invitee.partnershipId, invitee.userId, now, actor.userId);
  const token = randomBytes(32).toString('base64url');
  const id = randomUUID();
  const expiresAt = invitationExpiry(now);
  await insertInvitation(trx, { partnershipId: invitee.partnershipId, id, userId: invitee.userId, tokenHash: hashInvitationToken(token), invitedBy: actor.userId, at: now, expiresAt });
  const base = (opts.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
  const { subject, body } = invitationEmail(`${base}${invitationPath(token)}`);
  await insertEmail(trx, { partnershipId: invitee.partnershipId, id: randomUUID(), to: invitee.email, template: 'staff-invitation', subject, body, at: now });
  await appendAudit(trx, actor, {
    action: 'staff.invited',
    subjectType: 'staff_user',
    subjectId: invitee.userId,
    details: { invitationId: id, expiresAt: expiresAt.toISOString(), withdrawn, resent: Boolean(opts.resent) },
  });
  return true;
}
