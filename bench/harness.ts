// What the benchmarks share (bench/index.ts, bench/disclosures.ts): settings, the load generator
// (a closed loop of keep-alive connections in a worker thread), where the CPU went, statistics,
// the report table, and synthetic children. See bench/README.md.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { type Insertable, sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { DB } from '../src/db/schema.ts';
import { buildDeps } from '../src/deps.ts';
import { nhsNumberCheckDigit } from '../src/domain/nhs-number.ts';
import type { Deps } from '../src/use-cases/kernel/deps.ts';
import { loadPacksDir } from '../src/use-cases/kernel/packs.ts';
import { createKeyring } from '../src/use-cases/kernel/sealing.ts';
import { demoPartnership } from '../src/use-cases/partnerships/_demo-data.ts';
import { syncProtocolPacks } from '../src/use-cases/partnerships/sync-protocol-packs.ts';

// ---------------------------------------------------------------------------------------------
// Settings (environment variables, each clamped to a sane range)
// ---------------------------------------------------------------------------------------------

export function setting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${name} must be a number from ${min} to ${max} (got "${raw}")`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// The load generator: a closed loop of `connections` keep-alive connections, in a worker thread so
// that the client's own work does not run on the server's event loop. Plain JavaScript (eval'd),
// so the worker needs no TypeScript loader.
// ---------------------------------------------------------------------------------------------

/** The decision engine's answers the benchmarks record decisions with: the tests' own. */
export { shareAnswers } from '../test/support/sharing.ts';

export interface LoadSpec {
  port: number;
  method: 'GET' | 'POST';
  /** `{id}` is replaced by an id from `ids` on every request (in the path and the body). */
  path: string;
  body?: string;
  /** Bodies used in turn instead of `body` (each may contain `{id}`). */
  bodies?: string[];
  headers: Record<string, string>;
  ids: string[];
  /** random (default): any id, any number of times; sequential: each id once, in order, stopping when they run out. */
  order?: 'random' | 'sequential';
  connections: number;
  /** Open loop: start this many requests a second, on schedule, whether or not earlier ones have
   *  finished (latency counts from the scheduled start, so queueing is not hidden). Without it:
   *  closed loop, each connection sending its next request when the last one answers. */
  rate?: number;
  seconds: number;
  /** Keep each request's latency (the measured phase) or only count (the warm-up). */
  keep: boolean;
  maxRequests: number;
  timeoutMs: number;
}

export interface LoadResult {
  latencies: Float64Array;
  count: number;
  elapsedMs: number;
  statuses: Record<string, number>;
  failures: number;
  sample?: string;
  /** Sequential order: how many ids were taken, and whether they ran out before the time did. */
  used: number;
  exhausted: boolean;
}

const CLIENT = `
const http = require('node:http');
const { parentPort, workerData: s } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: s.connections, maxFreeSockets: s.connections });
const sequential = s.order === 'sequential';
let next = 0, exhausted = false, turn = 0;
const pick = () => {
  if (!sequential) return s.ids[Math.floor(Math.random() * s.ids.length)];
  if (next >= s.ids.length) { exhausted = true; return undefined; }
  return s.ids[next++];
};
const bodies = s.bodies !== undefined ? s.bodies : s.body === undefined ? undefined : [s.body];
const latencies = new Float64Array(s.keep ? s.maxRequests : 0);
const statuses = {};
let count = 0, failures = 0, sample;

function record(status, ms, text) {
  if (s.keep) latencies[count] = ms;
  count++;
  statuses[status] = (statuses[status] || 0) + 1;
  if (!(status >= 200 && status < 300)) { failures++; if (sample === undefined) sample = status + ' ' + (text || ''); }
}

function once(scheduled) {
  return new Promise((resolve) => {
    const id = pick();
    if (id === undefined) return resolve();
    const path = s.path.replace('{id}', id);
    const body = bodies === undefined ? undefined : bodies[turn++ % bodies.length].replace('{id}', id);
    const headers = { ...s.headers };
    if (body !== undefined) { headers['content-type'] = 'application/json'; headers['content-length'] = String(Buffer.byteLength(body)); }
    const t0 = scheduled === undefined ? performance.now() : scheduled;
    let done = false;
    const finish = (status, text) => { if (done) return; done = true; record(status, performance.now() - t0, text); resolve(); };
    const req = http.request({ host: '127.0.0.1', port: s.port, method: s.method, path, headers, agent }, (res) => {
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      let text = '';
      res.on('data', (chunk) => { if (!ok && text.length < 400) text += chunk; });
      res.on('end', () => finish(res.statusCode, ok ? undefined : text.slice(0, 400)));
      res.on('error', (e) => finish(0, String((e && e.code) || e)));
    });
    req.setTimeout(s.timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => finish(0, String((e && (e.code || e.message)) || e)));
    req.end(body);
  });
}

(async () => {
  const start = performance.now();
  const deadline = start + s.seconds * 1000;
  if (s.rate) {
    const interval = 1000 / s.rate, pending = [];
    for (let i = 0; i < s.maxRequests && !exhausted; i++) {
      const at = start + i * interval;
      if (at >= deadline) break;
      const wait = at - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(once(at));
    }
    await Promise.all(pending);
  } else {
    const loop = async () => { while (performance.now() < deadline && count < s.maxRequests && !exhausted) await once(); };
    await Promise.all(Array.from({ length: s.connections }, loop));
  }
  const elapsedMs = performance.now() - start;
  agent.destroy();
  parentPort.postMessage({ latencies, count, elapsedMs, statuses, failures, sample, used: next, exhausted }, [latencies.buffer]);
})();
`;

/** One phase of load (closed loop, or open loop at `rate`), in a worker thread. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, { eval: true, workerData: spec });
    // The worker's loops are bounded in time and count; this bounds the wait for it as well.
    const limit = setTimeout(() => void worker.terminate().then(() => reject(new Error('the load generator overran its time limit'))), spec.seconds * 1000 + spec.timeoutMs + 30_000);
    worker.once('message', (m: LoadResult) => {
      clearTimeout(limit);
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', (e) => {
      clearTimeout(limit);
      reject(e);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Where the CPU went: the server's main thread (process.threadCpuUsage), this run's PostgreSQL
// backends (found by application_name, read from /proc when the database is local) and the whole
// machine (/proc/stat), so that a shared or overloaded machine shows up in the report.
// ---------------------------------------------------------------------------------------------

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

export interface CpuSnapshot {
  thread: NodeJS.CpuUsage;
  process: NodeJS.CpuUsage;
  backends: Map<number, number> | undefined;
  machine: { busy: number; total: number } | undefined;
}

function procTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[11]) + Number(rest[12]); // utime + stime
  } catch {
    return undefined;
  }
}

function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = cpu.reduce((a, b) => a + b, 0);
    return { busy: total - cpu[3]! - cpu[4]!, total };
  } catch {
    return undefined;
  }
}

export async function snapshot(database: Database, appName: string, local: boolean): Promise<CpuSnapshot> {
  let backends: Map<number, number> | undefined;
  if (local) {
    const pids = await sql<{ pid: number }>`select pid from pg_stat_activity where application_name = ${appName}`.execute(database.db);
    backends = new Map();
    for (const { pid } of pids.rows) {
      const t = procTicks(pid);
      if (t === undefined) {
        backends = undefined; // not visible from here (a container, another host): say nothing
        break;
      }
      backends.set(pid, t);
    }
  }
  return { thread: process.threadCpuUsage(), process: process.cpuUsage(), backends, machine: machineTicks() };
}

export interface CpuUse {
  /** CPU ms per request on the server's main thread (Fastify, Kysely, pg, the use cases). */
  serverMs: number;
  /** CPU ms per request in this run's PostgreSQL backends. */
  dbMs: number | undefined;
  /** Cores busy across the whole machine during the phase, and how many of them were not us. */
  machineCores: number | undefined;
  otherCores: number | undefined;
}

export function cpuUse(before: CpuSnapshot, after: CpuSnapshot, requests: number, elapsedMs: number, cores: number): CpuUse {
  const usMs = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1000;
  const serverMs = usMs(before.thread, after.thread);
  let dbMs: number | undefined;
  if (before.backends && after.backends) {
    let ticks = 0;
    for (const [pid, t] of after.backends) ticks += t - (before.backends.get(pid) ?? 0);
    dbMs = ticks * CLOCK_TICK_MS;
  }
  let machineCores: number | undefined;
  let otherCores: number | undefined;
  if (before.machine && after.machine && after.machine.total > before.machine.total) {
    const share = (after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total);
    machineCores = share * cores;
    const ours = usMs(before.process, after.process) + (dbMs ?? 0);
    otherCores = Math.max(0, machineCores - ours / elapsedMs);
  }
  return { serverMs: serverMs / requests, dbMs: dbMs === undefined ? undefined : dbMs / requests, machineCores, otherCores };
}

// ---------------------------------------------------------------------------------------------
// Statistics and the report
// ---------------------------------------------------------------------------------------------

export interface Measured {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  statuses: Record<string, number>;
  sample: string | undefined;
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarise(name: string, r: LoadResult): Measured {
  const sorted = r.latencies.subarray(0, r.count).sort();
  return {
    name,
    requests: r.count,
    rps: r.count / (r.elapsedMs / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    failures: r.failures,
    statuses: r.statuses,
    sample: r.sample,
  };
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Data and the database
// ---------------------------------------------------------------------------------------------

/** NHS numbers from the 999 test range with a valid Modulus 11 check digit, avoiding `taken`. */
export function* testNhsNumbers(taken: Set<string>): Generator<string> {
  for (let n = 500_000; n < 1_000_000; n++) {
    const firstNine = `999${String(n).padStart(6, '0')}`;
    const check = nhsNumberCheckDigit(firstNine);
    if (check === null) continue;
    const nhs = `${firstNine}${check}`;
    if (!taken.has(nhs)) yield nhs;
  }
}

export async function addSyntheticChildren(database: Database, partnershipId: string, holderAgencyId: string, otherAgencyId: string, createdBy: string, count: number): Promise<string[]> {
  const taken = new Set(demoPartnership.children.map((c) => c.nhsNumber).filter((n): n is string => !!n));
  const numbers = testNhsNumbers(taken);
  const ids: string[] = [];
  const BATCH = 250;
  for (let start = 0; start < count; start += BATCH) {
    const children: Insertable<DB['child']>[] = [];
    const involvements: Insertable<DB['involvement']>[] = [];
    const family: Insertable<DB['family_member']>[] = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const id = randomUUID();
      ids.push(id);
      const year = 2008 + (i % 17);
      const month = String(1 + (i % 12)).padStart(2, '0');
      const day = String(1 + (i % 28)).padStart(2, '0');
      children.push({
        partnership_id: partnershipId,
        id,
        given_name: `Bench${i}`,
        family_name: 'Benchmark',
        aliases: [],
        date_of_birth: `${year}-${month}-${day}`,
        gender: (['female', 'male', 'other', 'not_known'] as const)[i % 4],
        ethnicity: 'Not stated',
        address: `${i + 1} Benchmark Street, Northbridge`,
        postcode: 'ZZ99 9ZZ',
        phone: null,
        current_setting: 'Riverside Primary School',
        // One child in four has no NHS number recorded.
        nhs_number: i % 4 === 3 ? null : (numbers.next().value as string),
        care_leaver: false,
        send: i % 10 === 0,
        created_by: createdBy,
      });
      involvements.push({ partnership_id: partnershipId, child_id: id, agency_id: holderAgencyId, kind: 'holds_record', recorded_by: createdBy });
      if (i % 3 === 0) involvements.push({ partnership_id: partnershipId, child_id: id, agency_id: otherAgencyId, kind: 'involved', recorded_by: createdBy });
      family.push(
        {
          partnership_id: partnershipId,
          id: randomUUID(),
          child_id: id,
          given_name: 'Parent',
          family_name: 'Benchmark',
          relationship: 'mother',
          parental_responsibility: true,
          is_carer: true,
          lives_with_child: true,
          created_by: createdBy,
        },
        {
          partnership_id: partnershipId,
          id: randomUUID(),
          child_id: id,
          given_name: 'Other',
          family_name: 'Benchmark',
          relationship: 'father',
          parental_responsibility: true,
          is_carer: false,
          lives_with_child: false,
          created_by: createdBy,
        },
      );
    }
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('child').values(children).execute();
      await trx.insertInto('involvement').values(involvements).execute();
      await trx.insertInto('family_member').values(family).execute();
    });
  }
  await sql`analyze`.execute(database.db);
  return ids;
}

/** One statement on its own connection (creating and dropping the private schema). */
export interface BenchSchema {
  schema: string;
  /** This run's connections' application_name, so that their backends' CPU can be found in pg_stat_activity. */
  appName: string;
  dbIsLocal: boolean;
  /** Close this before the schema is dropped (the last registered closes first). */
  onCleanup(close: () => Promise<unknown>): void;
}

/**
 * Run a benchmark in a private schema `bench_<random>`, dropped afterwards — also on SIGINT or
 * SIGTERM — unless BENCH_KEEP_SCHEMA is set (for profiling: drop it yourself).
 */
export async function inBenchSchema<T>(databaseUrl: string, run: (s: BenchSchema) => Promise<T>): Promise<T> {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('BENCH_DATABASE_URL must be a postgres:// URL: the benchmark measures PostgreSQL');
  const host = new URL(databaseUrl).hostname;
  const dbIsLocal = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host) || host === '' || host.startsWith('%2F');
  if (!dbIsLocal) console.warn(`note: the database is not on loopback (${host}); figures include the network`);
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const closers: (() => Promise<unknown>)[] = [];
  let created = false;
  let done = false;
  const cleanup = async () => {
    if (done) return;
    done = true;
    for (const close of closers.reverse()) await close().catch(() => {});
    if (!created) return;
    if (process.env.BENCH_KEEP_SCHEMA) console.log(`kept schema ${schema} (BENCH_KEEP_SCHEMA): drop it yourself`);
    else await adminQuery(databaseUrl, `drop schema if exists ${schema} cascade`).catch((e: Error) => console.error(`could not drop schema ${schema}: ${e.message}`));
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping and dropping schema ${schema}`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await adminQuery(databaseUrl, `create schema ${schema}`);
    created = true;
    return await run({ schema, appName: `concord-${schema}`, dbIsLocal, onCleanup: (close) => void closers.push(close) });
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export async function adminQuery(databaseUrl: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

export const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

// ---------------------------------------------------------------------------------------------
// One scenario (warm-up, then the timed phase, with the CPU used), and the report
// ---------------------------------------------------------------------------------------------

/** What a scenario must reach: throughput (measured at saturation) and/or p99 latency (measured at
 *  the target rate, when the scenario is paced). */
export interface Target {
  rps?: number;
  p99?: number;
}

export interface Scenario {
  key: string;
  name: string;
  /** The scenario whose figures this one is divided by. */
  baseline?: string;
  target?: Target;
}

export interface Phase {
  measured: Measured;
  cpu: CpuUse;
  /** Sequential order: ids taken by the warm-up and the timed phase, and whether they ran out. */
  used: number;
  exhausted: boolean;
}

/** Warm up (untimed, but a failure is still a failure), then time a phase, noting the CPU it used.
 *  In sequential order the timed phase carries on where the warm-up stopped. */
export async function runPhase(
  name: string,
  spec: Omit<LoadSpec, 'seconds' | 'keep'>,
  opts: { warmupSeconds: number; seconds: number; database: Database; appName: string; dbIsLocal: boolean; cores: number },
): Promise<Phase> {
  const warm = opts.warmupSeconds > 0 ? await runLoad({ ...spec, seconds: opts.warmupSeconds, keep: false }) : undefined;
  const skip = spec.order === 'sequential' ? (warm?.used ?? 0) : 0;
  const before = await snapshot(opts.database, opts.appName, opts.dbIsLocal);
  const r = await runLoad({ ...spec, ids: skip ? spec.ids.slice(skip) : spec.ids, seconds: opts.seconds, keep: true });
  const after = await snapshot(opts.database, opts.appName, opts.dbIsLocal);
  const m = summarise(name, r);
  if (warm?.failures) {
    m.failures += warm.failures;
    for (const [k, v] of Object.entries(warm.statuses)) if (!/^2\d\d$/.test(k)) m.statuses[`${k} (warm-up)`] = v;
    m.sample ??= warm.sample;
  }
  return { measured: m, cpu: cpuUse(before, after, Math.max(1, r.count), r.elapsedMs, opts.cores), used: skip + r.used, exhausted: r.exhausted };
}

/** Print the figures (with ratios to the baselines and PASS/MISS against the targets) and where
 *  the CPU went; returns the number of requests that did not succeed. */
export function printReport(scenarios: Scenario[], results: Map<string, Measured>, cpu: Map<string, CpuUse>, cores: number): number {
  const rows: string[][] = [['scenario', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'req/s ÷ base', 'p99 ÷ base', 'target']];
  let failures = 0;
  for (const s of scenarios) {
    const m = results.get(s.key)!;
    failures += m.failures;
    const base = s.baseline ? results.get(s.baseline) : undefined;
    let target = '';
    if (s.target) {
      const t = s.target;
      target = [t.rps !== undefined ? `≥ ${t.rps} req/s ${m.rps >= t.rps ? 'PASS' : 'MISS'}` : '', t.p99 !== undefined ? `p99 ≤ ${t.p99} ms ${m.p99 <= t.p99 ? 'PASS' : 'MISS'}` : '']
        .filter(Boolean)
        .join('; ');
    }
    rows.push([m.name, String(m.requests), fmt(m.rps, 0), fmt(m.p50, 2), fmt(m.p99, 2), base ? `${fmt(m.rps / base.rps, 2)}×` : '', base ? `${fmt(m.p99 / base.p99, 2)}×` : '', target]);
  }
  console.log(table(rows));
  console.log('');

  // Where the CPU went, per request: what bounds throughput on a small machine.
  const cpuRows: string[][] = [['scenario', 'server CPU ms/req', 'db CPU ms/req', 'cores busy (machine)', 'of which other processes']];
  let maxOther = 0;
  for (const s of scenarios) {
    const c = cpu.get(s.key)!;
    maxOther = Math.max(maxOther, c.otherCores ?? 0);
    cpuRows.push([
      results.get(s.key)!.name,
      fmt(c.serverMs, 3),
      c.dbMs === undefined ? '-' : fmt(c.dbMs, 3),
      c.machineCores === undefined ? '-' : `${fmt(c.machineCores, 2)} of ${cores}`,
      c.otherCores === undefined ? '-' : fmt(c.otherCores, 2),
    ]);
  }
  console.log(table(cpuRows));
  console.log('  server CPU = the Node.js thread that runs Fastify, the use cases, Kysely and pg (one core at most);');
  console.log("  db CPU = this run's PostgreSQL backends; the load generator and PostgreSQL's WAL writer are not in either.");
  if (maxOther >= 0.25) {
    console.log(`  NOTE: other processes kept up to ${fmt(maxOther, 2)} of ${cores} cores busy during a scenario: the machine was shared, so`);
    console.log('  req/s and latency are pessimistic (and so may be the ratios); CPU per request is the steadier figure. Re-run on a quiet machine.');
  }
  console.log('');
  if (failures > 0) {
    console.log(`ERRORS: ${failures} request(s) did not succeed:`);
    for (const s of scenarios) {
      const m = results.get(s.key)!;
      if (!m.failures) continue;
      const bad = Object.entries(m.statuses).filter(([k]) => !/^2\d\d$/.test(k));
      console.log(`  ${m.name}: ${bad.map(([k, v]) => `${k.startsWith('0') ? `network error${k.slice(1)}` : k} × ${v}`).join(', ')}; first: ${m.sample ?? ''}`);
    }
  } else {
    console.log('All requests succeeded (2xx).');
  }
  return failures;
}

/** A private schema's database, migrated, with the shipped protocol packs stored and registered (as
 *  src/main.ts does) and a fresh key-encryption key: what each API benchmark runs on. */
export async function openBenchDeps(databaseUrl: string, schema: string, appName: string, pool: number): Promise<{ database: Database; deps: Deps }> {
  const u = new URL(databaseUrl);
  u.searchParams.set('application_name', appName);
  const database = await openDatabase(u.toString(), { schema, maxConnections: pool });
  try {
    // Naming the schema keeps Kysely from finding another schema's migration tables (migrate.ts).
    await migrateToLatest(database.db, { schema });
    // No audit signer: the benchmarks sign no checkpoints.
    const deps = buildDeps(loadConfig({ NODE_ENV: 'test' }), database, {
      keyring: createKeyring('bench', [{ id: 'bench', key: randomBytes(32) }]),
      login: { maxAttempts: 5, lockMinutes: 15 },
      auditSigner: undefined,
    });
    await syncProtocolPacks(deps, await loadPacksDir(path.resolve(import.meta.dirname, '../protocols')));
    return { database, deps };
  } catch (e) {
    await database.close();
    throw e;
  }
}
