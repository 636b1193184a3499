// `npm run bench`: the audited read of a child's record and the recording of a sharing decision
// through the JSON API, on PostgreSQL, over loopback HTTP, each beside a bare baseline measured in
// the same run on the same server stack (see bench/README.md). It is a report: it exits 0 whether
// or not the targets are met, and non-zero only if a request failed or the run could not be set up.
//
// Everything is bounded: a fixed number of connections, a fixed duration per scenario, a cap on the
// number of requests per scenario and a time-out per request. Nothing listens beyond 127.0.0.1.
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { sql, type Generated } from 'kysely';
import pg from 'pg';
import { createApp } from '../src/app.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { nhsNumberCheckDigit } from '../src/domain/nhs-number.ts';
import { createApiKey } from '../src/use-cases/create-api-key.ts';
import { DEMO_PASSWORD, demoPartnership } from '../src/use-cases/demo-data.ts';
import { loadDemoPartnership } from '../src/use-cases/load-demo-partnership.ts';
import { loadStaffMember } from '../src/use-cases/load-staff-member.ts';
import { createKeyring } from '../src/use-cases/shared/sealing.ts';
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
  /** `{id}` is replaced by a random child id on every request. */
  path: string;
  body?: string;
  headers: Record<string, string>;
  ids: string[];
  connections: number;
  warmupSeconds: number;
  seconds: number;
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

function once(record) {
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
      res.on('error', (e) => finish(0, String(e && e.code || e)));
    });
    req.setTimeout(s.timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => finish(0, String(e && (e.code || e.message) || e)));
    req.end(body);
  });
}

async function phase(seconds, keep) {
  const latencies = new Float64Array(keep ? s.maxRequests : 0);
  const statuses = {};
  let count = 0, failures = 0, sample;
  const record = (status, ms, text) => {
    if (keep) latencies[count] = ms;
    count++;
    statuses[status] = (statuses[status] || 0) + 1;
    if (!(status >= 200 && status < 300)) { failures++; if (sample === undefined) sample = status + ' ' + (text || ''); }
  };
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const loop = async () => { while (performance.now() < deadline && count < s.maxRequests) await once(record); };
  await Promise.all(Array.from({ length: s.connections }, loop));
  return { latencies, count, elapsedMs: performance.now() - start, statuses, failures, sample };
}

(async () => {
  const warm = s.warmupSeconds > 0 ? await phase(s.warmupSeconds, false) : { failures: 0, statuses: {} };
  const main = await phase(s.seconds, true);
  agent.destroy();
  // Failures in the warm-up count too: an error is an error.
  main.failures += warm.failures;
  for (const [k, v] of Object.entries(warm.statuses)) if (!(Number(k) >= 200 && Number(k) < 300)) main.statuses['warm-up ' + k] = v;
  if (main.sample === undefined && warm.sample !== undefined) main.sample = warm.sample;
  parentPort.postMessage(main, [main.latencies.buffer]);
})().catch((e) => { throw e; });
`;

function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, { eval: true, workerData: spec });
    // Belt and braces: the worker's own loops are bounded; this bounds the wait for it too.
    const limit = setTimeout(() => void worker.terminate().then(() => reject(new Error('load generator overran its time limit'))), (spec.warmupSeconds + spec.seconds) * 1000 + spec.timeoutMs + 30_000);
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
  sample?: string | undefined;
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

interface BenchTables {
  bench_insert: { id: Generated<string>; child_id: string; payload: string; created_at: Generated<Date> };
}

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
    const children = [];
    const involvements = [];
    const family = [];
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
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) console.warn(`note: the database is not on loopback (${host}); figures include the network`);

  const schema = `bench_${randomBytes(6).toString('hex')}`;
  let database: Database | undefined;
  let app: FastifyInstance | undefined;
  let dropped = false;
  const cleanup = async () => {
    if (dropped) return;
    dropped = true;
    await app?.close().catch(() => {});
    await database?.close().catch(() => {});
    await adminQuery(`drop schema if exists ${schema} cascade`).catch((e: Error) => console.error(`could not drop schema ${schema}: ${e.message}`));
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping and dropping schema ${schema}`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    await adminQuery(`create schema ${schema}`);
    database = await openDatabase(DATABASE_URL, { schema, maxConnections: POOL });
    await migrateToLatest(database.db);
    const deps: Deps = {
      db: database.db,
      now: () => new Date(),
      keyring: createKeyring('bench', [{ id: 'bench', key: randomBytes(32) }]),
      login: { maxAttempts: 5, lockMinutes: 15 },
    };

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
    const version = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(database.db);
    console.log(`  database   PostgreSQL ${version.rows[0]?.v ?? '?'} at ${redact(DATABASE_URL)} (schema ${schema}, pool ${POOL})`);
    console.log(`  data       demo partnership + ${CHILDREN} synthetic children (set up in ${fmt(setupMs / 1000)} s)`);
    console.log(`  load       ${CONNECTIONS} keep-alive connections, closed loop, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s per scenario, at most ${MAX_REQUESTS} requests each`);
    console.log('');

    const results = new Map<string, Measured>();
    for (const s of scenarios) {
      process.stdout.write(`  running ${s.name} ...`);
      const r = await runLoad({
        port,
        method: s.method,
        path: s.path,
        ...(s.body ? { body: s.body } : {}),
        headers: auth,
        ids,
        connections: CONNECTIONS,
        warmupSeconds: WARMUP_SECONDS,
        seconds: SECONDS,
        maxRequests: MAX_REQUESTS,
        timeoutMs: REQUEST_TIMEOUT_MS,
      });
      const m = summarise(s.name, r);
      results.set(s.key, m);
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
        const rpsOk = m.rps >= t.rps;
        const p99Ok = m.p99 <= t.p99;
        target = `≥ ${t.rps} req/s ${rpsOk ? 'PASS' : 'MISS'}; p99 ≤ ${t.p99} ms ${p99Ok ? 'PASS' : 'MISS'}`;
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
    if (failures > 0) {
      console.log(`ERRORS: ${failures} request(s) did not succeed:`);
      for (const s of scenarios) {
        const m = results.get(s.key)!;
        if (!m.failures) continue;
        const bad = Object.entries(m.statuses).filter(([k]) => !/^2\d\d$/.test(k));
        console.log(`  ${m.name}: ${bad.map(([k, v]) => `${k === '0' ? 'network error' : k} × ${v}`).join(', ')}; first: ${m.sample ?? ''}`);
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
