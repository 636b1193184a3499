// `npm run bench:disposal`: how fast approved records are disposed of (crypto-shredded, tombstoned,
// certified, one transaction per batch) on PostgreSQL. Records BENCH_DISPOSAL_RECORDS decisions
// through the use case, moves the clock past their retention, lists them with the retention job,
// approves them all, then times `disposeApproved` and prints records per second. A report, not a
// test: it exits 0 whatever the figure. Runs in a private schema, dropped afterwards.
import { randomUUID } from 'node:crypto';
import { loadDemoPartnership } from '../src/demo.ts';
import type { Actor } from '../src/domain/staff.ts';
import { recordDecision } from '../src/use-cases/decisions/record-decision.ts';
import type { Deps } from '../src/use-cases/kernel/deps.ts';
import { DEMO_PASSWORD, demoPartnership } from '../src/use-cases/partnerships/_demo-data.ts';
import { disposeApproved } from '../src/use-cases/retention/dispose-approved.ts';
import { findRecordsDue } from '../src/use-cases/retention/find-records-due.ts';
import { fmt, inBenchSchema, openBenchDeps, redact, setting, shareAnswers } from './harness.ts';

const DATABASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const RECORDS = Math.floor(setting('BENCH_DISPOSAL_RECORDS', 5_000, 100, 1_000_000));
const BATCH = Math.floor(setting('BENCH_DISPOSAL_BATCH', 1_000, 1, 50_000));
const CONCURRENCY = 8;

await inBenchSchema(DATABASE_URL, async (s) => {
  const { database, deps } = await openBenchDeps(DATABASE_URL, s.schema, s.appName, 10);
  s.onCleanup(() => database.close());
  console.log(`Disposal benchmark on ${redact(DATABASE_URL)} (schema ${s.schema}): ${RECORDS} decisions, batches of ${BATCH}`);
  const { partnershipId } = await loadDemoPartnership(deps, demoPartnership, DEMO_PASSWORD);
  const staff = await deps.db.selectFrom('staff_user').select(['id', 'agency_id', 'email', 'roles']).where('partnership_id', '=', partnershipId).execute();
  const sam = staff.find((x) => x.email === 'sam.social@council.example')!;
  const ivy = staff.find((x) => x.email === 'ivy.governance@council.example')!;
  const police = await deps.db.selectFrom('agency').select('id').where('partnership_id', '=', partnershipId).where('name', '=', 'Northbridge Police').executeTakeFirstOrThrow();
  const child = await deps.db.selectFrom('child').select('id').where('partnership_id', '=', partnershipId).where('given_name', '=', 'Ben').executeTakeFirstOrThrow();
  const actor: Actor = { userId: sam.id, partnershipId, agencyId: sam.agency_id, roles: ['practitioner'], via: 'cli', correlationId: randomUUID() };

  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < RECORDS) {
        next++;
        const r = await recordDecision(deps, actor, child.id, {
          answers: shareAnswers,
          record: { action: 'shared', recipientAgencyId: police.id, purposeDetail: 'Strategy discussion', informationShared: 'Visit dates and concerns', reasons: 'Asking would increase risk' },
        });
        if (r.kind !== 'ok') throw new Error(`could not record a decision: ${JSON.stringify(r)}`);
      }
    }),
  );
  console.log(`recorded ${RECORDS} decisions in ${fmt((performance.now() - t0) / 1000)} s (setup)`);

  // Past Ben's 25th birthday: every decision is due.
  const later: Deps = { ...deps, now: () => new Date('2060-01-01T00:00:00Z') };
  const t1 = performance.now();
  const due = await findRecordsDue(later);
  console.log(`retention job listed ${due.found.decision} decisions in ${fmt((performance.now() - t1) / 1000, 2)} s`);
  await deps.db
    .updateTable('disposal_review')
    .set({ status: 'approved', decided_by: ivy.id, decided_at: new Date() })
    .where('partnership_id', '=', partnershipId)
    .where('kind', '=', 'decision')
    .execute();

  const t2 = performance.now();
  const run = await disposeApproved(later, { batchSize: BATCH });
  const seconds = (performance.now() - t2) / 1000;
  console.log(`disposed of ${run.disposed} records in ${run.batches} batches, ${run.certificates.length} certificates, in ${fmt(seconds, 2)} s: ${fmt(run.disposed / seconds, 0)} records/s`);
});
