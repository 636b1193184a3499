// The e-mail job on pg-boss: scheduled every minute, and run shortly after start-up, delivering the
// outbox through the configured notifier.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { FIRST_DELIVERY_AFTER_SECONDS, type Jobs, QUEUES, startJobs } from '../../src/jobs/index.ts';
import type { Notifier } from '../../src/use-cases/kernel/notifier.ts';
import { notify } from '../../src/use-cases/kernel/notify.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { makeWorld } from '../support/factories.ts';

let t: TestDb;
let jobs: Jobs;
const delivered: string[] = [];
const schema = `boss_${randomBytes(4).toString('hex')}`;

before(async () => {
  t = await openTestDb();
  // Written before the job runner starts, as if Concord had been stopped.
  const w = await makeWorld(t.deps);
  await t.deps.db.transaction().execute((trx) => notify(trx, t.deps.now(), w.partnershipId, 'request.received', '/requests/1', { userIds: [w.council.id, w.school.id] }));
  const recording: Notifier = {
    name: 'recording',
    deliver: async (e) => {
      delivered.push(e.to);
      return { provider: 'recording', reference: `ref-${e.id}`, sent: true };
    },
  };
  jobs = await startJobs({ ...t.deps, notifier: recording }, t.database, { schema });
});
after(async () => {
  await jobs.stop();
  await sql.raw(`drop schema if exists ${schema} cascade`).execute(t.deps.db);
  await t.close();
});

describe('the e-mail job on pg-boss', () => {
  it('delivers the outbox shortly after start-up, through the configured notifier, and is scheduled every minute', { timeout: 60_000 }, async () => {
    const deadline = Date.now() + (FIRST_DELIVERY_AFTER_SECONDS + 25) * 1000;
    let sent = 0;
    while (Date.now() < deadline) {
      sent = (await t.deps.db.selectFrom('email_outbox').select('id').where('status', '=', 'sent').execute()).length;
      if (sent === 2) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(sent, 2, 'both e-mails were delivered by the job');
    assert.equal(delivered.length, 2);
    const schedules = await jobs.boss.getSchedules();
    const schedule = schedules.find((s: { name: string }) => s.name === QUEUES.deliverEmails) as { cron: string; timezone?: string } | undefined;
    assert.equal(schedule?.cron, '* * * * *');
  });
});
