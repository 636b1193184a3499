// Shared by the staff and partnership verbs: a change to someone's credentials, roles or status ends their sessions
// and API keys in the same transaction (issue 11 part 2 "revokes the person's sessions and API keys
// within 1 second"): sessions are read from the database on every request and keys on every call,
// so the next request after the commit is refused.
// A person changing their own password keeps the session they are using (`exceptSessionKey`).
import { endSessionsAndKeys } from '../../db/queries/credentials.ts';
import type { Tx } from './deps.ts';

export function revokeCredentials(trx: Tx, partnershipId: string, userId: string, at: Date, exceptSessionKey?: string): Promise<{ sessions: number; apiKeys: number }> {
  return endSessionsAndKeys(trx, partnershipId, userId, at, exceptSessionKey);
}
