// Resolve a bearer API key into the staff member it acts as. Unknown, revoked, expired or malformed
// keys and inactive users all fail the same way; a valid key of someone whose agency is suspended or
// has left the partnership is refused with that reason (agencyAccessRefusal).
import { timingSafeEqual } from 'node:crypto';
import { findApiKeyHolder, touchApiKey } from '../../db/queries/api-keys.ts';
import { agencyAccessRefusal, isApiKeyLive } from '../../domain/people.ts';
import type { Deps } from '../kernel/deps.ts';
import { hashApiSecret, parseApiKey } from './_api-keys.ts';
import { type StaffMember, staffMemberFrom } from './_staff-member.ts';

export async function authenticateApiKey(deps: Deps, token: string): Promise<StaffMember | { refusal: string } | undefined> {
  const parsed = parseApiKey(token);
  if (!parsed) return undefined;
  const key = await findApiKeyHolder(deps.db, parsed.prefix);
  if (!key || !isApiKeyLive({ revokedAt: key.revoked_at, expiresAt: key.expires_at }, deps.now())) return undefined;
  const a = Buffer.from(key.secret_hash, 'hex');
  const b = Buffer.from(hashApiSecret(parsed.secret), 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
  const refusal = key.active ? agencyAccessRefusal(key.agency_membership) : undefined;
  if (refusal) return { refusal };
  const now = deps.now();
  // Record use at most once a minute, so a busy integration does not write on every call.
  if (!key.last_used_at || now.getTime() - key.last_used_at.getTime() > 60_000) {
    await touchApiKey(deps.db, key.partnership_id, key.key_id, now);
  }
  return staffMemberFrom(key);
}
