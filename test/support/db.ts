// A fresh, migrated database for one test file: in-memory PGlite by default, or a private schema
// on PostgreSQL when TEST_DATABASE_URL is set (CI sets it), dropped afterwards.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { loadConfig } from '../../src/config.ts';
import { buildDeps } from '../../src/deps.ts';
import { createKeyring } from '../../src/use-cases/kernel/sealing.ts';
import { createAuditSigner, ed25519FromSeed } from '../../src/use-cases/kernel/audit-signing.ts';
import { createPackRegistry, loadPacksDir, type PackRegistry } from '../../src/use-cases/kernel/packs.ts';

export const PACKS_DIR = path.resolve(import.meta.dirname, '../../protocols');
let packs: Promise<PackRegistry> | undefined;
/** The real packs in protocols/, loaded once per test process. */
export const testPacks = () => (packs ??= loadPacksDir(PACKS_DIR).then(createPackRegistry));
import type { Deps } from '../../src/use-cases/kernel/deps.ts';

export interface TestDb {
  database: Database;
  deps: Deps;
  /** Move the test clock. */
  clock: { now: Date };
  close(): Promise<void>;
  label: string;
}

export const testKeyring = () => createKeyring('test', [{ id: 'test', key: Buffer.alloc(32, 7) }]);
/** The audit log's checkpoint-signing key in tests (a fixed Ed25519 seed). */
export const testAuditSigner = () => createAuditSigner(ed25519FromSeed(Buffer.alloc(32, 9)));

export async function openTestDb(): Promise<TestDb> {
  const url = process.env.TEST_DATABASE_URL;
  let database: Database;
  let cleanup = async () => {};
  let schema: string | undefined;
  if (url) {
    schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    database = await openDatabase(url, { schema, maxConnections: 5 });
    cleanup = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    };
  } else {
    database = await openDatabase('pglite://memory');
  }
  await migrateToLatest(database.db, schema ? { schema } : {});
  const clock = { now: new Date('2026-11-20T10:00:00Z') };
  const deps = buildDeps(loadConfig({ NODE_ENV: 'test' }), database, {
    now: () => new Date(clock.now),
    keyring: testKeyring(),
    login: { maxAttempts: 3, lockMinutes: 15 },
    packs: await testPacks(),
    auditSigner: testAuditSigner(),
  });
  return {
    database,
    deps,
    clock,
    label: url ? 'PostgreSQL' : 'PGlite',
    close: async () => {
      await database.close();
      await cleanup();
    },
  };
}
