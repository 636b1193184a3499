// Server-side, revocable sessions. Only a SHA-256 of the session id is stored, so a copy of the
// database cannot be used to take over a session. Expired sessions are purged by a job.
import { createHash } from 'node:crypto';
import type { Deps } from '../kernel/deps.ts';

const key = (sessionId: string) => createHash('sha256').update(sessionId).digest('base64url');

export interface StoredSession {
  data: Record<string, unknown>;
  expiresAt: Date;
  userId?: string | null;
  partnershipId?: string | null;
}

export async function loadWebSession(deps: Deps, sessionId: string): Promise<Record<string, unknown> | undefined> {
  const row = await deps.db.selectFrom('web_session').select(['data', 'expires_at']).where('id', '=', key(sessionId)).executeTakeFirst();
  if (!row || row.expires_at <= deps.now()) return undefined;
  return row.data;
}

export async function saveWebSession(deps: Deps, sessionId: string, s: StoredSession): Promise<void> {
  const now = deps.now();
  await deps.db
    .insertInto('web_session')
    .values({
      id: key(sessionId),
      data: JSON.stringify(s.data),
      user_id: s.userId ?? null,
      partnership_id: s.partnershipId ?? null,
      last_seen_at: now,
      expires_at: s.expiresAt,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        data: JSON.stringify(s.data),
        user_id: s.userId ?? null,
        partnership_id: s.partnershipId ?? null,
        last_seen_at: now,
        expires_at: s.expiresAt,
      }),
    )
    .execute();
}

export async function destroyWebSession(deps: Deps, sessionId: string): Promise<void> {
  await deps.db.deleteFrom('web_session').where('id', '=', key(sessionId)).execute();
}

/** Sign a staff member out everywhere (an administrator's or their own action). */
export async function destroySessionsOf(deps: Deps, partnershipId: string, userId: string): Promise<number> {
  const res = await deps.db.deleteFrom('web_session').where('partnership_id', '=', partnershipId).where('user_id', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function purgeExpiredSessions(deps: Deps): Promise<number> {
  const res = await deps.db.deleteFrom('web_session').where('expires_at', '<=', deps.now()).executeTakeFirst();
  return Number(res.numDeletedRows);
}
