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
import { type Generated, sql } from 'kysely';
import { createApp } from '../src/app.ts';
import { loadDemoPartnership } from '../src/demo.ts';
import { actorFor } from '../src/http/auth.ts';
import { createApiKey } from '../src/use-cases/accounts/create-api-key.ts';
import { loadStaffMember } from '../src/use-cases/accounts/load-staff-member.ts';
import { DEMO_PASSWORD, demoPartnership } from '../src/use-cases/partnerships/_demo-data.ts';
import { addSyntheticChildren, type CpuUse, fmt, inBenchSchema, type Measured, openBenchDeps, printReport, redact, runPhase, setting, shareAnswers } from './harness.ts';

// ---------------------------------------------------------------------------------------------
// Settings (environment variables, each clamped to a sane range)
// ---------------------------------------------------------------------------------------------

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
// Set-up: a private schema, the demo partnership, synthetic children, an API key, the app
// ---------------------------------------------------------------------------------------------

type BenchTables = {
  bench_insert: { id: Generated<string>; child_id: string; payload: string; created_at: Generated<Date> };
};

async function main(): Promise<number> {
  return inBenchSchema(DATABASE_URL, async ({ schema, appName, dbIsLocal, onCleanup }) => {
    const bench = await openBenchDeps(DATABASE_URL, schema, appName, POOL);
    const database = bench.database;
    onCleanup(() => database.close());
    const deps = bench.deps;

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
    await sql`create table bench_insert (id bigint generated always as identity primary key, child_id uuid not null, payload jsonb not null, created_at timestamptz not null default now())`.execute(
      database.db,
    );
    const setupMs = performance.now() - setupStart;

    // The app, exactly as src/main.ts builds it (logging off), plus two bench-only baseline routes
    // registered at the root so that they pass through the same global hooks (request id,
    // correlation header, helmet, cookie and session parsing) but no auth, no transaction, no audit.
    const app = await createApp({
      deps,
      web: {
        session: { secret: randomBytes(32).toString('hex'), idleMinutes: 30, maxHours: 12, cookieSecure: false },
        publicDir: path.resolve(import.meta.dirname, '../public'),
      },
      logger: false,
    });
    onCleanup(() => app.close());
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
      const row = await benchDb
        .insertInto('bench_insert')
        .values({ child_id: body.childId, payload: JSON.stringify(body) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return reply.code(201).send({ id: row.id });
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('the server did not report a port');
    const port = address.port;

    const auth = { authorization: `Bearer ${token}`, accept: 'application/json' };
    const decisionBody = JSON.stringify({
      answers: shareAnswers,
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
    const settings = await sql<{
      v: string;
      sc: string;
      sb: string;
    }>`select current_setting('server_version') as v, current_setting('synchronous_commit') as sc, current_setting('shared_buffers') as sb`.execute(database.db);
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
      const { measured: m, cpu: c } = await runPhase(s.name, spec, { warmupSeconds: WARMUP_SECONDS, seconds: SECONDS, database, appName, dbIsLocal, cores });
      results.set(s.key, m);
      cpu.set(s.key, c);
      process.stdout.write(` ${m.requests} requests, ${fmt(m.rps, 0)} req/s${m.failures ? `, ${m.failures} FAILED` : ''}\n`);
    }
    console.log('');

    const failures = printReport(
      scenarios.map((s) => ({ key: s.key, name: s.name, ...(s.baseline ? { baseline: s.baseline } : {}), ...(s.target ? { target: TARGETS[s.target] } : {}) })),
      results,
      cpu,
      cores,
    );
    return failures > 0 ? 1 : 0;
  });
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
