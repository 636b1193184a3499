// Server-side, revocable sessions. Only a SHA-256 of the session id is stored, so a copy of the
// database cannot be used to take over a session. Expired sessions are purged by a job.
import { deleteExpiredWebSessions, deleteWebSession, deleteWebSessionsOf, findWebSession, upsertWebSession } from '../../db/queries/sessions.ts';
import type { Deps } from '../kernel/deps.ts';
import { sessionKey as key } from './_credentials.ts';

export interface StoredSession {
  data: Record<string, unknown>;
  expiresAt: Date;
  userId?: string | null;
  partnershipId?: string | null;
}

export async function loadWebSession(deps: Deps, sessionId: string): Promise<Record<string, unknown> | undefined> {
  const row = await findWebSession(deps.db, key(sessionId));
  if (!row || row.expires_at <= deps.now()) return undefined;
  return row.data;
}

export async function saveWebSession(deps: Deps, sessionId: string, s: StoredSession): Promise<void> {
  await upsertWebSession(deps.db, key(sessionId), {
    data: JSON.stringify(s.data),
    user_id: s.userId ?? null,
    partnership_id: s.partnershipId ?? null,
    last_seen_at: deps.now(),
    expires_at: s.expiresAt,
  });
}

export async function destroyWebSession(deps: Deps, sessionId: string): Promise<void> {
  await deleteWebSession(deps.db, key(sessionId));
}

/** Sign a staff member out everywhere (an administrator's or their own action). */
export async function destroySessionsOf(deps: Deps, partnershipId: string, userId: string): Promise<number> {
  return deleteWebSessionsOf(deps.db, partnershipId, userId);
}

export async function purgeExpiredSessions(deps: Deps): Promise<number> {
  return deleteExpiredWebSessions(deps.db, deps.now());
}
