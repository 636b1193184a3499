// API keys let an agency's system call the API as one staff member. The secret is shown once;
// only its SHA-256 is stored (see _api-keys.ts). A key expires after API_KEY_LIFETIME_DAYS
// (src/domain/people.ts), and its owner sees when.
import { randomBytes, randomUUID } from 'node:crypto';
import { insertApiKey } from '../../db/queries/api-keys.ts';
import { apiKeyExpiresAt } from '../../domain/people.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { conflict, invalid, type Outcome, ok } from '../kernel/outcome.ts';
import { once, type Submission } from '../kernel/submissions.ts';
import { hashApiSecret } from './_api-keys.ts';

/** What a second submission of the same form or Idempotency-Key is told. */
export const API_KEY_ALREADY_CREATED = 'This key was already created. Its secret was shown once, when it was created; if it was not saved, revoke the key and create another.';

export async function createApiKey(deps: Deps, actor: Actor, input: { name: string }, submission?: Submission): Promise<Outcome<{ id: string; token: string; expiresAt: Date }>> {
  const name = (input.name ?? '').trim();
  if (!name) return invalid([{ path: 'name', message: 'Enter a name for the key, for example "Case management system"' }]);
  if (name.length > 100) return invalid([{ path: 'name', message: 'The name must be 100 characters or fewer' }]);
  const prefix = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  const id = randomUUID();
  // The secret is shown once: a replay creates nothing and says so (only the secret's hash is kept).
  return deps.db.transaction().execute((trx) =>
    once(
      trx,
      actor,
      'api-key.create',
      submission,
      deps.now(),
      async () => {
        const now = deps.now();
        await insertApiKey(trx, {
          partnership_id: actor.partnershipId,
          id,
          user_id: actor.userId,
          name,
          prefix,
          secret_hash: hashApiSecret(secret),
          created_at: now,
          expires_at: apiKeyExpiresAt(now),
        });
        await appendAudit(trx, auditActor(actor), { action: 'api-key.created', subjectType: 'api_key', subjectId: id, details: { prefix } });
        return ok({ id, token: `concord_${prefix}_${secret}`, expiresAt: apiKeyExpiresAt(now) });
      },
      () => conflict(API_KEY_ALREADY_CREATED),
    ),
  );
}
