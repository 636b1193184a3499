// `npm run bench:disposal`: how fast approved records are disposed of (crypto-shredded, tombstoned,
// their audit events' details shredded, certified and audited, one transaction per batch) on
// PostgreSQL, and what that does to the audited read running beside it (issue 14 part 5:
// 1,000,000 due records at ≥ 10,000 records/s, the audited read's throughput during the run no
// lower than half its idle figure).
//
// Setup: BENCH_DISPOSAL_RECORDED decisions are recorded through the use case; the rest, up to
// BENCH_DISPOSAL_RECORDS, are copies of the first one made in SQL (each with its own id and its own
// `decision.recorded` audit event, the copy's sealed narrative being the original's ciphertext —
// disposal replaces it without opening it). The audit log is sequenced, so every event has the
// salt that disposal deletes, as in a running system. The clock moves past Ben's 25th birthday,
// the retention job lists what is due, and the decisions are approved.
//
// Measured, each beside a baseline from the same run:
// - `disposeApproved` in batches of BENCH_DISPOSAL_BATCH, in records/s, against the same number of
//   rows of a bench-only table updated in batches of the same size, one transaction each (the floor
//   for touching each row once);
// - the audited read (`viewChild` of a synthetic child, as a practitioner) by four callers in a
//   closed loop, idle for BENCH_DISPOSAL_READ_SECONDS and then throughout the disposal run.
// A report, not a test: it exits 0 whatever the figures. Runs in a private schema, dropped afterwards.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { loadDemoPartnership } from '../src/demo.ts';
import type { Actor } from '../src/domain/staff.ts';
import { sequenceOnce } from '../src/use-cases/audit/sequence-audit-log.ts';
import { viewChild } from '../src/use-cases/children/view-child.ts';
import { recordDecision } from '../src/use-cases/decisions/record-decision.ts';
import type { Deps } from '../src/use-cases/kernel/deps.ts';
import { DEMO_PASSWORD, demoPartnership } from '../src/use-cases/partnerships/_demo-data.ts';
import { DEFAULT_BATCH, disposeApproved } from '../src/use-cases/retention/dispose-approved.ts';
import { findRecordsDue } from '../src/use-cases/retention/find-records-due.ts';
import { addSyntheticChildren, fmt, inBenchSchema, openBenchDeps, redact, setting, shareAnswers } from './harness.ts';

const DATABASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const RECORDS = Math.floor(setting('BENCH_DISPOSAL_RECORDS', 1_000_000, 100, 2_000_000));
const RECORDED = Math.min(RECORDS, Math.floor(setting('BENCH_DISPOSAL_RECORDED', 1_000, 1, 100_000)));
const BATCH = Math.floor(setting('BENCH_DISPOSAL_BATCH', DEFAULT_BATCH, 1, 50_000));
const READ_SECONDS = setting('BENCH_DISPOSAL_READ_SECONDS', 10, 1, 120);
const TARGET_RATE = 10_000;
const CONCURRENCY = 8;
const READERS = 4;
const COPY_CHUNK = 50_000;

const seconds = (since: number) => (performance.now() - since) / 1000;

await inBenchSchema(DATABASE_URL, async (s) => {
  const { database, deps } = await openBenchDeps(DATABASE_URL, s.schema, s.appName, 12);
  s.onCleanup(() => database.close());
  console.log(`Disposal benchmark on ${redact(DATABASE_URL)} (schema ${s.schema}): ${RECORDS} decisions (${RECORDED} through the use case), batches of ${BATCH}`);
  const { partnershipId } = await loadDemoPartnership(deps, demoPartnership, DEMO_PASSWORD);
  const staff = await deps.db.selectFrom('staff_user').select(['id', 'agency_id', 'email', 'roles']).where('partnership_id', '=', partnershipId).execute();
  const sam = staff.find((x) => x.email === 'sam.social@council.example')!;
  const ivy = staff.find((x) => x.email === 'ivy.governance@council.example')!;
  const police = await deps.db.selectFrom('agency').select('id').where('partnership_id', '=', partnershipId).where('name', '=', 'Northbridge Police').executeTakeFirstOrThrow();
  const child = await deps.db.selectFrom('child').select('id').where('partnership_id', '=', partnershipId).where('given_name', '=', 'Ben').executeTakeFirstOrThrow();
  const actor: Actor = { userId: sam.id, partnershipId, agencyId: sam.agency_id, roles: ['practitioner'], via: 'cli', correlationId: randomUUID() };
  // Children for the audited read: their records are not the ones being disposed of.
  const readable = await addSyntheticChildren(database, partnershipId, sam.agency_id, police.id, sam.id, 200);

  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < RECORDED) {
        next++;
        const r = await recordDecision(deps, actor, child.id, {
          answers: shareAnswers,
          record: { action: 'shared', recipientAgencyId: police.id, purposeDetail: 'Strategy discussion', informationShared: 'Visit dates and concerns', reasons: 'Asking would increase risk' },
        });
        if (r.kind !== 'ok') throw new Error(`could not record a decision: ${JSON.stringify(r)}`);
      }
    }),
  );
  console.log(`recorded ${RECORDED} decisions through the use case in ${fmt(seconds(t0))} s (setup)`);

  const t1 = performance.now();
  const template = await deps.db
    .selectFrom('decision')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('child_id', '=', child.id)
    .where('decided_by', '=', sam.id)
    .orderBy('decided_at')
    .limit(1)
    .executeTakeFirstOrThrow();
  const columns = (
    await sql<{ name: string }>`select column_name as name from information_schema.columns
      where table_schema = current_schema() and table_name = 'decision' and column_name <> 'id' and is_generated = 'NEVER' order by ordinal_position`.execute(deps.db)
  ).rows.map((c) => sql.ref(c.name));
  for (let copied = 0; copied < RECORDS - RECORDED; copied += COPY_CHUNK) {
    const n = Math.min(COPY_CHUNK, RECORDS - RECORDED - copied);
    await sql`
      with t as (select * from decision where partnership_id = ${partnershipId} and id = ${template.id}),
      copies as (
        insert into decision (id, ${sql.join(columns)})
        select gen_random_uuid(), ${sql.join(columns.map((c) => sql`t.${c}`))} from t, generate_series(1, ${n}::int)
        returning id
      )
      insert into audit_event (partnership_id, occurred_at, actor_user_id, actor_agency_id, action, outcome, subject_type, subject_id, child_id, correlation_id, via, details)
      select e.partnership_id, e.occurred_at, e.actor_user_id, e.actor_agency_id, e.action, e.outcome, e.subject_type, copies.id::text, e.child_id, e.correlation_id, e.via, e.details
        from copies, (select * from audit_event where partnership_id = ${partnershipId} and subject_id = ${template.id} and action = 'decision.recorded') e`.execute(deps.db);
  }
  console.log(`copied ${RECORDS - RECORDED} more decisions and their audit events in SQL in ${fmt(seconds(t1))} s (setup)`);

  const t2 = performance.now();
  // The sequencer takes events behind the oldest running transaction of the whole server: wait
  // (up to two minutes) for other sessions' transactions to let it through.
  let sequenced = 0;
  for (;;) {
    sequenced += (await sequenceOnce(deps, { batchSize: 10_000 })).appended;
    const left = await sql<{
      n: string;
    }>`select count(*) as n from audit_event e where not exists (select 1 from audit_leaf l where l.event_partnership_id = e.partnership_id and l.event_id = e.id)`.execute(deps.db);
    if (Number(left.rows[0]!.n) === 0) break;
    if (seconds(t2) > 120) {
      console.log(`WARNING: ${left.rows[0]!.n} audit events were still not sequenced after two minutes (a long transaction elsewhere on the server holds the log's watermark back)`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.log(`sequenced ${sequenced} audit events into the tamper-evident log in ${fmt(seconds(t2))} s (setup)`);
  await sql`vacuum analyze`.execute(deps.db);

  // Past Ben's 25th birthday: every decision is due (and the details of audit events over six years old).
  const later: Deps = { ...deps, now: () => new Date('2060-01-01T00:00:00Z') };
  const t3 = performance.now();
  const due = await findRecordsDue(later, { limitPerKind: 2 * RECORDS + 100_000 });
  console.log(`retention job listed ${due.found.decision} decisions and ${due.found.audit_details} audit events' details in ${fmt(seconds(t3))} s`);
  const t4 = performance.now();
  await deps.db
    .updateTable('disposal_review')
    .set({ status: 'approved', decided_by: ivy.id, decided_at: new Date() })
    .where('partnership_id', '=', partnershipId)
    .where('kind', '=', 'decision')
    .execute();
  await sql`vacuum analyze`.execute(deps.db);
  console.log(`approved them in ${fmt(seconds(t4))} s (setup)`);

  // Baseline: the same number of rows, each updated once, in batches of the same size, one transaction each.
  await sql`create table bench_plain (id bigint primary key, sealed jsonb not null, disposed_at timestamptz)`.execute(deps.db);
  const sealedSample = await deps.db.selectFrom('decision').select('sealed').where('partnership_id', '=', partnershipId).where('id', '=', template.id).executeTakeFirstOrThrow();
  await sql`insert into bench_plain (id, sealed) select g, ${JSON.stringify(sealedSample.sealed)}::jsonb from generate_series(1, ${RECORDS}::int) g`.execute(deps.db);
  await sql`vacuum analyze bench_plain`.execute(deps.db);
  const t5 = performance.now();
  for (let from = 1; from <= RECORDS; from += BATCH) {
    await deps.db.transaction().execute(async (trx) => {
      await sql`update bench_plain set sealed = '{}'::jsonb, disposed_at = now() where id between ${from} and ${from + BATCH - 1}`.execute(trx);
    });
  }
  const baseSeconds = seconds(t5);
  const baseRate = RECORDS / baseSeconds;

  // The audited read, idle and then throughout the disposal run.
  const reader: Actor = { ...actor, correlationId: randomUUID() };
  let reading = true;
  let reads = 0;
  const readLoop = async () => {
    while (reading) {
      const r = await viewChild(deps, reader, readable[reads % readable.length]!);
      if (r.kind !== 'ok') throw new Error(`the audited read failed: ${r.kind}`);
      reads++;
    }
  };
  const measureReads = async <T>(during: () => Promise<T>): Promise<{ value: T; rate: number; seconds: number }> => {
    reading = true;
    reads = 0;
    const start = performance.now();
    const loops = Array.from({ length: READERS }, readLoop);
    const value = await during();
    const elapsed = seconds(start);
    const done = reads;
    reading = false;
    await Promise.all(loops);
    return { value, rate: done / elapsed, seconds: elapsed };
  };
  const idle = await measureReads(() => new Promise<void>((resolve) => setTimeout(resolve, READ_SECONDS * 1000)));
  const run = await measureReads(() => disposeApproved(later, { batchSize: BATCH }));
  const rate = run.value.disposed / run.seconds;
  console.log(`disposed of ${run.value.disposed} records in ${run.value.batches} batches, ${run.value.certificates.length} certificates, in ${fmt(run.seconds, 2)} s`);
  console.log(`baseline (the same number of rows of a plain table updated in the same batches): ${fmt(baseRate, 0)} rows/s (${fmt(baseSeconds, 2)} s)`);
  console.log(`disposal: ${fmt(rate, 0)} records/s, ${fmt(rate / baseRate, 2)}× the baseline; target ≥ ${TARGET_RATE} records/s: ${rate >= TARGET_RATE ? 'PASS' : 'MISS'}`);
  console.log(
    `audited read (viewChild, ${READERS} callers): idle ${fmt(idle.rate, 0)} reads/s, during disposal ${fmt(run.rate, 0)} reads/s (${fmt(run.rate / idle.rate, 2)}× idle); target ≥ 0.5× idle: ${run.rate >= idle.rate / 2 ? 'PASS' : 'MISS'}`,
  );
  const left = await deps.db
    .selectFrom('disposal_review')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('partnership_id', '=', partnershipId)
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  if (Number(left.n) !== 0) console.log(`WARNING: ${left.n} approved records were not disposed of`);
});
