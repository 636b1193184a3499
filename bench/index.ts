// `npm run bench`: the audited read of a child's record and the recording of a sharing decision
// through the JSON API, on PostgreSQL, over loopback HTTP, each beside a bare baseline measured in
// the same run on the same server stack (see bench/README.md). It is a report: it exits 0 whether
// or not the targets are met, and non-zero only if a request failed or the run could not be set up.
//
// Everything is bounded: a fixed number of connections, a fixed duration per scenario, a cap on the
// number of requests per scenario and a time-out per request. Nothing listens beyond 127.0.0.1.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { sql, type Generated, type Insertable } from 'kysely';
import pg from 'pg';
import { createApp } from '../src/app.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { DB } from '../src/db/schema.ts';
import { nhsNumberCheckDigit } from '../src/domain/nhs-number.ts';
import { createApiKey } from '../src/use-cases/create-api-key.ts';
import { DEMO_PASSWORD, demoPartnership } from '../src/use-cases/demo-data.ts';
import { loadDemoPartnership } from '../src/use-cases/load-demo-partnership.ts';
import { loadStaffMember } from '../src/use-cases/load-staff-member.ts';
import { createPackRegistry, loadPacksDir } from '../src/use-cases/shared/packs.ts';
import { createKeyring } from '../src/use-cases/shared/sealing.ts';
import { syncProtocolPacks } from '../src/use-cases/sync-protocol-packs.ts';
import type { Deps } from '../src/use-cases/shared/deps.ts';
import { actorFor } from '../src/web/auth.ts';

// ---------------------------------------------------------------------------------------------
// Settings (environment variables, each clamped to a sane range)
// ---------------------------------------------------------------------------------------------

function setting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${name} must be a number from ${min} to ${max} (got "${raw}")`);
  return n;
}

const DATABASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = setting('BENCH_SECONDS', 10, 1, 300);
const WARMUP_SECONDS = setting('BENCH_WARMUP_SECONDS', 2, 0, 60);
const CONNECTIONS = Math.floor(setting('BENCH_CONNECTIONS', 32, 1, 256));
const CHILDREN = Math.floor(setting('BENCH_CHILDREN', 2000, 10, 50_000));
const POOL = Math.floor(setting('BENCH_POOL', 20, 1, 90));
/** Hard cap on requests per phase, whatever the duration: the run stays bounded. */
const MAX_REQUESTS = Math.floor(setting('BENCH_MAX_REQUESTS', 300_000, 1_000, 2_000_000));
const REQUEST_TIMEOUT_MS = 10_000;

const TARGETS = {
  read: { rps: 1000, p99: 50 },
  decision: { rps: 300, p99: 100 },
} as const;

// ---------------------------------------------------------------------------------------------
// The load generator: a closed loop of CONNECTIONS keep-alive connections, in a worker thread so
// that the client's own work does not run on the server's event loop. Plain JavaScript (eval'd),
// so the worker needs no TypeScript loader.
// ---------------------------------------------------------------------------------------------

interface LoadSpec {
  port: number;
  method: 'GET' | 'POST';
  /** `{id}` is replaced by a random child id on every request (in the path and the body). */
  path: string;
  body?: string;
  headers: Record<string, string>;
  ids: string[];
  connections: number;
  seconds: number;
  /** Keep each request's latency (the measured phase) or only count (the warm-up). */
  keep: boolean;
  maxRequests: number;
  timeoutMs: number;
}

interface LoadResult {
  latencies: Float64Array;
  count: number;
  elapsedMs: number;
  statuses: Record<string, number>;
  failures: number;
  sample?: string;
}

const CLIENT = String.raw`
const http = require('node:http');
const { parentPort, workerData: s } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: s.connections, maxFreeSockets: s.connections });
const pick = () => s.ids[Math.floor(Math.random() * s.ids.length)];
const latencies = new Float64Array(s.keep ? s.maxRequests : 0);
const statuses = {};
let count = 0, failures = 0, sample;

function record(status, ms, text) {
  if (s.keep) latencies[count] = ms;
  count++;
  statuses[status] = (statuses[status] || 0) + 1;
  if (!(status >= 200 && status < 300)) { failures++; if (sample === undefined) sample = status + ' ' + (text || ''); }
}

function once() {
  return new Promise((resolve) => {
    const id = pick();
    const path = s.path.replace('{id}', id);
    const body = s.body === undefined ? undefined : s.body.replace('{id}', id);
    const headers = { ...s.headers };
    if (body !== undefined) { headers['content-type'] = 'application/json'; headers['content-length'] = String(Buffer.byteLength(body)); }
    const t0 = performance.now();
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
  const loop = async () => { while (performance.now() < deadline && count < s.maxRequests) await once(); };
  await Promise.all(Array.from({ length: s.connections }, loop));
  const elapsedMs = performance.now() - start;
  agent.destroy();
  parentPort.postMessage({ latencies, count, elapsedMs, statuses, failures, sample }, [latencies.buffer]);
})();
`;

/** One phase of closed-loop load, in a worker thread. */
function runLoad(spec: LoadSpec): Promise<LoadResult> {
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

interface CpuSnapshot {
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

async function snapshot(database: Database, appName: string, local: boolean): Promise<CpuSnapshot> {
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

interface CpuUse {
  /** CPU ms per request on the server's main thread (Fastify, Kysely, pg, the use cases). */
  serverMs: number;
  /** CPU ms per request in this run's PostgreSQL backends. */
  dbMs: number | undefined;
  /** Cores busy across the whole machine during the phase, and how many of them were not us. */
  machineCores: number | undefined;
  otherCores: number | undefined;
}

function cpuUse(before: CpuSnapshot, after: CpuSnapshot, requests: number, elapsedMs: number, cores: number): CpuUse {
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

interface Measured {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  statuses: Record<string, number>;
  sample: string | undefined;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

function summarise(name: string, r: LoadResult): Measured {
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

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Set-up: a private schema, the demo partnership, synthetic children, an API key, the app
// ---------------------------------------------------------------------------------------------

type BenchTables = {
  bench_insert: { id: Generated<string>; child_id: string; payload: string; created_at: Generated<Date> };
};

/** NHS numbers from the 999 test range with a valid Modulus 11 check digit, avoiding `taken`. */
function* testNhsNumbers(taken: Set<string>): Generator<string> {
  for (let n = 500_000; n < 1_000_000; n++) {
    const firstNine = `999${String(n).padStart(6, '0')}`;
    const check = nhsNumberCheckDigit(firstNine);
    if (check === null) continue;
    const nhs = `${firstNine}${check}`;
    if (!taken.has(nhs)) yield nhs;
  }
}

async function addSyntheticChildren(database: Database, partnershipId: string, holderAgencyId: string, otherAgencyId: string, createdBy: string, count: number): Promise<string[]> {
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
        { partnership_id: partnershipId, id: randomUUID(), child_id: id, given_name: 'Parent', family_name: 'Benchmark', relationship: 'mother', parental_responsibility: true, is_carer: true, lives_with_child: true, created_by: createdBy },
        { partnership_id: partnershipId, id: randomUUID(), child_id: id, given_name: 'Other', family_name: 'Benchmark', relationship: 'father', parental_responsibility: true, is_carer: false, lives_with_child: false, created_by: createdBy },
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

async function adminQuery(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: DATABASE_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

async function main(): Promise<number> {
  if (!/^postgres(ql)?:\/\//.test(DATABASE_URL)) throw new Error('BENCH_DATABASE_URL must be a postgres:// URL: the benchmark measures PostgreSQL');
  const host = new URL(DATABASE_URL).hostname;
  const dbIsLocal = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host) || host === '' || host.startsWith('%2F');
  if (!dbIsLocal) console.warn(`note: the database is not on loopback (${host}); figures include the network`);

  const schema = `bench_${randomBytes(6).toString('hex')}`;
  // Names this run's connections, so that their backends' CPU can be found in pg_stat_activity.
  const appName = `concord-${schema}`;
  let database: Database | undefined;
  let app: FastifyInstance | undefined;
  let created = false;
  let dropped = false;
  const cleanup = async () => {
    if (dropped) return;
    dropped = true;
    await app?.close().catch(() => {});
    await database?.close().catch(() => {});
    if (created) await adminQuery(`drop schema if exists ${schema} cascade`).catch((e: Error) => console.error(`could not drop schema ${schema}: ${e.message}`));
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping and dropping schema ${schema}`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    await adminQuery(`create schema ${schema}`);
    created = true;
    const u = new URL(DATABASE_URL);
    u.searchParams.set('application_name', appName);
    database = await openDatabase(u.toString(), { schema, maxConnections: POOL });
    // Naming the schema keeps Kysely from finding another schema's migration tables (migrate.ts).
    await migrateToLatest(database.db, { schema });
    const deps: Deps = {
      db: database.db,
      now: () => new Date(),
      keyring: createKeyring('bench', [{ id: 'bench', key: randomBytes(32) }]),
      login: { maxAttempts: 5, lockMinutes: 15 },
      packs: createPackRegistry([]),
    };
    // As src/main.ts does: store the shipped protocol packs and put them in the registry.
    await syncProtocolPacks(deps, await loadPacksDir(path.resolve(import.meta.dirname, '../protocols')));

    // Data: the demo partnership, then CHILDREN synthetic children held by the council.
    const setupStart = performance.now();
    const { partnershipId } = await loadDemoPartnership(deps, demoPartnership, DEMO_PASSWORD);
    const agencies = await database.db.selectFrom('agency').select(['id', 'name', 'sector']).where('partnership_id', '=', partnershipId).execute();
    const council = agencies.find((a) => a.sector === 'local_authority')!;
    const police = agencies.find((a) => a.sector === 'police')!;
    const school = agencies.find((a) => a.sector === 'education')!;
    const practitionerEmail = demoPartnership.staff.find((s) => s.agency === 'council' && s.roles.includes('practitioner'))!.email;
    const practitioner = await database.db.selectFrom('staff_user').select('id').where('partnership_id', '=', partnershipId).where('email', '=', practitionerEmail).executeTakeFirstOrThrow();
    const ids = await addSyntheticChildren(database, partnershipId, council.id, school.id, practitioner.id, CHILDREN);
    const staff = await loadStaffMember(deps, partnershipId, practitioner.id);
    if (!staff) throw new Error('the demo practitioner could not be loaded');
    const key = await createApiKey(deps, actorFor(staff, 'cli', randomUUID()), { name: 'Benchmark' });
    if (key.kind !== 'ok') throw new Error('could not create an API key');
    const token = key.value.token;
    await sql`create table bench_insert (id bigint generated always as identity primary key, child_id uuid not null, payload jsonb not null, created_at timestamptz not null default now())`.execute(database.db);
    const setupMs = performance.now() - setupStart;

    // The app, exactly as src/main.ts builds it (logging off), plus two bench-only baseline routes
    // registered at the root so that they pass through the same global hooks (request id,
    // correlation header, helmet, cookie and session parsing) but no auth, no transaction, no audit.
    app = await createApp({
      deps,
      web: {
        session: { secret: randomBytes(32).toString('hex'), idleMinutes: 30, maxHours: 12, cookieSecure: false },
        publicDir: path.resolve(import.meta.dirname, '../public'),
      },
      logger: false,
    });
    const db = database.db;
    const benchDb = db.withTables<BenchTables>();
    app.get('/bench/child/:id', async (request, reply) => {
      const { id } = request.params as { id: string };
      const row = await db.selectFrom('child').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();
      if (!row) return reply.code(404).send({ error: 'not found' });
      return reply.send(row);
    });
    app.post('/bench/insert', async (request, reply) => {
      const body = request.body as { childId: string };
      const row = await benchDb.insertInto('bench_insert').values({ child_id: body.childId, payload: JSON.stringify(body) }).returning('id').executeTakeFirstOrThrow();
      return reply.code(201).send({ id: row.id });
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('the server did not report a port');
    const port = address.port;

    const auth = { authorization: `Bearer ${token}`, accept: 'application/json' };
    const decisionBody = JSON.stringify({
      answers: {
        purpose: 'child_protection',
        identifiable: true,
        level: 'detailed',
        confidential: true,
        childAge: 9,
        consent: 'not_sought',
        consentNotSoughtReason: 'increase_risk',
        harm: 'reasonable_cause_significant_harm',
        sexualActivityUnder13: false,
      },
      record: {
        action: 'shared',
        recipientAgencyId: police.id,
        purposeDetail: 'Strategy discussion',
        informationShared: 'Dates of visits (fact)',
        reasons: 'Asking would increase risk',
      },
    });

    const scenarios: { key: string; name: string; method: 'GET' | 'POST'; path: string; body?: string; baseline?: string; target?: keyof typeof TARGETS }[] = [
      { key: 'pk-read', name: 'baseline: primary-key read', method: 'GET', path: '/bench/child/{id}' },
      { key: 'read', name: 'audited read (API)', method: 'GET', path: '/api/v1/children/{id}', baseline: 'pk-read', target: 'read' },
      { key: 'insert', name: 'baseline: bare insert', method: 'POST', path: '/bench/insert', body: '{"childId":"{id}"}' },
      { key: 'decision', name: 'record decision (API)', method: 'POST', path: '/api/v1/children/{id}/decisions', body: decisionBody, baseline: 'insert', target: 'decision' },
    ];

    // Check every scenario once before loading it, so that a broken request fails loudly.
    for (const s of scenarios) {
      const id = ids[0]!;
      const res = await fetch(`http://127.0.0.1:${port}${s.path.replace('{id}', id)}`, {
        method: s.method,
        headers: { ...auth, ...(s.body ? { 'content-type': 'application/json' } : {}) },
        ...(s.body ? { body: s.body.replace('{id}', id) } : {}),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${s.name}: the check request answered ${res.status}: ${text.slice(0, 500)}`);
    }

    const cpus = os.cpus();
    console.log('Concord benchmark');
    console.log(`  node       ${process.version} (${process.platform} ${process.arch})`);
    console.log(`  cpus       ${os.availableParallelism()} × ${cpus[0]?.model.trim() ?? 'unknown'}`);
    const settings = await sql<{ v: string; sc: string; sb: string }>`select current_setting('server_version') as v, current_setting('synchronous_commit') as sc, current_setting('shared_buffers') as sb`.execute(database.db);
    const pgs = settings.rows[0];
    console.log(`  database   PostgreSQL ${pgs?.v ?? '?'} at ${redact(DATABASE_URL)} (schema ${schema}, pool ${POOL}; synchronous_commit=${pgs?.sc ?? '?'}, shared_buffers=${pgs?.sb ?? '?'})`);
    console.log(`  data       demo partnership + ${CHILDREN} synthetic children (set up in ${fmt(setupMs / 1000)} s)`);
    console.log(`  load       ${CONNECTIONS} keep-alive connections, closed loop, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s per scenario, at most ${MAX_REQUESTS} requests each`);
    console.log('');

    const cores = os.availableParallelism();
    const results = new Map<string, Measured>();
    const cpu = new Map<string, CpuUse>();
    for (const s of scenarios) {
      process.stdout.write(`  running ${s.name} ...`);
      const spec = {
        port,
        method: s.method,
        path: s.path,
        ...(s.body ? { body: s.body } : {}),
        headers: auth,
        ids,
        connections: CONNECTIONS,
        maxRequests: MAX_REQUESTS,
        timeoutMs: REQUEST_TIMEOUT_MS,
      };
      // The warm-up's requests are not timed, but a failure there is still a failure.
      const warm = WARMUP_SECONDS > 0 ? await runLoad({ ...spec, seconds: WARMUP_SECONDS, keep: false }) : undefined;
      const before = await snapshot(database, appName, dbIsLocal);
      const r = await runLoad({ ...spec, seconds: SECONDS, keep: true });
      const after = await snapshot(database, appName, dbIsLocal);
      const m = summarise(s.name, r);
      if (warm && warm.failures) {
        m.failures += warm.failures;
        for (const [k, v] of Object.entries(warm.statuses)) if (!/^2\d\d$/.test(k)) m.statuses[`${k} (warm-up)`] = v;
        m.sample ??= warm.sample;
      }
      results.set(s.key, m);
      cpu.set(s.key, cpuUse(before, after, Math.max(1, r.count), r.elapsedMs, cores));
      process.stdout.write(` ${m.requests} requests, ${fmt(m.rps, 0)} req/s${m.failures ? `, ${m.failures} FAILED` : ''}\n`);
    }
    console.log('');

    const rows: string[][] = [['scenario', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'req/s ÷ base', 'p99 ÷ base', 'target']];
    let failures = 0;
    for (const s of scenarios) {
      const m = results.get(s.key)!;
      failures += m.failures;
      const base = s.baseline ? results.get(s.baseline) : undefined;
      let target = '';
      if (s.target) {
        const t = TARGETS[s.target];
        target = `≥ ${t.rps} req/s ${m.rps >= t.rps ? 'PASS' : 'MISS'}; p99 ≤ ${t.p99} ms ${m.p99 <= t.p99 ? 'PASS' : 'MISS'}`;
      }
      rows.push([
        m.name,
        String(m.requests),
        fmt(m.rps, 0),
        fmt(m.p50, 2),
        fmt(m.p99, 2),
        base ? `${fmt(m.rps / base.rps, 2)}×` : '',
        base ? `${fmt(m.p99 / base.p99, 2)}×` : '',
        target,
      ]);
    }
    console.log(table(rows));
    console.log('');

    // Where the CPU went, per request: what bounds throughput on a small machine.
    const cpuRows: string[][] = [['scenario', 'server CPU ms/req', 'db CPU ms/req', 'cores busy (machine)', 'of which other processes']];
    let maxOther = 0;
    for (const s of scenarios) {
      const c = cpu.get(s.key)!;
      maxOther = Math.max(maxOther, c.otherCores ?? 0);
      cpuRows.push([results.get(s.key)!.name, fmt(c.serverMs, 3), c.dbMs === undefined ? '-' : fmt(c.dbMs, 3), c.machineCores === undefined ? '-' : `${fmt(c.machineCores, 2)} of ${cores}`, c.otherCores === undefined ? '-' : fmt(c.otherCores, 2)]);
    }
    console.log(table(cpuRows));
    console.log('  server CPU = the Node.js thread that runs Fastify, the use cases, Kysely and pg (one core at most);');
    console.log('  db CPU = this run\'s PostgreSQL backends; the load generator and PostgreSQL\'s WAL writer are not in either.');
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
    return failures > 0 ? 1 : 0;
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`\nbenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 2;
  },
);
