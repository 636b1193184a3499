// A fresh, migrated database for one test file: PGlite in memory by default, or a private schema
// on PostgreSQL when TEST_DATABASE_URL is set (CI sets it), dropped afterwards.
//
// PGlite: creating a database (initdb) costs seconds, so the migrated database is built once, dumped
// into the temp folder under a name keyed by the migrations (and the PGlite version), and every test
// file starts its own in-memory copy from that dump. Changed migrations change the key, so a stale
// dump is never reused; a dump is written to a private name and renamed, so concurrent test files
// and runs never read half of one. The same is done for a database with the demo partnership loaded
// (what the browser journeys start from), keyed by the migrations and every source file and pack the
// demo goes through. PostgreSQL: a schema per file, migrated in well under a second, the demo loaded
// into it where asked for.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { loadDemoPartnership } from '../../src/demo.ts';
import { buildDeps } from '../../src/deps.ts';
import { createAuditSigner, ed25519FromSeed } from '../../src/use-cases/kernel/audit-signing.ts';
import type { Deps } from '../../src/use-cases/kernel/deps.ts';
import { createPackRegistry, loadPacksDir, type PackRegistry } from '../../src/use-cases/kernel/packs.ts';
import { createKeyring } from '../../src/use-cases/kernel/sealing.ts';
import { DEMO_PASSWORD, demoPartnership } from '../../src/use-cases/partnerships/_demo-data.ts';

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

/** Where the test clock starts in every test database (and when the demo dump's data was made). */
const TEST_START = '2026-11-20T10:00:00Z';

/** A fresh test database; `demo` loads the demo partnership (Northbridge) into it first. */
export async function openTestDb(options: { demo?: boolean } = {}): Promise<TestDb> {
  const url = process.env.TEST_DATABASE_URL;
  const { database, drop } = url ? await openPostgresSchema(url) : await openPgliteCopy(options.demo ? demoPglite : migratedPglite);
  const clock = { now: new Date(TEST_START) };
  const deps = await testDeps(database, clock);
  if (url && options.demo) await loadDemoPartnership(deps, demoPartnership, DEMO_PASSWORD);
  return {
    database,
    deps,
    clock,
    label: url ? 'PostgreSQL' : 'PGlite',
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

async function openPgliteCopy(dumped: () => Promise<Blob>): Promise<{ database: Database; drop: () => Promise<void> }> {
  return { database: await openDatabase('pglite://memory', { loadDataDir: await dumped() }), drop: async () => {} };
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
/** A dump of the same kind this much older than the one just built belongs to other inputs and is removed. */
const STALE_MS = 60 * 60 * 1000;

/** Every file under `dir` (relative to the root), recursively, in a stable order. */
async function filesUnder(dir: string, keep: (name: string) => boolean = () => true): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** What a migrated PGlite database depends on: the migrations, the migrator and PGlite's version. */
const migrationInputs = async (): Promise<string[]> => [
  ...(await filesUnder('src/db/migrations')),
  path.join(ROOT, 'src/db/migrate.ts'),
  path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'),
];
/** What the demo database depends on besides: every source file the demo's use cases run, and the packs. */
const demoInputs = async (): Promise<string[]> => [...(await migrationInputs()), ...(await filesUnder('src', (n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))), ...(await filesUnder('protocols'))];

async function keyOf(files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    hash
      .update(path.relative(ROOT, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

let dump: Promise<Blob> | undefined;
let demoDump: Promise<Blob> | undefined;
/**
 * The dump of a migrated PGlite data directory, built once per set of migrations and shared by
 * every test file (and run) through the temp folder. `scripts/test.ts` calls it before starting
 * the test files, so that they do not all build it at once.
 */
export const migratedPglite = () =>
  (dump ??= readOrBuildDump('migrated', migrationInputs, async () => {
    const database = await openDatabase('pglite://memory');
    await migrateToLatest(database.db);
    return database;
  }));

/** The dump of a migrated PGlite database with the demo partnership loaded, on the test clock and keys. */
export const demoPglite = () =>
  (demoDump ??= readOrBuildDump('demo', demoInputs, async () => {
    const database = await openDatabase('pglite://memory', { loadDataDir: await migratedPglite() });
    await loadDemoPartnership(await testDeps(database, { now: new Date(TEST_START) }), demoPartnership, DEMO_PASSWORD);
    return database;
  }));

async function readOrBuildDump(kind: string, inputs: () => Promise<string[]>, build: () => Promise<Database>): Promise<Blob> {
  const file = path.join(DUMPS, `pglite-${kind}-${await keyOf(await inputs())}.tar`);
  try {
    return new Blob([await readFile(file)], { type: 'application/x-tar' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const database = await build();
  if (database.raw.kind !== 'pglite') throw new Error('expected PGlite');
  const built = await database.raw.pglite.dumpDataDir('none');
  await database.close();
  await mkdir(DUMPS, { recursive: true });
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(partial, Buffer.from(await built.arrayBuffer()));
  await rename(partial, file);
  await removeStaleDumps(file, `pglite-${kind}-`);
  return built;
}

async function removeStaleDumps(keep: string, prefix: string): Promise<void> {
  for (const name of await readdir(DUMPS)) {
    const other = path.join(DUMPS, name);
    if (other === keep || !name.startsWith(prefix)) continue;
    const age = Date.now() - (await stat(other).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age > STALE_MS) await rm(other, { force: true });
  }
}
