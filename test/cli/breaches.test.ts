// `concord breaches …`: acting as a named member of staff, reporting from a JSON file, listing and
// showing what they may see, bad input on stderr with exit code 2, and running the clocks.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { registerBreachCommands } from '../../src/cli/breaches.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { makeStaff, makeWorld } from '../support/factories.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

async function concord(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command('concord').exitOverride();
  registerBreachCommands(program, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) }, async () => ({ deps: t.deps, close: async () => {} }));
  process.exitCode = 0;
  await program.parseAsync(['node', 'concord', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out: out.join(''), err: err.join('') };
}

describe(`concord breaches (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('reports, lists, shows and runs the clocks, as the person named', async () => {
    const w = await makeWorld(t.deps);
    const ig = await makeStaff(t.deps, w.partnershipId, w.councilId, ['ig_lead']);
    t.clock.now = new Date('2026-11-20T09:00:00Z');
    const dir = await mkdtemp(path.join(tmpdir(), 'concord-'));
    const file = path.join(dir, 'report.json');
    await writeFile(file, JSON.stringify({ what: 'Laptop left on a train', how: 'Reported by the worker', identifiedAt: '2026-11-20T08:00:00Z' }));
    const reported = await concord('breaches', 'report', '--as', w.council.email, '--file', file);
    assert.equal(reported.code, 0, reported.err);
    const id = /Reported breach ([0-9a-f-]{36})/.exec(reported.out)![1]!;

    const listed = await concord('breaches', 'list', '--as', ig.email);
    assert.equal(listed.code, 0);
    assert.match(listed.out, new RegExp(id));
    const shown = await concord('breaches', 'show', id, '--as', ig.email);
    assert.equal(JSON.parse(shown.out).narrative.what, 'Laptop left on a train');
    const outsider = await concord('breaches', 'show', id, '--as', w.school.email);
    assert.equal(outsider.code, 2);
    const audit = await t.deps.db.selectFrom('audit_event').select(['action', 'outcome', 'via']).where('subject_id', '=', id).execute();
    assert.ok(audit.some((a) => a.action === 'breach.viewed' && a.outcome === 'denied' && a.via === 'cli'));

    await writeFile(file, JSON.stringify({ what: 'x', how: 'y', identifiedAt: 'soon' }));
    const bad = await concord('breaches', 'report', '--as', w.council.email, '--file', file);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /identifiedAt/);
    assert.equal((await concord('breaches', 'list', '--as', 'nobody@example.test')).code, 2);

    t.clock.now = new Date('2026-11-23T09:00:00Z');
    const clocks = await concord('breaches', 'clocks');
    assert.match(clocks.out, /escalated [1-9]/);
  });
});
