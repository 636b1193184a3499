// A fresh, migrated database for one test file: PGlite in memory by default, or a private schema
// on PostgreSQL when TEST_DATABASE_URL is set (CI sets it), dropped afterwards.
//
// PGlite: creating a database (initdb) costs seconds, so the migrated database is built once, dumped
// into the temp folder under a name keyed by the migrations (and the PGlite version), and every test
// file starts its own in-memory copy from that dump. Changed migrations change the key, so a stale
// dump is never reused; a dump is written to a private name and renamed, so concurrent test files
// and runs never read half of one. PostgreSQL: a schema per file, migrated in well under a second.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { buildDeps } from '../../src/deps.ts';
import { createAuditSigner, ed25519FromSeed } from '../../src/use-cases/kernel/audit-signing.ts';
import type { Deps } from '../../src/use-cases/kernel/deps.ts';
import { createPackRegistry, loadPacksDir, type PackRegistry } from '../../src/use-cases/kernel/packs.ts';
import { createKeyring } from '../../src/use-cases/kernel/sealing.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const PACKS_DIR = path.join(ROOT, 'protocols');
let packs: Promise<PackRegistry> | undefined;
/** The real packs in protocols/, loaded once per test process. */
export const testPacks = () => (packs ??= loadPacksDir(PACKS_DIR).then(createPackRegistry));

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

/** The use cases' dependencies on a test database, with a clock the test moves. */
async function testDeps(database: Database, clock: { now: Date }): Promise<Deps> {
  return buildDeps(loadConfig({ NODE_ENV: 'test' }), database, {
    now: () => new Date(clock.now),
    keyring: testKeyring(),
    login: { maxAttempts: 3, lockMinutes: 15 },
    packs: await testPacks(),
    auditSigner: testAuditSigner(),
  });
}

export async function openTestDb(): Promise<TestDb> {
  const url = process.env.TEST_DATABASE_URL;
  const { database, drop } = url ? await openPostgresSchema(url) : await openPgliteCopy();
  const clock = { now: new Date('2026-11-20T10:00:00Z') };
  return {
    database,
    deps: await testDeps(database, clock),
    clock,
    label: url ? 'PostgreSQL' : 'PGlite',
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

async function openPgliteCopy(): Promise<{ database: Database; drop: () => Promise<void> }> {
  return { database: await openDatabase('pglite://memory', { loadDataDir: await migratedPglite() }), drop: async () => {} };
}

async function openPostgresSchema(url: string): Promise<{ database: Database; drop: () => Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`create schema ${schema}`);
  const database = await openDatabase(url, { schema, maxConnections: 5 });
  await migrateToLatest(database.db, { schema });
  return { database, drop: () => admin(`drop schema ${schema} cascade`) };
}

const DUMPS = path.join(tmpdir(), 'concord-test-db');
/** A dump this much older than the newest one belongs to another migration set and is removed. */
const STALE_MS = 60 * 60 * 1000;

/** What a migrated PGlite database depends on: the migrations, the migrator and PGlite's version. */
async function migrationsKey(): Promise<string> {
  const hash = createHash('sha256');
  const migrations = path.join(ROOT, 'src/db/migrations');
  const files = [...(await readdir(migrations)).sort().map((f) => path.join(migrations, f)), path.join(ROOT, 'src/db/migrate.ts')];
  for (const file of [...files, path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json')]) {
    hash
      .update(path.relative(ROOT, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

let dump: Promise<Blob> | undefined;
/**
 * The dump of a migrated PGlite data directory, built once per set of migrations and shared by
 * every test file (and run) through the temp folder. `scripts/test.ts` calls it before starting
 * the test files, so that they do not all build it at once.
 */
export const migratedPglite = () => (dump ??= readOrBuildDump());

async function readOrBuildDump(): Promise<Blob> {
  const file = path.join(DUMPS, `pglite-${await migrationsKey()}.tar`);
  try {
    return new Blob([await readFile(file)], { type: 'application/x-tar' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const database = await openDatabase('pglite://memory');
  await migrateToLatest(database.db);
  if (database.raw.kind !== 'pglite') throw new Error('expected PGlite');
  const built = await database.raw.pglite.dumpDataDir('none');
  await database.close();
  await mkdir(DUMPS, { recursive: true });
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(partial, Buffer.from(await built.arrayBuffer()));
  await rename(partial, file);
  await removeStaleDumps(file);
  return built;
}

async function removeStaleDumps(keep: string): Promise<void> {
  for (const name of await readdir(DUMPS)) {
    const other = path.join(DUMPS, name);
    if (other === keep || !name.startsWith('pglite-')) continue;
    const age = Date.now() - (await stat(other).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age > STALE_MS) await rm(other, { force: true });
  }
}
