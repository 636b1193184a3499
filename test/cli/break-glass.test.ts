// `concord break-glass list|show` (ADR 0050): the lead agency's reviewers see the emergency access
// given on its children and read one request's reason; a practitioner is refused; every read is
// audited via the CLI.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { registerBreakGlassCommands } from '../../src/cli/break-glass.ts';
import { refuseControlCharacters } from '../../src/cli/input.ts';
import { requestBreakGlass } from '../../src/use-cases/break-glass/request-break-glass.ts';
import { addChild } from '../../src/use-cases/children/add-child.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { auditOf, childInput, makeStaff, makeWorld } from '../support/factories.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
  t.clock.now = new Date();
});
after(async () => t.close());

async function concord(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command('concord').exitOverride();
  const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
  refuseControlCharacters(program, io);
  registerBreakGlassCommands(program, io, async () => ({ deps: t.deps, close: async () => {} }));
  process.exitCode = 0;
  await program.parseAsync(['node', 'concord', ...args]).catch((e: { code?: string }) => {
    if (e.code !== 'concord.input') throw e;
  });
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out: out.join(''), err: err.join('') };
}

const REASON = 'Brought to A&E overnight with an injury; need to know of any protection plan';

describe(`concord break-glass (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('the lead agency’s IG lead lists and reads the emergency access given; a practitioner is refused', async () => {
    const w = await makeWorld(t.deps);
    const ig = await makeStaff(t.deps, w.partnershipId, w.councilId, ['ig_lead']);
    const added = await addChild(t.deps, w.council.actor, childInput());
    assert.equal(added.kind, 'ok');
    const none = await concord('break-glass', 'list', '--as', ig.email);
    assert.equal(none.code, 0);
    assert.match(none.err, /No emergency access/);
    const r = await requestBreakGlass(t.deps, w.school.actor, { nhsNumber: '999 000 0018', dateOfBirth: '2017-03-27', reason: REASON });
    if (r.kind !== 'ok') assert.fail('not granted');

    const list = await concord('break-glass', 'list', '--as', ig.email);
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, new RegExp(`${r.value.id}.*School.*granted.*to review`));
    const shown = await concord('break-glass', 'show', r.value.id, '--as', ig.email);
    assert.equal(shown.code, 0, shown.err);
    const view = JSON.parse(shown.out) as { reason: string; status: string; mayReview: boolean };
    assert.equal(view.reason, REASON);
    assert.equal(view.status, 'granted');
    assert.equal(view.mayReview, true);

    const refused = await concord('break-glass', 'list', '--as', w.council.email);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /does not review emergency access/);
    const hidden = await concord('break-glass', 'show', r.value.id, '--as', w.council.email);
    assert.equal(hidden.code, 2);
    assert.match(hidden.err, /No request for emergency access/);
    const events = (await auditOf(t.deps, w.partnershipId)).filter((e) => e.via === 'cli').map((e) => `${e.action}:${e.outcome}`);
    assert.deepEqual(events, ['break-glass.listed:ok', 'break-glass.listed:ok', 'break-glass.viewed:ok', 'break-glass.viewed:denied']);
  });
});
