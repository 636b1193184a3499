// Shared by the staff and partnership verbs: a change to someone's credentials, roles or status ends their sessions
// and API keys in the same transaction (issue 11 part 2 "revokes the person's sessions and API keys
// within 1 second"): sessions are read from the database on every request and keys on every call,
// so the next request after the commit is refused.
import { revokeApiKeysOfUser } from '../../db/queries/api-keys.ts';
import { deleteWebSessionsOf } from '../../db/queries/sessions.ts';
import type { Tx } from './deps.ts';

export async function revokeCredentials(trx: Tx, partnershipId: string, userId: string, at: Date): Promise<{ sessions: number; apiKeys: number }> {
  const sessions = await deleteWebSessionsOf(trx, partnershipId, userId);
  const apiKeys = await revokeApiKeysOfUser(trx, partnershipId, userId, at);
  return { sessions, apiKeys };
}
