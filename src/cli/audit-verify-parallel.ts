// Verify the audit log using every core: on PostgreSQL the log is split into segments that worker
// threads verify at the same time, each on its own connection that shares the main connection's
// snapshot (pg_export_snapshot), so that all of them see exactly the same log while it grows. On
// PGlite (one connection) the same verification runs in this thread.
import os from 'node:os';
import { Worker } from 'node:worker_threads';

import { CompiledQuery, type Kysely } from 'kysely';
import type pg from 'pg';
import * as V from '../audit-verifier/index.ts';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';

/** Run the verifier's SQL through Kysely (on a transaction, to read one snapshot). */
export function kyselyQuery(db: Kysely<DB>): V.Query {
  return async (text, params) => ((await db.executeQuery(CompiledQuery.raw(text, [...params]))).rows as Record<string, unknown>[]).map((r) => Object.values(r));
}

/**
 * The verifier's queries on one pg client, one at a time: the verifier asks for its next batch
 * before it has finished the last, and pg wants callers to wait their turn rather than queue.
 */
export function clientQuery(client: Pick<pg.ClientBase, 'query'>): V.Query {
  let tail: Promise<unknown> = Promise.resolve();
  return (text, params) => {
    const run = tail.then(() => client.query({ text, values: [...params], rowMode: 'array' }));
    tail = run.catch(() => {});
    return run.then((r) => r.rows as unknown[][]);
  };
}

export interface ParallelOptions {
  keys: V.TrustedKey[];
  held?: V.Checkpoint[];
  /** Worker threads (PostgreSQL only); default: the machine's cores. */
  workers?: number;
  batchSize?: number;
  segmentSize?: number;
  onProgress?: (done: number, total: number) => void;
}

const TSX_API = import.meta.resolve('tsx/esm/api');
const YOUNG_GENERATION_MB = Number(process.env.CONCORD_VERIFY_YOUNG_MB ?? 128);
const WORKER = new URL('./audit-verify-worker.ts', import.meta.url).href;

export async function verifyDatabase(database: Database, options: ParallelOptions): Promise<V.Report> {
  const common = {
    keys: options.keys,
    held: options.held ?? [],
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.segmentSize ? { segmentSize: options.segmentSize } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const workers = options.workers ?? os.availableParallelism();
  if (database.raw.kind !== 'postgres' || workers < 1) {
    return database.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute((trx) => V.verifyLog(V.sqlLogSource(kyselyQuery(trx)), common));
  }

  const pool = database.raw.pool;
  const main = await pool.connect();
  const threads: Worker[] = [];
  try {
    await main.query('begin isolation level repeatable read read only');
    const snapshot = String((await main.query('select pg_export_snapshot() as s')).rows[0].s);
    const settings = pool.options as { connectionString?: string; options?: string };
    if (!settings.connectionString) throw new Error('parallel verification needs the connection string');
    let nextId = 0;
    const waiting = new Map<number, { resolve: (r: V.SegmentResult) => void; reject: (e: Error) => void }>();
    const idle: Worker[] = [];
    const queue: (() => void)[] = [];
    for (let i = 0; i < workers; i++) {
      const w = new Worker(`import(${JSON.stringify(TSX_API)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER)}); })`, {
        eval: true,
        // Verification allocates many short-lived rows and buffers: a roomier young generation
        // means far fewer scavenges.
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
        workerData: { connectionString: settings.connectionString, options: settings.options, snapshot },
      });
      threads.push(w);
      await new Promise<void>((resolve, reject) => {
        w.once('error', reject);
        w.on('message', (m: { ready?: true; id?: number; result?: V.SegmentResult; error?: string }) => {
          if (m.ready) return resolve();
          const p = waiting.get(m.id!);
          waiting.delete(m.id!);
          idle.push(w);
          queue.shift()?.();
          if (m.error !== undefined) p?.reject(new Error(m.error));
          else p?.resolve(m.result!);
        });
      });
      idle.push(w);
    }
    const runSegment = (input: V.SegmentInput) =>
      new Promise<V.SegmentResult>((resolve, reject) => {
        const go = () => {
          const w = idle.pop()!;
          const id = nextId++;
          waiting.set(id, { resolve, reject });
          w.postMessage({ type: 'segment', id, input });
        };
        if (idle.length > 0) go();
        else queue.push(go);
      });
    return await V.verifyLog(V.sqlLogSource(clientQuery(main)), { ...common, runSegment, concurrency: workers + 1 });
  } finally {
    for (const w of threads) w.postMessage({ type: 'close' });
    await Promise.all(threads.map((w) => new Promise((r) => w.once('exit', r))));
    await main.query('commit').catch(() => {});
    main.release();
  }
}
