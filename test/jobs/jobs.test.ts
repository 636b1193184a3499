import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type Jobs, QUEUES, startJobs } from '../../src/jobs/index.ts';
import { saveWebSession } from '../../src/use-cases/accounts/web-sessions.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

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

describe('jobs on pg-boss', () => {
  it('purges expired sessions through the real queue, and schedules it', async () => {
    await saveWebSession(t.deps, 'expired-one', { data: {}, expiresAt: new Date(t.clock.now.getTime() - 1000) });
    await saveWebSession(t.deps, 'live-one', { data: {}, expiresAt: new Date(t.clock.now.getTime() + 60_000) });
    await jobs.boss.send(QUEUES.purgeSessions, {});
    const deadline = Date.now() + 20_000;
    let left = 2;
    while (Date.now() < deadline) {
      left = (await t.deps.db.selectFrom('web_session').select('id').execute()).length;
      if (left === 1) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(left, 1, 'the expired session was purged by the worker');
    const schedules = await jobs.boss.getSchedules();
    assert.ok(schedules.some((s: { name: string }) => s.name === QUEUES.purgeSessions));
  });
});
