// `npm run bench:subject-access`: assembling a subject access response for a child with
// BENCH_SAR_EVENTS records (issue 14: 5,000 events, p95 ≤ 2 s) on PostgreSQL. Records the events
// through the use case, logs a verified access request as the council's IG lead, then times the
// audited assembly (`viewRightsRequest`: every decision, request and disclosure the agency holds
// about the child read, unsealed and listed by source, with its audit event) beside a baseline
// measured in the same run — the plain read of the same rows, still sealed. Prints p50, p95 and the
// ratio. A report, not a test: it exits 0 whatever the figure. Runs in a private schema.
import { randomUUID } from 'node:crypto';
import { subjectAccessRows } from '../src/db/queries/rights.ts';
import { loadDemoPartnership } from '../src/demo.ts';
import type { Actor } from '../src/domain/staff.ts';
import { recordDecision } from '../src/use-cases/decisions/record-decision.ts';
import { DEMO_PASSWORD, demoPartnership } from '../src/use-cases/partnerships/_demo-data.ts';
import { logRightsRequest } from '../src/use-cases/rights/log-rights-request.ts';
import { viewRightsRequest } from '../src/use-cases/rights/view-rights-request.ts';
import { fmt, inBenchSchema, openBenchDeps, redact, setting, shareAnswers } from './harness.ts';

const DATABASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const EVENTS = Math.floor(setting('BENCH_SAR_EVENTS', 5_000, 10, 100_000));
const RUNS = Math.floor(setting('BENCH_SAR_RUNS', 20, 3, 1_000));
const TARGET_P95_MS = 2_000;
const CONCURRENCY = 8;

const p = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

await inBenchSchema(DATABASE_URL, async (s) => {
  const { database, deps } = await openBenchDeps(DATABASE_URL, s.schema, s.appName, 10);
  s.onCleanup(() => database.close());
  console.log(`Subject access benchmark on ${redact(DATABASE_URL)} (schema ${s.schema}): one child with ${EVENTS} events, ${RUNS} runs`);
  const { partnershipId } = await loadDemoPartnership(deps, demoPartnership, DEMO_PASSWORD);
  const staff = await deps.db.selectFrom('staff_user').select(['id', 'agency_id', 'email']).where('partnership_id', '=', partnershipId).execute();
  const sam = staff.find((x) => x.email === 'sam.social@council.example')!;
  const ivy = staff.find((x) => x.email === 'ivy.governance@council.example')!;
  const police = await deps.db.selectFrom('agency').select('id').where('partnership_id', '=', partnershipId).where('name', '=', 'Northbridge Police').executeTakeFirstOrThrow();
  const child = await deps.db.selectFrom('child').select('id').where('partnership_id', '=', partnershipId).where('given_name', '=', 'Ben').executeTakeFirstOrThrow();
  const practitioner: Actor = { userId: sam.id, partnershipId, agencyId: sam.agency_id, roles: ['practitioner'], via: 'cli', correlationId: randomUUID() };
  const igLead: Actor = { userId: ivy.id, partnershipId, agencyId: ivy.agency_id, roles: ['ig_lead'], via: 'cli', correlationId: randomUUID() };

  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < EVENTS) {
        next++;
        const r = await recordDecision(deps, practitioner, child.id, {
          answers: shareAnswers,
          record: { action: 'shared', recipientAgencyId: police.id, purposeDetail: 'Strategy discussion', informationShared: 'Visit dates and concerns', reasons: 'Asking would increase risk' },
        });
        if (r.kind !== 'ok') throw new Error(`could not record a decision: ${JSON.stringify(r)}`);
      }
    }),
  );
  console.log(`recorded ${EVENTS} decisions about the child in ${fmt((performance.now() - t0) / 1000)} s (setup)`);
  const logged = await logRightsRequest(deps, igLead, {
    kind: 'access',
    requesterKind: 'child',
    childId: child.id,
    receivedAt: deps.now().toISOString(),
    summary: 'Everything about me',
    identityVerified: true,
  });
  if (logged.kind !== 'ok') throw new Error(`could not log the request: ${JSON.stringify(logged)}`);

  const baseline: number[] = [];
  const assembly: number[] = [];
  // CPU time of this thread (the use case's own work: unsealing, listing, the driver), which a busy
  // machine inflates far less than elapsed time.
  const baselineCpu: number[] = [];
  const assemblyCpu: number[] = [];
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const u = process.threadCpuUsage(since);
    return (u.user + u.system) / 1000;
  };
  let entries = 0;
  for (let i = 0; i < RUNS; i++) {
    const b = performance.now();
    const bc = process.threadCpuUsage();
    const rows = await subjectAccessRows(deps.db, partnershipId, ivy.agency_id, child.id);
    baselineCpu.push(cpuMs(bc));
    baseline.push(performance.now() - b);
    if (rows.decisions.length < EVENTS) throw new Error('the baseline read fewer rows than were recorded');
    const a = performance.now();
    const ac = process.threadCpuUsage();
    const v = await viewRightsRequest(deps, igLead, logged.value.requestId);
    assemblyCpu.push(cpuMs(ac));
    assembly.push(performance.now() - a);
    if (v.kind !== 'ok') throw new Error('could not assemble the response');
    entries = v.value.access!.entries.length;
  }
  baseline.sort((x, y) => x - y);
  assembly.sort((x, y) => x - y);
  const [b50, b95, a50, a95] = [p(baseline, 0.5), p(baseline, 0.95), p(assembly, 0.5), p(assembly, 0.95)];
  console.log(`entries assembled: ${entries}`);
  console.log(`baseline (plain read of the same rows, sealed): p50 ${fmt(b50, 0)} ms, p95 ${fmt(b95, 0)} ms`);
  console.log(`subject access assembly (read, unseal, list by source, audited): p50 ${fmt(a50, 0)} ms, p95 ${fmt(a95, 0)} ms`);
  console.log(`ratio to the baseline: p50 ${fmt(a50 / b50, 1)}×, p95 ${fmt(a95 / b95, 1)}×`);
  baselineCpu.sort((x, y) => x - y);
  assemblyCpu.sort((x, y) => x - y);
  console.log(`Node.js CPU per call, p50: baseline ${fmt(p(baselineCpu, 0.5), 0)} ms, assembly ${fmt(p(assemblyCpu, 0.5), 0)} ms (${fmt(p(assemblyCpu, 0.5) / p(baselineCpu, 0.5), 1)}×)`);
  console.log(`target p95 ≤ ${TARGET_P95_MS} ms: ${a95 <= TARGET_P95_MS ? 'PASS' : 'MISS'}`);
});
