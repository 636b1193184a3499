// The invitee opens their invitation link and chooses a password (the NCSC policy, ADR 0018); the
// invitation is used up and the account opened for its second factor, which they set up next
// (ADR 0017) — only then are they signed in. A link that was used, withdrawn or has expired, or
// whose account or agency can no longer sign in, says so on a page of its own (ADR 0084).

import { setPasswordHash } from '../../db/queries/credentials.ts';
import { findInvitationByTokenHash, type InvitationRow, acceptInvitation as useInvitation } from '../../db/queries/invitations.ts';
import { passwordProblem } from '../../domain/credentials.ts';
import { type InvitationState, invitationState } from '../../domain/invitations.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { hashInvitationToken } from '../kernel/invitations.ts';
import { conflict, type FieldError, invalid, type Outcome, ok } from '../kernel/outcome.ts';
import { hashPassword } from '../kernel/passwords.ts';
import { type Account, accountActor } from './_credentials.ts';

export type InvitationLinkState = InvitationState | 'unknown';

const find = async (deps: Deps, token: string) => (!token || token.length > 100 ? undefined : findInvitationByTokenHash(deps.db, hashInvitationToken(token)));

function stateOf(row: InvitationRow | undefined, now: Date): InvitationLinkState {
  if (!row) return 'unknown';
  const state = invitationState({ expiresAt: row.expires_at, acceptedAt: row.accepted_at, revokedAt: row.revoked_at }, now);
  if (state !== 'pending') return state;
  // A disabled account, or an agency no longer a member: the invitation no longer stands.
  if (!row.active || row.agency_membership !== 'member') return 'revoked';
  if (row.has_password) return 'accepted';
  return 'pending';
}

/** What the link's page shows: the form (pending) or why it cannot be used. */
export async function invitationLinkState(deps: Deps, token: string): Promise<InvitationLinkState> {
  return stateOf(await find(deps, token), deps.now());
}

export async function acceptInvitation(deps: Deps, input: { token: string; newPassword: string; confirmPassword: string; correlationId: string }): Promise<Outcome<Account>> {
  const now = deps.now();
  const row = await find(deps, input.token);
  const state = stateOf(row, now);
  if (!row || state !== 'pending') return conflict(state);
  const errors: FieldError[] = [];
  const problem = passwordProblem(input.newPassword ?? '', { email: row.email });
  if (problem) errors.push({ path: 'newPassword', message: problem });
  else if (input.newPassword !== input.confirmPassword) errors.push({ path: 'confirmPassword', message: 'The passwords do not match. Enter the same new password twice' });
  if (errors.length) return invalid(errors);
  const hash = await hashPassword(input.newPassword);
  const actor = accountActor({ partnershipId: row.partnership_id, userId: row.user_id, agencyId: row.agency_id }, input.correlationId);
  const used = await deps.db.transaction().execute(async (trx) => {
    if (!(await useInvitation(trx, row.partnership_id, row.id, now))) return false;
    await setPasswordHash(trx, row.partnership_id, row.user_id, hash, now);
    await appendAudit(trx, actor, { action: 'staff.invitation-accepted', subjectType: 'staff_user', subjectId: row.user_id, details: { invitationId: row.id } });
    return true;
  });
  if (!used) return conflict(stateOf(await find(deps, input.token), now));
  return ok({
    userId: row.user_id,
    partnershipId: row.partnership_id,
    agencyId: row.agency_id,
    partnershipName: row.partnership_name,
    agencyName: row.agency_name,
    mfaEnrolled: row.totp_enrolled_at !== null,
  });
}
