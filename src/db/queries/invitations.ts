// Invitations by e-mail (migration 20261205000300): single-use links for a new member of staff to
// set their password. Only the SHA-256 of a link's token is stored.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export async function insertInvitation(
  db: Kysely<DB>,
  i: { partnershipId: string; id: string; userId: string; tokenHash: string; invitedBy: string | null; at: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('staff_invitation')
    .values({ partnership_id: i.partnershipId, id: i.id, user_id: i.userId, token_hash: i.tokenHash, invited_by: i.invitedBy, created_at: i.at, expires_at: i.expiresAt })
    .execute();
}

/** Withdraw every invitation of a person not yet used, revoked or expired; returns how many. */
export async function revokeOpenInvitations(db: Kysely<DB>, partnershipId: string, userId: string, at: Date, by: string | null): Promise<number> {
  const res = await db
    .updateTable('staff_invitation')
    .set({ revoked_at: at, revoked_by: by })
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Invitations sent to one person since `since` (a limit on invitation e-mails). */
export async function countInvitationsSince(db: Kysely<DB>, partnershipId: string, userId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('staff_invitation')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The person's latest invitation, if any (for the staff pages). */
export async function latestInvitationOf(db: Kysely<DB>, partnershipId: string, userId: string) {
  return db
    .selectFrom('staff_invitation')
    .select(['id', 'created_at', 'expires_at', 'accepted_at', 'revoked_at'])
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** An invitation by its token's hash, with the account it is for (whatever its state). */
export async function findInvitationByTokenHash(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('staff_invitation')
    .innerJoin('staff_user', (j) => j.onRef('staff_user.partnership_id', '=', 'staff_invitation.partnership_id').onRef('staff_user.id', '=', 'staff_invitation.user_id'))
    .innerJoin('agency', (j) => j.onRef('agency.partnership_id', '=', 'staff_user.partnership_id').onRef('agency.id', '=', 'staff_user.agency_id'))
    .innerJoin('partnership', 'partnership.id', 'staff_user.partnership_id')
    .select([
      'staff_invitation.id',
      'staff_invitation.partnership_id',
      'staff_invitation.user_id',
      'staff_invitation.expires_at',
      'staff_invitation.accepted_at',
      'staff_invitation.revoked_at',
      'staff_user.agency_id',
      'staff_user.email',
      'staff_user.active',
      'staff_user.totp_enrolled_at',
      'agency.name as agency_name',
      'agency.membership as agency_membership',
      'partnership.name as partnership_name',
    ])
    .select((eb) => eb('staff_user.password_hash', 'is not', null).as('has_password'))
    .where('staff_invitation.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export type InvitationRow = NonNullable<Awaited<ReturnType<typeof findInvitationByTokenHash>>>;

/** Use an invitation once; false if it was used, withdrawn or expired meanwhile. */
export async function acceptInvitation(db: Kysely<DB>, partnershipId: string, id: string, at: Date): Promise<boolean> {
  const res = await db
    .updateTable('staff_invitation')
    .set({ accepted_at: at })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
