// `concord retention …`: the job run by hand, the IG lead's review list, review actions with clear
// errors, and certificates — as the person named, audited via the CLI.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { registerRetentionCommands } from '../../src/cli/retention.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { markedRecords, markers } from '../support/retention.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

async function concord(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command('concord').exitOverride();
  registerRetentionCommands(program, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) }, async () => ({ deps: t.deps, close: async () => {} }));
  process.exitCode = 0;
  await program.parseAsync(['node', 'concord', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out: out.join(''), err: err.join('') };
}

describe(`concord retention (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('runs the job, lists what is due, reviews and disposes with a certificate', async () => {
    t.clock.now = new Date('2026-11-20T10:00:00Z');
    const w = await markedRecords(t.deps, markers());
    t.clock.now = new Date('2032-11-21T00:00:00Z');
    const first = await concord('retention', 'run');
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /request 1, disclosure_received 1/);

    const due = await concord('retention', 'due', '--as', w.councilIg.email);
    assert.equal(due.code, 0, due.err);
    const id = new RegExp(`([0-9a-f-]{36}) +disclosure_received +${w.disclosureId}`).exec(due.out)![1]!;
    assert.equal((await concord('retention', 'due', '--as', w.social.email)).code, 1, 'IG leads only');

    const bad = await concord('retention', 'review', id, '--as', w.councilIg.email, '--action', 'defer', '--until', 'next week');
    assert.equal(bad.code, 1);
    assert.match(bad.err, /--reason: Say why disposal is deferred\n--until: Enter the date/);
    assert.equal((await concord('retention', 'review', id, '--as', w.policeIg.email, '--action', 'approve')).code, 1, 'another agency: not found');

    const ok = await concord('retention', 'review', id, '--as', w.councilIg.email, '--action', 'approve');
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /1 record\(s\) now approved/);
    const disposed = await concord('retention', 'run', '--batch', '10');
    assert.match(disposed.out, /Disposed of 1 record\(s\) in 1 batch\(es\); certificates: [0-9a-f-]{36} \(disclosure_received × 1\)/);
    assert.equal((await concord('retention', 'run', '--batch', '0')).code, 2);

    const certs = await concord('retention', 'certificates', '--as', w.councilIg.email);
    assert.match(certs.out, /disclosure_received +1 +HM Government 2018/);
    const police = await concord('retention', 'certificates', '--as', w.policeIg.email);
    assert.match(police.out, new RegExp(`Copies disposed of by recipients:[\\s\\S]*${w.disclosureId} +Council`));
    const audit = await t.deps.db.selectFrom('audit_event').select(['action', 'via']).where('partnership_id', '=', w.partnershipId).where('action', '=', 'disposal.approved').execute();
    assert.deepEqual(
      audit.map((a) => a.via),
      ['cli', 'cli'],
    );
  });
});
