// The request escalation and disclosure expiry jobs run through the real pg-boss queue.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type Jobs, QUEUES, startJobs } from '../../src/jobs/index.ts';
import { addChild } from '../../src/use-cases/children/add-child.ts';
import { makeRequest } from '../../src/use-cases/requests/make-request.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { childInput, makeAgency, makeStaff, makeWorld } from '../support/factories.ts';

let t: TestDb;
let jobs: Jobs;
const schema = `boss_${randomBytes(4).toString('hex')}`;
before(async () => {
  t = await openTestDb();
  jobs = await startJobs(t.deps, t.database, { schema });
});
after(async () => {
  await jobs.stop();
  await sql.raw(`drop schema if exists ${schema} cascade`).execute(t.deps.db);
  await t.close();
});

async function until(check: () => Promise<boolean>) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe('request and disclosure jobs on pg-boss', () => {
  it('escalates an overdue request to the receiving SPoC, and schedules both jobs', async () => {
    const w = await makeWorld(t.deps);
    const policeId = await makeAgency(t.deps, w.partnershipId, 'Police', 'police');
    const spoc = await makeStaff(t.deps, w.partnershipId, policeId, ['spoc']);
    const child = await addChild(t.deps, w.council.actor, childInput({ nhsNumber: null }));
    assert.equal(child.kind, 'ok');
    if (child.kind !== 'ok') return;
    t.clock.now = new Date('2026-11-20T10:00:00Z');
    const made = await makeRequest(t.deps, w.council.actor, child.value.childId, {
      toAgencyId: policeId,
      purpose: 'child_protection',
      lawfulBasis: 'children_act_1989_s47',
      urgency: 'immediate',
      informationNeeded: 'Call-outs',
      reason: 'Strategy discussion',
      consent: 'given',
    });
    assert.equal(made.kind, 'ok');
    if (made.kind !== 'ok') return;
    t.clock.now = new Date('2026-11-20T15:00:00Z');
    await jobs.boss.send(QUEUES.escalateRequests, {});
    const escalated = await until(async () => {
      const r = await t.deps.db.selectFrom('info_request').select('escalation_level').where('id', '=', made.value.requestId).executeTakeFirstOrThrow();
      return r.escalation_level === 1;
    });
    assert.ok(escalated, 'the worker escalated the overdue request');
    const overdue = await t.deps.db.selectFrom('notification').select('user_id').where('kind', '=', 'request.overdue').execute();
    assert.deepEqual(
      overdue.map((n) => n.user_id),
      [spoc.id],
    );
    const names = (await jobs.boss.getSchedules()).map((s: { name: string }) => s.name);
    assert.ok(names.includes(QUEUES.escalateRequests) && names.includes(QUEUES.expireDisclosures));
  });
});
