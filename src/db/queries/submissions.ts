// Submissions of "create" actions (ADR 0071): claiming a key, keeping the first outcome, releasing
// a claim whose submission created nothing.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export interface SubmissionKey {
  partnershipId: string;
  userId: string;
  key: string;
}

/** Claim a key; true if this submission is the first. A concurrent claim waits for the first to commit. */
export async function claimSubmission(db: Kysely<DB>, k: SubmissionKey, claim: { operation: string; fingerprint: string; at: Date }): Promise<boolean> {
  const rows = await db
    .insertInto('submission')
    .values({ partnership_id: k.partnershipId, user_id: k.userId, key: k.key, operation: claim.operation, fingerprint: claim.fingerprint, submitted_at: claim.at })
    .onConflict((oc) => oc.columns(['partnership_id', 'user_id', 'key']).doNothing())
    .returning('key')
    .execute();
  return rows.length === 1;
}

export async function findSubmission(db: Kysely<DB>, k: SubmissionKey) {
  return db
    .selectFrom('submission')
    .select(['operation', 'fingerprint', 'result'])
    .where('partnership_id', '=', k.partnershipId)
    .where('user_id', '=', k.userId)
    .where('key', '=', k.key)
    .executeTakeFirst();
}

export async function keepSubmissionResult(db: Kysely<DB>, k: SubmissionKey, result: string): Promise<void> {
  await db.updateTable('submission').set({ result }).where('partnership_id', '=', k.partnershipId).where('user_id', '=', k.userId).where('key', '=', k.key).execute();
}

export async function releaseSubmission(db: Kysely<DB>, k: SubmissionKey): Promise<void> {
  await db.deleteFrom('submission').where('partnership_id', '=', k.partnershipId).where('user_id', '=', k.userId).where('key', '=', k.key).execute();
}
