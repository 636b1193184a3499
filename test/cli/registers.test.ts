// `concord disputes deadlines`, `concord complaints reminders` and `concord register trend` on the
// test database: the jobs on demand, the trend with and without the small-number rule, and a clear
// error with exit code 2 for an unknown partnership or bad option.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { registerRegisterCommands } from '../../src/cli/registers.ts';
import { raiseDispute } from '../../src/use-cases/disputes/raise-dispute.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { auditOf } from '../support/factories.ts';
import { must, sharingPartnership } from '../support/sharing.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

async function concord(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command('concord').exitOverride();
  registerRegisterCommands(program, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) }, async () => ({ deps: t.deps, close: async () => {} }));
  process.exitCode = 0;
  await program.parseAsync(['node', 'concord', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out: out.join(''), err: err.join('') };
}

describe(`concord disputes|complaints|register (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('runs the deadline jobs and reports the trend, suppressing small numbers for publication', async () => {
    const p = await sharingPartnership(t.deps);
    const slug = `cli-${randomUUID().slice(0, 8)}`;
    await t.deps.db.updateTable('partnership').set({ slug, pack: 'haringey-2006@2006.4' }).where('id', '=', p.partnershipId).execute();
    t.clock.now = new Date('2026-11-20T10:00:00Z');
    must(await raiseDispute(t.deps, p.social.actor, { ground: 'other', childId: p.childId, otherAgencyId: p.policeId, summary: 'Disagreement' }));

    assert.deepEqual(await concord('disputes', 'deadlines'), { code: 0, out: 'Escalated 0, reminded 0.\n', err: '' });
    t.clock.now = new Date('2026-12-05T09:00:00Z');
    assert.deepEqual(await concord('disputes', 'deadlines'), { code: 0, out: 'Escalated 1, reminded 0.\n', err: '' });
    assert.deepEqual(await concord('complaints', 'reminders'), { code: 0, out: 'Reminded 0.\n', err: '' });
    assert.match((await concord('corrections', 'reminders')).out, /^Reminded \d+\.\n$/, 'the correction clock (ADR 0090) runs from the CLI');

    const exact = await concord('register', 'trend', '--partnership', slug);
    assert.equal(exact.code, 0);
    assert.match(exact.out, /dispute\s+2026-11\s+Police\s+1\n/);
    const published = await concord('register', 'trend', '--partnership', slug, '--publish');
    assert.match(published.out, /Small numbers \(1 to 10\) are suppressed/);
    assert.match(published.out, /dispute\s+2026-11\s+Police\s+10 or fewer\n/);
    assert.ok((await auditOf(t.deps, p.partnershipId)).some((e) => e.action === 'register.trend-reported' && e.via === 'cli'));

    const unknown = await concord('register', 'trend', '--partnership', 'nope');
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /No partnership has the slug "nope"/);
    const bad = await concord('register', 'trend', '--partnership', slug, '--months', 'x');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--months: Ask for 1 to 60 months/);
  });
});
