// The tamper-evident audit log's benchmark, on PostgreSQL (see bench/README.md "The audit log"):
//   1. ingest: audit events appended by concurrent writers exactly as the use cases append them —
//      one event per transaction (appendAudit), and ten in one statement (appendAuditEvents, a step
//      that records several things, or a batch) — with the sequencer/checkpointer job running in the
//      same process: events per second, and the time from each event's commit to a signed checkpoint
//      covering it; baseline: the same writers inserting the same rows into a plain table, no job.
//   2. full re-verification of a log of BENCH_LEAVES leaves (10 million by default) by the
//      independent verifier, as `concord audit verify` runs it — leaves per second; baseline: raw
//      SHA-256 throughput of one thread on leaf-sized input.
//   3. inclusion proofs in that log, as the API serves them (audited) — p50/p99 latency; baseline:
//      a bare primary-key lookup of an event's leaf.
// The big log is built with set-based SQL (events from generate_series, leaves hashed by
// PostgreSQL's sha256() in a third rendering of the canonical encoding, subtrees by self-joins),
// then extended by the real sequencer during the ingest run — and the verifier then checks every
// leaf of it, so a builder that disagreed with the specification would fail the run, loudly.
//
//   npx tsx bench/audit-log.ts                        (or runAuditLogBench() from bench/index.ts)
//   BENCH_LEAVES=1000000 npx tsx bench/audit-log.ts   (a smaller log, a shorter run)
//
// A report, not a test: it exits 0 when everything ran (targets met or not), 1 when the log did not
// verify or a request failed, 2 when the run could not be set up.
import { generateKeyPairSync, hash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import * as V from '../src/audit-verifier/index.ts';
import { checkInclusion } from '../src/cli/audit.ts';
import { verifyDatabase } from '../src/cli/audit-verify-parallel.ts';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildDeps } from '../src/deps.ts';
import { canonicalJson, detailsCommitment } from '../src/domain/audit-leaf.ts';
import type { Actor } from '../src/domain/staff.ts';
import { startAuditSequencer } from '../src/jobs/audit-sequencer.ts';
import { inclusionProof, proveAuditInclusion } from '../src/use-cases/audit/prove-audit-inclusion.ts';
import { checkpointOnce } from '../src/use-cases/audit/sign-audit-checkpoint.ts';
import { appendAudit, appendAuditEvents } from '../src/use-cases/kernel/audit.ts';
import { createAuditSigner } from '../src/use-cases/kernel/audit-signing.ts';
import { createKeyring } from '../src/use-cases/kernel/sealing.ts';

function setting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${name} must be a number from ${min} to ${max} (got "${raw}")`);
  return Math.floor(n);
}

export interface AuditBenchSettings {
  databaseUrl: string;
  leaves: number;
  seconds: number;
  warmupSeconds: number;
  writers: number;
  proofs: number;
  verifyWorkers: number;
}

export function auditBenchSettings(): AuditBenchSettings {
  return {
    databaseUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
    leaves: setting('BENCH_LEAVES', 10_000_000, 1_000, 50_000_000),
    seconds: setting('BENCH_SECONDS', 10, 1, 300),
    warmupSeconds: setting('BENCH_WARMUP_SECONDS', 2, 0, 60),
    writers: setting('BENCH_AUDIT_WRITERS', 32, 1, 128),
    proofs: setting('BENCH_PROOFS', 2_000, 10, 100_000),
    verifyWorkers: setting('BENCH_VERIFY_WORKERS', os.availableParallelism(), 0, 64),
  };
}

export const AUDIT_TARGETS = { ingestPerSecond: 10_000, checkpointP99Ms: 1_000, verifyLeavesPerSecond: 170_000, proofP99Ms: 5 } as const;

const EVENTS_PER_TX = [1, 10] as const;

export interface IngestResult {
  perTx: number;
  /** Audit events per second, the sequencer running. */
  perSecond: number;
  /** The same rows per second into a plain table, no sequencer. */
  bare: number;
  /** Commit to signed checkpoint, ms. */
  latency: { p50: number; p99: number; max: number; events: number };
}

export interface AuditBenchResult {
  settings: AuditBenchSettings;
  buildSeconds: number;
  sha256PerSecond: number;
  ingest: IngestResult[];
  checkpointsSigned: number;
  verify: { leaves: number; seconds: number; leavesPerSecond: number; ok: boolean; first?: string };
  proof: { p50: number; p99: number; rawP50: number; rawP99: number; baseP50: number; baseP99: number; checked: number; failed: number };
  ok: boolean;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r, i) => `  ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   ')}${i === 0 ? `\n  ${widths.map((w) => '-'.repeat(w)).join('   ')}` : ''}`)
    .join('\n');
}

async function adminQuery(url: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** SHA-256 over leaf-sized (≈300-byte) inputs on this thread, for about a second. */
function sha256Throughput(): number {
  const input = randomBytes(300);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < 1_000) {
    for (let i = 0; i < 10_000; i++) hash('sha256', input, 'buffer');
    n += 10_000;
  }
  return n / ((performance.now() - start) / 1000);
}

/** One field of the canonical leaf encoding, in SQL: uint32-be(byte length) || UTF-8 bytes; NULL as FF FF FF FF. */
const field = (expr: string, nullable: boolean) => {
  const bytes = `int4send(octet_length(${expr})) || convert_to(${expr}, 'UTF8')`;
  return nullable ? `coalesce(${bytes}, '\\xffffffff'::bytea)` : bytes;
};
/** The leaf hash of event `e` with details commitment `c`: SHA-256(0x00 || "CAE" 0x01 || fields || commitment). */
const LEAF_HASH_SQL = `sha256('\\x0043414501'::bytea || ${[
  field('e.partnership_id::text', false),
  field('e.id::text', false),
  field(`to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, false),
  field('e.actor_user_id::text', true),
  field('e.actor_agency_id::text', true),
  field('e.action', false),
  field('e.outcome', false),
  field('e.subject_type', true),
  field('e.subject_id', true),
  field('e.child_id::text', true),
  field('e.correlation_id', false),
  field('e.via', false),
].join(' || ')} || c.commitment)`;

/** Run `jobs` on at most `n` connections at once (the pool gives each its own). */
async function inParallel<T>(n: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]!();
      }
    }),
  );
  return out;
}

/**
 * Build a log of `count` leaves with set-based SQL, in chunks of one transaction each (so that no
 * long transaction holds back the sequencer's watermark anywhere on the server), two at a time.
 * The secondary indexes of audit_event and audit_leaf are dropped for the load and rebuilt
 * afterwards, as one would for any bulk load; the schema measured afterwards is exactly the
 * migrated one.
 */
async function buildLog(database: Database, partnershipId: string, staff: string[], agencyId: string, count: number, log: (s: string) => void): Promise<void> {
  const db = database.db;
  const emptyCommitment = detailsCommitment(new Uint8Array(0), canonicalJson('{}'));
  const CHUNK = 250_000;
  const PARALLEL = Math.max(1, Math.min(4, os.availableParallelism()));
  const started = performance.now();
  const spent = { events: 0, leaves: 0, nodes: 0 };
  let mark = performance.now();
  const lap = (k: keyof typeof spent) => {
    const now = performance.now();
    spent[k] += now - mark;
    mark = now;
  };
  const indexes = (
    await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes where schemaname = current_schema() and tablename = 'audit_event' and indexname <> 'audit_event_pkey'`.execute(db)
  ).rows;
  for (const i of indexes) await sql.raw(`drop index ${i.name}`).execute(db);
  // audit_leaf's unique (event) constraint likewise, re-added (and so re-checked) after the load.
  const leafUnique = (
    await sql<{ name: string; def: string }>`
    select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
     where conrelid = 'audit_leaf'::regclass and contype = 'u'`.execute(db)
  ).rows;
  for (const c of leafUnique) await sql.raw(`alter table audit_leaf drop constraint ${c.name}`).execute(db);

  // Events, and the salts of those with details: each chunk in one transaction of its own.
  const chunks: { from: number; to: number }[] = [];
  for (let from = 1; from <= count; from += CHUNK) chunks.push({ from, to: Math.min(count, from + CHUNK - 1) });
  let loaded = 0;
  const txs = await inParallel(
    PARALLEL,
    chunks.map(
      ({ from, to }) =>
        async () =>
          db.transaction().execute(async (trx) => {
            // Mostly reads of a child's record with empty details; one in ten a search whose
            // criteria (personal data) go into the details.
            await sql`
          with ins as (
            insert into audit_event (partnership_id, occurred_at, actor_user_id, actor_agency_id, action, outcome, subject_type, subject_id, child_id, correlation_id, via, details)
            select ${partnershipId}::uuid, now() - interval '30 days' + i * interval '200 microseconds',
                   (${staff}::uuid[])[1 + i % ${staff.length}], ${agencyId}::uuid,
                   case when i % 10 = 0 then 'child.searched' when i % 10 = 1 then 'decision.viewed' else 'child.viewed' end,
                   case when i % 97 = 0 then 'denied' else 'ok' end,
                   'child', md5('child' || (i % 10000))::uuid::text, md5('child' || (i % 10000))::uuid, md5('corr' || i)::uuid::text,
                   case when i % 3 = 0 then 'api' else 'web' end,
                   case when i % 10 = 0
                        then jsonb_build_object('criteria', jsonb_build_object('text', 'Bench ' || i, 'dateOfBirth', null), 'resultIds', jsonb_build_array(md5('child' || (i % 10000))::uuid))
                        else '{}'::jsonb end
              from generate_series(${from}::bigint, ${to}::bigint) as i
            returning partnership_id, id, details)
          insert into audit_salt (partnership_id, event_id, salt)
          select partnership_id, id, uuid_send(gen_random_uuid()) from ins where details <> '{}'::jsonb`.execute(trx);
            const tx = (await sql<{ tx: string }>`select pg_current_xact_id()::text as tx`.execute(trx)).rows[0]!.tx;
            loaded += to - from + 1;
            log(`\r  building the log: ${fmt(loaded)} of ${fmt(count)} events   `);
            return { tx, n: to - from + 1 };
          }),
    ),
  );
  await sql`create index audit_event_tx_only on audit_event (tx)`.execute(db);
  lap('events');

  // Leaves in commit order (by transaction, then id): the canonical encoding written out in SQL
  // and hashed by PostgreSQL — a third rendering of docs/audit-log.md that the verifier checks.
  const ordered = [...txs].sort((a, b) => (BigInt(a.tx) < BigInt(b.tx) ? -1 : 1));
  let offset = 0;
  let hashed = 0;
  await inParallel(
    PARALLEL,
    ordered.map((c) => {
      const base = offset;
      offset += c.n;
      return async () => {
        await sql`
          insert into audit_leaf (leaf_index, event_partnership_id, event_id, event_tx, leaf_hash, details_commitment)
          select ${base}::bigint + row_number() over (order by e.id) - 1, e.partnership_id, e.id, e.tx, ${sql.raw(LEAF_HASH_SQL)},
                 case when s.salt is null then null else c.commitment end
            from audit_event e
            left join audit_salt s on s.partnership_id = e.partnership_id and s.event_id = e.id
            cross join lateral (
              select case when s.salt is null then ${emptyCommitment}::bytea
                          else sha256(convert_to('concord-audit-details-v1', 'UTF8') || '\\x0010'::bytea || s.salt
                                      || convert_to('{"criteria":{"dateOfBirth":null,"text":' || to_json(e.details->'criteria'->>'text')::text
                                                    || '},"resultIds":' || (e.details->'resultIds')::text || '}', 'UTF8')) end as commitment
            ) c
           where e.tx = ${c.tx}::xid8`.execute(db);
        hashed += c.n;
        log(`\r  building the log: ${fmt(count)} events, ${fmt(hashed)} leaves hashed   `);
      };
    }),
  );
  await sql`drop index audit_event_tx_only`.execute(db);
  for (const i of indexes) await sql.raw(i.def).execute(db);
  for (const c of leafUnique) await sql.raw(`alter table audit_leaf add constraint ${c.name} ${c.def}`).execute(db);
  lap('leaves');

  // Complete subtrees, level by level, from pairs of the level below; levels ≥ 4 are stored.
  await sql`create unlogged table bench_level (idx bigint primary key, hash bytea not null)`.execute(db);
  await sql`create unlogged table bench_next (idx bigint primary key, hash bytea not null)`.execute(db);
  await sql`
    insert into bench_level (idx, hash)
    select l.leaf_index / 2, sha256('\\x01'::bytea || l.leaf_hash || r.leaf_hash)
      from audit_leaf l join audit_leaf r on r.leaf_index = l.leaf_index + 1
     where l.leaf_index % 2 = 0 and r.leaf_index < ${count}::bigint`.execute(db);
  for (let level = 2; 2 ** level <= count; level++) {
    await sql`truncate bench_next`.execute(db);
    await sql`
      insert into bench_next (idx, hash)
      select l.idx / 2, sha256('\\x01'::bytea || l.hash || r.hash)
        from bench_level l join bench_level r on r.idx = l.idx + 1
       where l.idx % 2 = 0`.execute(db);
    await sql`truncate bench_level`.execute(db);
    await sql`insert into bench_level select * from bench_next`.execute(db);
    if (level >= 4) await sql`insert into audit_node (level, idx, hash) select ${level}, idx, hash from bench_level`.execute(db);
  }
  await sql`drop table bench_level`.execute(db);
  await sql`drop table bench_next`.execute(db);
  await sql`vacuum analyze audit_event`.execute(db).catch(() => sql`analyze audit_event`.execute(db));
  await sql`analyze`.execute(db);
  lap('nodes');
  log(
    `\n  (${fmt(count / ((performance.now() - started) / 1000))} leaves/s: events and salts ${fmt(spent.events / 1000, 1)} s, leaves ${fmt(spent.leaves / 1000, 1)} s, subtrees ${fmt(spent.nodes / 1000, 1)} s)\n`,
  );
}

interface Writers {
  stop(): Promise<void>;
  count(): number;
}

/** `n` closed-loop writers, each running `once` back to back until stopped. */
function startWriters(n: number, once: (writer: number, i: number) => Promise<void>, onError: (e: unknown) => void): Writers {
  let running = true;
  let done = 0;
  const loops = Array.from({ length: n }, async (_, w) => {
    for (let i = 0; running; i++) {
      try {
        await once(w, i);
        done++;
      } catch (e) {
        onError(e);
        running = false;
      }
    }
  });
  return {
    count: () => done,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

type BareTables = {
  bench_bare_event: {
    partnership_id: string;
    actor_user_id: string;
    actor_agency_id: string;
    action: string;
    outcome: string;
    subject_type: string;
    child_id: string;
    correlation_id: string;
    via: string;
    details: string;
  };
};

/**
 * CPU use over an interval: the whole machine (/proc/stat), this process (all its threads), this
 * run's PostgreSQL backends (found by application_name and sampled from /proc twice a second, so
 * that connections opened and closed in between count too), and everything else.
 */
function cpuMeter(database: Database, appName: string) {
  const HZ = 100;
  const machine = () => {
    try {
      const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
      return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]!) / HZ;
    } catch {
      return Number.NaN;
    }
  };
  const pidCpu = (pid: number) => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(f[11]) + Number(f[12])) / HZ;
    } catch {
      return undefined;
    }
  };
  /** pid → [cpu when first seen in the interval, cpu when last seen] */
  const seen = new Map<number, [number, number]>();
  let readable = true;
  const sample = async (first: boolean) => {
    const pids = (await sql<{ pid: number }>`select pid from pg_stat_activity where application_name = ${appName}`.execute(database.db)).rows.map((r) => r.pid);
    for (const pid of pids) {
      const c = pidCpu(pid);
      if (c === undefined) {
        readable = false;
        continue;
      }
      const had = seen.get(pid);
      if (had) had[1] = c;
      else seen.set(pid, [first ? c : 0, c]);
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const start = { at: 0, machine: 0, own: process.cpuUsage() };
  return {
    async begin() {
      seen.clear();
      await sample(true);
      start.at = performance.now();
      start.machine = machine();
      start.own = process.cpuUsage();
      timer = setInterval(() => void sample(false).catch(() => {}), 500);
    },
    async end() {
      clearInterval(timer);
      await sample(false);
      const seconds = (performance.now() - start.at) / 1000;
      const own = process.cpuUsage(start.own);
      const m = (machine() - start.machine) / seconds;
      const mine = (own.user + own.system) / 1e6 / seconds;
      const pg = readable ? [...seen.values()].reduce((t, [a, b]) => t + (b - a), 0) / seconds : Number.NaN;
      return { machine: m, own: mine, pg, other: Math.max(0, m - mine - (Number.isNaN(pg) ? 0 : pg)) };
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runAuditLogBench(options: { settings?: AuditBenchSettings; print?: (s: string) => void } = {}): Promise<AuditBenchResult> {
  const s = options.settings ?? auditBenchSettings();
  const print = options.print ?? ((line: string) => process.stdout.write(line));
  if (!/^postgres(ql)?:\/\//.test(s.databaseUrl)) throw new Error('BENCH_DATABASE_URL must be a postgres:// URL: the benchmark measures PostgreSQL');
  const schema = `bench_audit_${randomBytes(5).toString('hex')}`;
  let database: Database | undefined;
  let created = false;
  let stopJob: (() => Promise<void>) | undefined;
  const cleanup = async () => {
    await stopJob?.().catch(() => {});
    await database?.close().catch(() => {});
    // BENCH_KEEP_SCHEMA=1 keeps the schema for profiling (drop it yourself afterwards).
    if (created && process.env.BENCH_KEEP_SCHEMA === '1') print(`kept schema ${schema}\n`);
    else if (created) await adminQuery(s.databaseUrl, `drop schema if exists ${schema} cascade`).catch((e: Error) => print(`could not drop schema ${schema}: ${e.message}\n`));
    created = false;
  };
  const onSignal = () => {
    print(`\ninterrupted: dropping schema ${schema}\n`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await adminQuery(s.databaseUrl, `create schema ${schema}`);
    created = true;
    const u = new URL(s.databaseUrl);
    u.searchParams.set('application_name', `concord-${schema}`);
    database = await openDatabase(u.toString(), { schema, maxConnections: s.writers + 4 });
    await migrateToLatest(database.db);
    const signer = createAuditSigner(generateKeyPairSync('ed25519').privateKey);
    const deps = buildDeps(loadConfig({ NODE_ENV: 'test' }), database, {
      keyring: createKeyring('bench', [{ id: 'bench', key: randomBytes(32) }]),
      login: { maxAttempts: 5, lockMinutes: 15 },
      auditSigner: signer,
    });
    const db = database.db;

    // A partnership, an agency and its staff (one of them the IG lead who asks for proofs).
    const partnershipId = randomUUID();
    const agencyId = randomUUID();
    await db
      .insertInto('partnership')
      .values({ id: partnershipId, slug: `bench-${schema.slice(-8)}`, name: 'Benchmark partnership', pack: 'national-baseline@2026.4' })
      .execute();
    await db.insertInto('agency').values({ partnership_id: partnershipId, id: agencyId, name: 'Benchmark agency', sector: 'local_authority', kind: 'statutory_partner' }).execute();
    const staff = Array.from({ length: 50 }, () => randomUUID());
    await db
      .insertInto('staff_user')
      .values(
        staff.map((id, i) => ({
          partnership_id: partnershipId,
          id,
          agency_id: agencyId,
          email: `bench${i}@${schema}.example`,
          display_name: `Bench ${i}`,
          roles: i === 0 ? ['ig_lead'] : ['practitioner'],
        })),
      )
      .execute();
    const ig: Actor = { userId: staff[0]!, partnershipId, agencyId, roles: ['ig_lead'], via: 'api', correlationId: randomUUID() };

    const pgVersion = (await sql<{ v: string; sc: string }>`select current_setting('server_version') as v, current_setting('synchronous_commit') as sc`.execute(db)).rows[0]!;
    print('Concord audit-log benchmark\n');
    print(`  node       ${process.version} (${process.platform} ${process.arch}), ${os.availableParallelism()} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}\n`);
    print(`  database   PostgreSQL ${pgVersion.v} (synchronous_commit=${pgVersion.sc}), schema ${schema}\n`);
    print(`  settings   ${fmt(s.leaves)} leaves; ${s.writers} writers, ${s.warmupSeconds} s warm-up + ${s.seconds} s per load phase; ${fmt(s.proofs)} proofs; ${s.verifyWorkers} verifier threads\n\n`);

    // Baseline: raw SHA-256 on this thread.
    const sha256PerSecond = sha256Throughput();

    // The big log.
    const buildStart = performance.now();
    await buildLog(database, partnershipId, staff, agencyId, s.leaves, print);
    const first = await checkpointOnce(deps);
    if (!first || first.treeSize !== s.leaves) throw new Error('could not sign the first checkpoint of the built log');
    const buildSeconds = (performance.now() - buildStart) / 1000;
    print(`  built and signed a log of ${fmt(s.leaves)} leaves in ${fmt(buildSeconds, 1)} s\n`);

    // Baseline: the same writers, the same row, a plain table, no job.
    await sql`
      create table bench_bare_event (
        id bigint generated always as identity primary key, partnership_id uuid not null, occurred_at timestamptz not null default now(),
        actor_user_id uuid, actor_agency_id uuid, action text not null, outcome text not null, subject_type text, subject_id text,
        child_id uuid, correlation_id text not null, via text not null, details jsonb not null default '{}')`.execute(db);
    const meter = cpuMeter(database, `concord-${schema}`);
    await meter.begin();
    const errors: unknown[] = [];
    const bareRow = (w: number, i: number, k: number) => ({
      partnership_id: partnershipId,
      actor_user_id: staff[w % staff.length]!,
      actor_agency_id: agencyId,
      action: 'child.viewed',
      outcome: 'ok',
      subject_type: 'child',
      child_id: staff[(w + i + k) % staff.length]!,
      correlation_id: `bare-${w}-${i}-${k}`,
      via: 'api',
      details: '{}',
    });
    /** Closed-loop writers for warm-up + the measured seconds: events per second in the measured part. */
    const measure = async (perTx: number, once: (w: number, i: number, measured: boolean) => Promise<void>) => {
      let measured = false;
      const writers = startWriters(
        s.writers,
        (w, i) => once(w, i, measured),
        (e) => errors.push(e),
      );
      await sleep(s.warmupSeconds * 1000);
      measured = true;
      const c0 = writers.count();
      const t0 = performance.now();
      await sleep(s.seconds * 1000);
      const perSecond = ((writers.count() - c0) * perTx) / ((performance.now() - t0) / 1000);
      measured = false;
      await writers.stop();
      return perSecond;
    };

    // Ingest: appendAudit, exactly as the use cases call it, with the sequencer job alongside.
    // Once with one event per transaction (what most requests do: bounded by how many commits the
    // server can make), once with ten in one statement (what a step recording several things, a
    // batch or an import does: the log's own capacity). Each beside the same writers inserting the
    // same rows the same way into a plain table, no job.
    const checkpoints: { size: number; at: number }[] = [];
    const ingest: IngestResult[] = [];
    for (const perTx of EVENTS_PER_TX) {
      print(`  running: bare insert, ${perTx} per transaction …`);
      const bare = await measure(perTx, async (w, i) => {
        await db.transaction().execute(async (trx) => {
          // One statement per transaction, as the audit side: perTx rows in it.
          await trx
            .withTables<BareTables>()
            .insertInto('bench_bare_event')
            .values(Array.from({ length: perTx }, (_, k) => bareRow(w, i, k)))
            .execute();
        });
      });
      print(` ${fmt(bare)} events/s\n`);
      const job = startAuditSequencer(deps, { onCheckpoint: (c) => checkpoints.push({ size: c.treeSize, at: performance.now() }), onError: (e) => errors.push(e) });
      stopJob = () => job.stop();
      const committedAt = new Map<string, number>();
      print(`  running: audit ingest, ${perTx} per transaction, sequencer on …`);
      const perSecond = await measure(perTx, async (w, i, measured) => {
        const correlationId = `ingest${perTx}-${w}-${i}`;
        await db.transaction().execute(async (trx) => {
          const actor = { partnershipId, userId: staff[w % staff.length]!, agencyId, via: 'api' as const, correlationId };
          const entry = (k: number) => ({ action: 'child.viewed', subjectType: 'child', subjectId: staff[(i + k) % staff.length]!, childId: staff[(w + i + k) % staff.length]! });
          if (perTx === 1) await appendAudit(trx, actor, entry(0));
          else
            await appendAuditEvents(
              trx,
              actor,
              Array.from({ length: perTx }, (_, k) => entry(k)),
            );
        });
        if (measured) committedAt.set(correlationId, performance.now());
      });
      print(` ${fmt(perSecond)} events/s\n`);
      // Let the job cover everything, then stop it.
      const deadline = performance.now() + 60_000;
      for (;;) {
        const total = Number((await sql<{ n: string }>`select count(*)::text as n from audit_event`.execute(db)).rows[0]!.n);
        if ((checkpoints.at(-1)?.size ?? 0) >= total || performance.now() > deadline) break;
        await sleep(100);
      }
      await job.stop();
      stopJob = undefined;
      const sequenced = await sql<{ c: string; i: string }>`
        select e.correlation_id as c, max(l.leaf_index)::text as i from audit_event e join audit_leaf l on l.event_partnership_id = e.partnership_id and l.event_id = e.id
         where e.correlation_id like ${`ingest${perTx}-%`} group by e.correlation_id`.execute(db);
      const latencies: number[] = [];
      for (const row of sequenced.rows) {
        const at = committedAt.get(row.c);
        if (at === undefined) continue;
        const index = Number(row.i);
        const cp = checkpoints.find((c) => c.size > index);
        if (cp) latencies.push(Math.max(0, cp.at - at));
      }
      ingest.push({ perTx, perSecond, bare, latency: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: percentile(latencies, 100), events: latencies.length * perTx } });
    }

    // Full re-verification by the independent verifier.
    print('  running: full re-verification …');
    const leavesNow = Number((await sql<{ n: string }>`select count(*)::text as n from audit_leaf`.execute(db)).rows[0]!.n);
    const vStart = performance.now();
    const report = await verifyDatabase(database, { keys: [V.trustKey(signer.publicKeyPem)], workers: s.verifyWorkers });
    const vSeconds = (performance.now() - vStart) / 1000;
    const verify = {
      leaves: report.leaves,
      seconds: vSeconds,
      leavesPerSecond: report.leaves / vSeconds,
      ok: report.ok && report.leaves === leavesNow,
      ...(report.first ? { first: report.first.message } : {}),
    };
    print(` ${fmt(verify.leavesPerSecond)} leaves/s${verify.ok ? '' : ' — DID NOT VERIFY'}\n`);

    // Inclusion proofs as the API serves them, at random leaves of the big log.
    print('  running: inclusion proofs …');
    const picks = Array.from({ length: s.proofs }, () => Math.floor(Math.random() * s.leaves));
    const ids = await sql<{ i: string; id: string }>`select leaf_index::text as i, event_id::text as id from audit_leaf where leaf_index = any(${picks.map(String)}::bigint[])`.execute(db);
    const eventIds = ids.rows.map((r) => r.id);
    const timed: number[] = [];
    const raw: number[] = [];
    const base: number[] = [];
    let checked = 0;
    let failed = 0;
    const keys = [V.trustKey(signer.publicKeyPem)];
    for (const [n, eventId] of eventIds.entries()) {
      let t = performance.now();
      await db.selectFrom('audit_leaf').select(['leaf_index', 'leaf_hash']).where('event_partnership_id', '=', partnershipId).where('event_id', '=', eventId).executeTakeFirstOrThrow();
      base.push(performance.now() - t);
      t = performance.now();
      const r = await proveAuditInclusion(deps, { ...ig, correlationId: `proof-${n}` }, { eventId });
      timed.push(performance.now() - t);
      t = performance.now();
      const rr = await inclusionProof(db, { partnershipId, eventId });
      raw.push(performance.now() - t);
      if (r.kind !== 'ok' || rr.kind !== 'ok') {
        failed++;
        continue;
      }
      if (n < 200) {
        checked++;
        if (checkInclusion(r.value, keys).length) failed++;
      }
    }
    const proof = {
      p50: percentile(timed, 50),
      p99: percentile(timed, 99),
      rawP50: percentile(raw, 50),
      rawP99: percentile(raw, 99),
      baseP50: percentile(base, 50),
      baseP99: percentile(base, 99),
      checked,
      failed,
    };
    print(` p99 ${fmt(proof.p99, 2)} ms\n\n`);

    const busy = await meter.end();
    const T = AUDIT_TARGETS;
    const pass = (b: boolean) => (b ? 'PASS' : 'MISS');
    const rows: string[][] = [['measure', 'result', 'baseline (same run)', 'ratio', 'target']];
    for (const r of ingest) {
      rows.push([
        `audit ingest, events/s, ${r.perTx} per transaction, job on`,
        fmt(r.perSecond),
        `bare insert ${fmt(r.bare)}/s`,
        `${fmt(r.perSecond / r.bare, 2)}×`,
        `≥ ${fmt(T.ingestPerSecond)} ${pass(r.perSecond >= T.ingestPerSecond)}`,
      ]);
      rows.push([
        `  commit → signed checkpoint, ms p50 / p99 (${fmt(r.latency.events)} events)`,
        `${fmt(r.latency.p50)} / ${fmt(r.latency.p99)}`,
        '',
        '',
        `p99 ≤ ${fmt(T.checkpointP99Ms)} ${pass(r.latency.p99 <= T.checkpointP99Ms)}`,
      ]);
    }
    rows.push(
      [
        `full re-verification, leaves/s (${fmt(verify.leaves)} leaves, ${fmt(vSeconds, 1)} s)`,
        fmt(verify.leavesPerSecond),
        `SHA-256 ${fmt(sha256PerSecond)}/s (1 thread)`,
        `${fmt(verify.leavesPerSecond / sha256PerSecond, 2)}×`,
        `≥ ${fmt(T.verifyLeavesPerSecond)} ${pass(verify.leavesPerSecond >= T.verifyLeavesPerSecond)}`,
      ],
      [
        `inclusion proof via the API use case (audited: its read commits an audit row), ms p50 / p99`,
        `${fmt(proof.p50, 2)} / ${fmt(proof.p99, 2)}`,
        `PK lookup ${fmt(proof.baseP50, 2)} / ${fmt(proof.baseP99, 2)}`,
        `${fmt(proof.p99 / proof.baseP99, 1)}×`,
        `p99 ≤ ${T.proofP99Ms} ${pass(proof.p99 <= T.proofP99Ms)}`,
      ],
      [
        'inclusion proof, computed only (as the CLI does), ms p50 / p99',
        `${fmt(proof.rawP50, 2)} / ${fmt(proof.rawP99, 2)}`,
        `PK lookup ${fmt(proof.baseP50, 2)} / ${fmt(proof.baseP99, 2)}`,
        `${fmt(proof.rawP99 / proof.baseP99, 1)}×`,
        `p99 ≤ ${T.proofP99Ms} ${pass(proof.rawP99 <= T.proofP99Ms)}`,
      ],
    );
    print(`${table(rows)}\n\n`);
    print(`  ${fmt(checkpoints.length)} checkpoints signed during the ingest runs; ${proof.checked} proofs checked by the independent verifier, ${proof.failed} failed.\n`);
    print(`  verification: ${verify.ok ? 'the whole log verified' : `FAILED — ${verify.first ?? 'leaf count changed'}`}.\n`);
    print(
      `  CPU while measuring: ${fmt(busy.machine, 2)} of ${os.availableParallelism()} cores busy — this process ${fmt(busy.own, 2)}, its PostgreSQL backends ${Number.isNaN(busy.pg) ? '-' : fmt(busy.pg, 2)}, other processes ${fmt(busy.other, 2)}.\n`,
    );
    if (busy.other >= 0.25) print(`  NOTE: other processes kept ${fmt(busy.other, 2)} of ${os.availableParallelism()} cores busy on average: figures are pessimistic; re-run on a quiet machine.\n`);
    if (errors.length) print(`  ERRORS: ${errors.length}; first: ${errors[0] instanceof Error ? errors[0].message : String(errors[0])}\n`);
    const ok = verify.ok && errors.length === 0 && proof.failed === 0;
    return { settings: s, buildSeconds, sha256PerSecond, ingest, checkpointsSigned: checkpoints.length, verify, proof, ok };
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runAuditLogBench().then(
    (r) => {
      process.exitCode = r.ok ? 0 : 1;
    },
    (e: unknown) => {
      console.error(`\naudit-log benchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exitCode = 2;
    },
  );
}
