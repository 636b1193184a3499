// Helpers for the audit-log tests: write events the way the use cases do, sequence and sign, and
// verify with the independent verifier through its own SQL.
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import * as V from '../../src/audit-verifier/index.ts';
import { kyselyQuery } from '../../src/cli/audit.ts';
import type { DB } from '../../src/db/schema.ts';
import { sequenceOnce } from '../../src/use-cases/audit/sequence-audit-log.ts';
import { checkpointOnce } from '../../src/use-cases/audit/sign-audit-checkpoint.ts';
import { appendAudit } from '../../src/use-cases/kernel/audit.ts';
import type { Deps } from '../../src/use-cases/kernel/deps.ts';
import { testAuditSigner } from './db.ts';

export const trusted = (): V.TrustedKey[] => [V.trustKey(testAuditSigner().publicKeyPem)];

export async function verify(db: Kysely<DB>, options: Partial<V.VerifyOptions> = {}): Promise<V.Report> {
  return V.verifyLog(V.sqlLogSource(kyselyQuery(db)), { keys: trusted(), ...options });
}

const ACTIONS = ['child.viewed', 'decision.viewed', 'child.searched', 'decision.recorded', 'family-member.created'];

/** A varied event: some with empty details, some with details (personal data: search criteria). */
export function eventFor(i: number, who: { partnershipId: string; userId: string; agencyId: string }, childId: string | null) {
  const action = ACTIONS[i % ACTIONS.length]!;
  return {
    actor: { partnershipId: who.partnershipId, userId: who.userId, agencyId: who.agencyId, via: (i % 3 === 0 ? 'api' : 'web') as 'api' | 'web', correlationId: randomUUID() },
    entry: {
      action,
      outcome: (i % 7 === 6 ? 'denied' : 'ok') as 'ok' | 'denied',
      subjectType: 'child',
      ...(childId ? { subjectId: childId, childId } : {}),
      details: action === 'child.searched' ? { criteria: { text: `Example ${i}`, dateOfBirth: null }, resultIds: childId ? [childId] : [], n: 1.5 } : {},
    },
  };
}

/** Append `count` events, each in its own transaction (so each has its own place in commit order). */
export async function appendEvents(deps: Deps, who: { partnershipId: string; userId: string; agencyId: string }, count: number, childId: string | null = null, offset = 0): Promise<void> {
  for (let i = 0; i < count; i++) {
    const { actor, entry } = eventFor(i + offset, who, childId);
    await deps.db.transaction().execute((trx) => appendAudit(trx, actor, entry));
  }
}

/** Events not yet in the log. */
export async function pendingEvents(db: Kysely<DB>): Promise<number> {
  const r = await sql<{ n: string }>`
    select count(*)::text as n from audit_event e
     where not exists (select 1 from audit_leaf l where l.event_partnership_id = e.partnership_id and l.event_id = e.id)`.execute(db);
  return Number(r.rows[0]!.n);
}

/**
 * Sequence everything and sign a checkpoint. On a shared PostgreSQL server another session's open
 * transaction can hold the watermark back for a moment, so keep going until nothing is pending.
 */
export async function settle(deps: Deps) {
  let appended = 0;
  let treeSize = 0;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const s = await sequenceOnce(deps);
    appended += s.appended;
    treeSize = Math.max(treeSize, s.treeSize);
    if ((await pendingEvents(deps.db)) === 0 || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const c = await checkpointOnce(deps);
  return { appended, treeSize, busy: false, checkpoint: c };
}

/** Run `fn` in a transaction that is always rolled back (tampering that must not outlive the test). */
export async function inRolledBackTransaction<T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  const ROLLBACK = Symbol('rollback');
  let result: T | undefined;
  try {
    await db.transaction().execute(async (trx) => {
      result = await fn(trx);
      throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  return result as T;
}
