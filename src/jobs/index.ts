// Scheduled and queued work on pg-boss, on the same database as everything else (PGlite or
// PostgreSQL). Handlers call use cases; they never touch tables directly.
import { PgBoss, fromPglite } from 'pg-boss';
import type { Database } from '../db/database.ts';
import { purgeExpiredSessions } from '../use-cases/web-sessions.ts';
import { startAuditSequencer, type AuditSequencer } from './audit-sequencer.ts';
import type { Deps } from '../use-cases/shared/deps.ts';

export const QUEUES = {
  purgeSessions: 'sessions-purge-expired',
} as const;

export interface Jobs {
  boss: PgBoss;
  /** The audit log's sequencer and checkpointer (every half second). */
  auditSequencer: AuditSequencer;
  stop(): Promise<void>;
}

type BossDb = NonNullable<NonNullable<ConstructorParameters<typeof PgBoss>[0]> extends infer O ? (O extends { db?: infer D } ? D : never) : never>;

function adapter(database: Database): { db: BossDb; backend: 'pglite' | 'postgres' } {
  if (database.raw.kind === 'pglite') return { db: fromPglite(database.raw.pglite), backend: 'pglite' };
  const pool = database.raw.pool;
  return { db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values as unknown[]) }, backend: 'postgres' };
}

export async function startJobs(deps: Deps, database: Database, options: { schema?: string } = {}): Promise<Jobs> {
  const boss = new PgBoss({ ...adapter(database), schema: options.schema ?? 'pgboss' });
  boss.on('error', (err: Error) => console.error(`Job queue error: ${err.name}`));
  await boss.start();
  await boss.createQueue(QUEUES.purgeSessions);
  await boss.work(QUEUES.purgeSessions, async () => {
    await purgeExpiredSessions(deps);
  });
  await boss.schedule(QUEUES.purgeSessions, '*/15 * * * *', null, { tz: 'Europe/London' });
  const auditSequencer = startAuditSequencer(deps);
  return {
    boss,
    auditSequencer,
    stop: async () => {
      await auditSequencer.stop();
      await boss.stop({ graceful: true, timeout: 5_000 });
    },
  };
}
