// `npm run bench:disclosures`: sending information securely to another agency through the JSON API
// (`POST /api/v1/disclosures`, each under its own pre-recorded decision to share, 3–5 items, no
// attachments) and the recipient opening it (`GET /api/v1/disclosures/{id}`: decrypted, the read
// receipt, audited), on PostgreSQL over loopback HTTP, each beside a bare baseline measured in the
// same run on the same server stack (see bench/README.md, "Disclosures"). It is a report: it exits 0
// whether or not the target is met, and non-zero only if a request failed or the run could not be
// set up.
//
// Everything is bounded: a fixed number of connections, a fixed duration per scenario, a cap on the
// number of requests per scenario, a fixed number of decisions (each disclosure needs its own) and a
// time-out per request. Nothing listens beyond 127.0.0.1.
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { type Generated, sql } from 'kysely';
import pg from 'pg';
import { createApp } from '../src/app.ts';
import { loadDemoPartnership } from '../src/demo.ts';
import { actorFor } from '../src/http/auth.ts';
import { createApiKey } from '../src/use-cases/accounts/create-api-key.ts';
import { loadStaffMember } from '../src/use-cases/accounts/load-staff-member.ts';
import { recordDecision } from '../src/use-cases/decisions/record-decision.ts';
import type { Deps } from '../src/use-cases/kernel/deps.ts';
import { DEMO_PASSWORD, demoPartnership } from '../src/use-cases/partnerships/_demo-data.ts';
import { addSyntheticChildren, type CpuUse, fmt, inBenchSchema, type Measured, openBenchDeps, printReport, redact, runPhase, type Scenario, setting, shareAnswers, table } from './harness.ts';

// ---------------------------------------------------------------------------------------------
// Settings (environment variables, each clamped to a sane range)
// ---------------------------------------------------------------------------------------------

const DATABASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = setting('BENCH_SECONDS', 10, 1, 300);
const WARMUP_SECONDS = setting('BENCH_WARMUP_SECONDS', 2, 0, 60);
const CONNECTIONS = Math.floor(setting('BENCH_CONNECTIONS', 32, 1, 256));
const CHILDREN = Math.floor(setting('BENCH_CHILDREN', 2000, 10, 50_000));
const POOL = Math.floor(setting('BENCH_POOL', 20, 1, 90));
/** Decisions recorded before the run: each disclosure is sent under its own, so this bounds the sending scenario. */
const DECISIONS = Math.floor(setting('BENCH_DECISIONS', 12_000, 100, 200_000));
const MAX_REQUESTS = Math.floor(setting('BENCH_MAX_REQUESTS', 300_000, 1_000, 2_000_000));
const REQUEST_TIMEOUT_MS = 10_000;
/** A directory: write a CPU profile of the server's thread for each API scenario's timed phase there (for finding where the time goes). */
const PROFILE_DIR = process.env.BENCH_PROFILE;

const TARGETS = {
  send: { rps: 200, p99: 100 },
} as const;

type BenchTables = {
  bench_insert: { id: Generated<string>; child_id: string; payload: string; created_at: Generated<Date> };
};

// ---------------------------------------------------------------------------------------------
// Statements per request: every query the server's `pg` clients send (BEGIN and COMMIT included),
// counted in this process. Counting is one increment per query.
// ---------------------------------------------------------------------------------------------

let statements = 0;
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

/** Record `count` decisions to share with `recipientAgencyId`, `concurrency` at a time, through the use case. */
async function recordDecisions(deps: Deps, actor: Parameters<typeof recordDecision>[1], childIds: string[], recipientAgencyId: string, count: number, concurrency: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const r = await recordDecision(deps, actor, childIds[i % childIds.length]!, {
        answers: shareAnswers,
        record: { action: 'shared', recipientAgencyId, purposeDetail: 'Strategy discussion', informationShared: 'Visit dates and concerns (fact and opinion)', reasons: 'Asking would increase risk' },
      });
      if (r.kind !== 'ok') throw new Error(`could not record a decision: ${JSON.stringify(r)}`);
      ids[i] = r.value.decisionId;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
}

async function main(): Promise<number> {
  return inBenchSchema(DATABASE_URL, async ({ schema, appName, dbIsLocal, onCleanup }) => {
    const bench = await openBenchDeps(DATABASE_URL, schema, appName, POOL);
    const database = bench.database;
    onCleanup(() => database.close());
    const deps = bench.deps;

    // Data: the demo partnership and CHILDREN synthetic children held by the council. The council's
    // practitioner sends to the school; the school's designated safeguarding lead opens.
    const setupStart = performance.now();
    const { partnershipId } = await loadDemoPartnership(deps, demoPartnership, DEMO_PASSWORD);
    const db = database.db;
    const agencies = await db.selectFrom('agency').select(['id', 'sector']).where('partnership_id', '=', partnershipId).execute();
    const council = agencies.find((a) => a.sector === 'local_authority')!;
    const school = agencies.find((a) => a.sector === 'education')!;
    const staffId = async (email: string) => (await db.selectFrom('staff_user').select('id').where('partnership_id', '=', partnershipId).where('email', '=', email).executeTakeFirstOrThrow()).id;
    const senderEmail = demoPartnership.staff.find((s) => s.agency === 'council' && s.roles.includes('practitioner') && s.roles.length === 1)!.email;
    const recipientEmail = demoPartnership.staff.find((s) => s.agency === 'school' && s.roles.includes('designated_safeguarding_lead'))!.email;
    const senderId = await staffId(senderEmail);
    const childIds = await addSyntheticChildren(database, partnershipId, council.id, school.id, senderId, CHILDREN);
    const keyFor = async (email: string) => {
      const staff = await loadStaffMember(deps, partnershipId, await staffId(email));
      if (!staff) throw new Error(`${email} could not be loaded`);
      const actor = actorFor(staff, 'cli', randomUUID());
      const key = await createApiKey(deps, actor, { name: 'Benchmark' });
      if (key.kind !== 'ok') throw new Error('could not create an API key');
      return { actor, token: key.value.token };
    };
    const sender = await keyFor(senderEmail);
    const recipient = await keyFor(recipientEmail);
    const decisionStart = performance.now();
    const decisionIds = await recordDecisions(deps, sender.actor, childIds, school.id, DECISIONS, POOL);
    const decisionMs = performance.now() - decisionStart;
    await sql`create table bench_insert (id bigint generated always as identity primary key, child_id uuid not null, payload jsonb not null, created_at timestamptz not null default now())`.execute(
      db,
    );
    await sql`analyze`.execute(db);
    const setupMs = performance.now() - setupStart;

    // The items follow the partnership's protocol's information levels.
    const { pack } = await db.selectFrom('partnership').select('pack').where('id', '=', partnershipId).executeTakeFirstOrThrow();
    const levels = deps.packs.get(pack)!.informationLevels.filter((l) => l.level !== 'aggregate');
    const choices = levels.flatMap((l) => l.items.map((label) => ({ level: l.level, label })));
    const values = [
      'Home visit on 3 March 2026: the child was not at home; the mother said she was at her aunt’s',
      'Two missed health appointments in February 2026',
      'The child told her teacher she is frightened of her mother’s partner',
      'Police were called to the address on 9 August 2026 (domestic incident, no arrest)',
      'The child’s attendance has fallen to 71% this term',
    ];
    const body = (n: number) =>
      JSON.stringify({
        decisionId: '{id}',
        items: Array.from({ length: n }, (_, i) => ({ ...choices[i % choices.length]!, value: values[i]!, kind: i % 3 === 2 ? 'opinion' : 'fact' })),
        freeText: 'Shared for the strategy discussion on Monday.',
      });
    const sendBodies = [body(3), body(4), body(5)];

    const app = await createApp({
      deps,
      web: { session: { secret: randomBytes(32).toString('hex'), idleMinutes: 30, maxHours: 12, cookieSecure: false }, publicDir: path.resolve(import.meta.dirname, '../public') },
      logger: false,
    });
    onCleanup(() => app.close());
    const benchDb = db.withTables<BenchTables>();
    app.post('/bench/insert', async (request, reply) => {
      const b = request.body as { childId: string };
      const row = await benchDb
        .insertInto('bench_insert')
        .values({ child_id: b.childId, payload: JSON.stringify(b) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return reply.code(201).send({ id: row.id });
    });
    app.get('/bench/disclosure/:id', async (request, reply) => {
      const { id } = request.params as { id: string };
      const row = await db.selectFrom('disclosure').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();
      if (!row) return reply.code(404).send({ error: 'not found' });
      return reply.send(row);
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('the server did not report a port');
    const port = address.port;
    const base = `http://127.0.0.1:${port}`;
    const auth = (token: string) => ({ authorization: `Bearer ${token}`, accept: 'application/json' });

    // Check each call once (this uses the first decision), so that a broken request fails loudly.
    const check = async (what: string, res: Response) => {
      const text = await res.text();
      if (!res.ok) throw new Error(`${what}: the check request answered ${res.status}: ${text.slice(0, 500)}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    await check('bare insert', await fetch(`${base}/bench/insert`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ childId: childIds[0] }) }));
    const first = await check(
      'send',
      await fetch(`${base}/api/v1/disclosures`, { method: 'POST', headers: { ...auth(sender.token), 'content-type': 'application/json' }, body: sendBodies[2]!.replace('{id}', decisionIds[0]!) }),
    );
    await check('primary-key read', await fetch(`${base}/bench/disclosure/${String(first.id)}`));
    const opened = await check('open', await fetch(`${base}/api/v1/disclosures/${String(first.id)}`, { headers: auth(recipient.token) }));
    if (opened.side !== 'recipient' || opened.status !== 'opened' || (opened.items as unknown[]).length !== 5) throw new Error(`open: unexpected answer ${JSON.stringify(opened).slice(0, 500)}`);

    const cpus = os.cpus();
    console.log('Concord benchmark: disclosures');
    console.log(`  node       ${process.version} (${process.platform} ${process.arch})`);
    console.log(`  cpus       ${os.availableParallelism()} × ${cpus[0]?.model.trim() ?? 'unknown'}`);
    const settings = await sql<{
      v: string;
      sc: string;
      sb: string;
    }>`select current_setting('server_version') as v, current_setting('synchronous_commit') as sc, current_setting('shared_buffers') as sb`.execute(db);
    const pgs = settings.rows[0];
    console.log(`  database   PostgreSQL ${pgs?.v ?? '?'} at ${redact(DATABASE_URL)} (schema ${schema}, pool ${POOL}; synchronous_commit=${pgs?.sc ?? '?'}, shared_buffers=${pgs?.sb ?? '?'})`);
    console.log(
      `  data       demo partnership + ${CHILDREN} synthetic children + ${DECISIONS} decisions to share, recorded through the use case (${fmt(decisionMs / 1000)} s; set-up ${fmt(setupMs / 1000)} s)`,
    );
    console.log(
      `  load       ${CONNECTIONS} keep-alive connections, closed loop (open loop at ${TARGETS.send.rps}/s for the paced scenario), ${WARMUP_SECONDS} s warm-up + ${SECONDS} s per scenario, at most ${MAX_REQUESTS} requests each`,
    );
    console.log('');

    const cores = os.availableParallelism();
    const results = new Map<string, Measured>();
    const cpu = new Map<string, CpuUse>();
    const perRequest = new Map<string, number>();
    const notes: string[] = [];
    const common = { port, connections: CONNECTIONS, maxRequests: MAX_REQUESTS, timeoutMs: REQUEST_TIMEOUT_MS };
    const phase = async (key: string, name: string, spec: Parameters<typeof runPhase>[1]) => {
      process.stdout.write(`  running ${name} ...`);
      const before = statements;
      const profiler = PROFILE_DIR && !key.startsWith('insert') && key !== 'pk-read' ? new Session() : undefined;
      if (profiler) {
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
      }
      const p = await runPhase(name, spec, { warmupSeconds: WARMUP_SECONDS, seconds: SECONDS, database: database, appName, dbIsLocal, cores });
      if (profiler) {
        const { profile } = await profiler.post('Profiler.stop');
        writeFileSync(path.join(PROFILE_DIR!, `${key}.cpuprofile`), JSON.stringify(profile));
        profiler.disconnect();
      }
      results.set(key, p.measured);
      cpu.set(key, p.cpu);
      // Statements over the warm-up and the timed phase, per request.
      const requests = spec.order === 'sequential' ? p.used : undefined;
      if (requests) perRequest.set(key, (statements - before) / requests);
      process.stdout.write(` ${p.measured.requests} requests, ${fmt(p.measured.rps, 0)} req/s${p.measured.failures ? `, ${p.measured.failures} FAILED` : ''}\n`);
      if (p.exhausted) notes.push(`${name}: ran out of ids after ${p.measured.requests} timed requests (the phase was shorter than ${SECONDS} s)`);
      return p;
    };

    await phase('insert', 'baseline: bare insert', { ...common, method: 'POST', path: '/bench/insert', body: '{"childId":"{id}"}', headers: {}, ids: childIds });
    // Sending twice: closed loop at saturation (how many a second the stack can send), then open
    // loop at the target rate (the latency people see when 200 disclosures a second are sent).
    const sent = await phase('send', 'send disclosure (API), saturated', {
      ...common,
      method: 'POST',
      path: '/api/v1/disclosures',
      bodies: sendBodies,
      headers: auth(sender.token),
      ids: decisionIds.slice(1),
      order: 'sequential',
    });
    await phase('insert-paced', `baseline: bare insert at ${TARGETS.send.rps}/s`, {
      ...common,
      rate: TARGETS.send.rps,
      method: 'POST',
      path: '/bench/insert',
      body: '{"childId":"{id}"}',
      headers: {},
      ids: childIds,
    });
    const paced = await phase('send-paced', `send disclosure (API) at ${TARGETS.send.rps}/s`, {
      ...common,
      rate: TARGETS.send.rps,
      method: 'POST',
      path: '/api/v1/disclosures',
      bodies: sendBodies,
      headers: auth(sender.token),
      ids: decisionIds.slice(1 + sent.used),
      order: 'sequential',
    });
    // Every disclosure sent, oldest first: the recipient opens each once (the first opening: the read receipt).
    const disclosureIds = (await db.selectFrom('disclosure').select('id').where('partnership_id', '=', partnershipId).where('id', '!=', String(first.id)).orderBy('sent_at').execute()).map(
      (r) => r.id,
    );
    const expected = sent.used + paced.used - sent.measured.failures - paced.measured.failures;
    if (disclosureIds.length < expected) throw new Error(`expected ${expected} disclosures, found ${disclosureIds.length}`);
    await phase('pk-read', 'baseline: primary-key read', { ...common, method: 'GET', path: '/bench/disclosure/{id}', headers: {}, ids: disclosureIds });
    await phase('open', 'open disclosure (API)', { ...common, method: 'GET', path: '/api/v1/disclosures/{id}', headers: auth(recipient.token), ids: disclosureIds, order: 'sequential' });
    console.log('');

    const scenarios: Scenario[] = [
      { key: 'insert', name: 'baseline: bare insert' },
      { key: 'send', name: 'send disclosure (API), saturated', baseline: 'insert', target: { rps: TARGETS.send.rps } },
      { key: 'insert-paced', name: `baseline: bare insert at ${TARGETS.send.rps}/s` },
      { key: 'send-paced', name: `send disclosure (API) at ${TARGETS.send.rps}/s`, baseline: 'insert-paced', target: { p99: TARGETS.send.p99 } },
      { key: 'pk-read', name: 'baseline: primary-key read' },
      { key: 'open', name: 'open disclosure (API)', baseline: 'pk-read' },
    ];
    const failures = printReport(scenarios, results, cpu, cores);

    // What each call does in the database.
    console.log('');
    const audited = await sql<{
      action: string;
      n: string;
    }>`select action, count(*)::text as n from audit_event where partnership_id = ${partnershipId} and action in ('disclosure.sent', 'disclosure.opened') group by action order by action`.execute(db);
    const counts = new Map(audited.rows.map((r) => [r.action, Number(r.n)]));
    console.log(
      table([
        ['call', 'statements/req (incl. BEGIN, COMMIT)', 'audit events written'],
        ['send disclosure (API), saturated', fmt(perRequest.get('send') ?? Number.NaN, 1), `${counts.get('disclosure.sent') ?? 0} disclosure.sent (both sending phases)`],
        ['open disclosure (API)', fmt(perRequest.get('open') ?? Number.NaN, 1), `${counts.get('disclosure.opened') ?? 0} disclosure.opened`],
      ]),
    );
    for (const n of notes) console.log(`  note: ${n}`);
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
