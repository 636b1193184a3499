// openDatabase(url): the one place that knows how to connect.
//   pglite://./data      embedded PGlite with its data in ./data (the zero-setup default)
//   pglite://memory      in-memory PGlite (tests)
//   postgres://...       PostgreSQL 15+ through `pg`
// Both return the same Kysely<DB>; values are parsed identically on both (dates as 'YYYY-MM-DD'
// strings, bigints as strings, timestamps as Date) so that nothing above this layer can tell.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export interface Database {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  /** The raw client, for pg-boss. */
  raw: { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; pool: pg.Pool };
  close(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

export interface OpenOptions {
  /** PostgreSQL only: confine this connection to one schema (tests use a schema per file). */
  schema?: string;
  maxConnections?: number;
  /** PGlite only: start from this dump of a data directory (`dumpDataDir()`), e.g. a migrated one. */
  loadDataDir?: Blob;
}

const DML = /^\s*(select|insert|update|delete|with)\b/i;

/**
 * Run every data query as a named prepared statement (named by a hash of its text), so PostgreSQL
 * plans each query shape once per connection instead of on every execution. Concord's queries
 * are a fixed set of shapes, so the number of statements per connection stays bounded; for the
 * audited child read, planning was 80% of the database time (ADR 0010).
 */
function preparingPool(pool: pg.Pool) {
  const wrap = (client: pg.PoolClient) =>
    new Proxy(client, {
      get(target, prop, receiver) {
        if (prop !== 'query') return Reflect.get(target, prop, receiver);
        return (text: unknown, values?: unknown[]) =>
          typeof text === 'string' && DML.test(text)
            ? target.query({ name: `c${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`, text, values: values ?? [] })
            : target.query(text as string, values);
      },
    });
  return { connect: async () => wrap(await pool.connect()), end: () => pool.end() } as unknown as pg.Pool;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  if (url.startsWith('pglite:')) {
    const location = url.slice('pglite:'.length).replace(/^\/\//, '');
    const dataDir = location === 'memory' || location === '' ? undefined : location;
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => v, [NUMERIC_OID]: (v: string) => v },
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
    return {
      db,
      kind: 'pglite',
      raw: { kind: 'pglite', pglite },
      close: async () => {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
      },
    };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const types = {
      getTypeParser: (oid: number, format?: 'text' | 'binary') => {
        if (oid === DATE_OID || oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => v;
        return pg.types.getTypeParser(oid, format);
      },
    };
    const pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 10,
      types: types as pg.CustomTypesConfig,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
    return { db, kind: 'postgres', raw: { kind: 'postgres', pool }, close: () => db.destroy() };
  }
  throw new Error('DATABASE_URL must start with pglite:// or postgres:// (for example pglite://./data)');
}
