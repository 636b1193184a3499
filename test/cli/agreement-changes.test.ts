// `concord agreement propose|agree|request-document|answer-document`: a change proposed and agreed
// from the command line moves the partnership to a new version on its date (ADR 0088); a document
// asked for and answered (ADR 0089); bad input on stderr with exit code 2.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { registerAgreementCommands } from '../../src/cli/agreements.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { ensureAgreement, makeStaff } from '../support/factories.ts';
import { sharingPartnership } from '../support/sharing.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

async function concord(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command('concord').exitOverride();
  registerAgreementCommands(program, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) }, async () => ({ deps: t.deps, close: async () => {} }));
  process.exitCode = 0;
  await program.parseAsync(['node', 'concord', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out: out.join(''), err: err.join('') };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe(`concord agreement changes (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('proposes and agrees a new version, and asks for and answers a document', async () => {
    const NEW = 'national-baseline@2027.4';
    if (!t.deps.packs.get(NEW)) t.deps.packs.add({ ...t.deps.packs.get('national-baseline@2026.4')!, version: '2027.4' });
    t.clock.now = new Date('2026-11-20T09:00:00Z');
    const w = await sharingPartnership(t.deps);
    const id = await ensureAgreement(t.deps, w.partnershipId);
    const schoolSpoc = await makeStaff(t.deps, w.partnershipId, w.schoolId, ['spoc']);

    const bad = await concord('agreement', 'propose', id, '--as', w.policeSpoc.email, '--summary', 'Adopt 2027', '--to-pack', NEW);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /effectiveOn: Enter the date the new version would take effect/);
    const proposed = await concord('agreement', 'propose', id, '--as', w.policeSpoc.email, '--summary', 'Adopt 2027', '--to-pack', NEW, '--effective-on', '2026-12-01');
    assert.equal(proposed.code, 0, proposed.err);
    const change = UUID.exec(proposed.out)![0];
    for (const email of [w.frontDoor.email, w.policeSpoc.email, schoolSpoc.email]) assert.match((await concord('agreement', 'agree', id, change, '--as', email)).out, /still to agree/);
    const last = await concord('agreement', 'agree', id, change, '--as', w.nurse.email);
    assert.match(last.out, new RegExp(`moves to ${NEW} on 2026-12-01`));
    assert.equal((await concord('agreement', 'agree', id, change, '--as', w.nurse.email)).code, 2);

    const neither = await concord('agreement', 'answer-document', id, change, '--as', schoolSpoc.email);
    assert.equal(neither.code, 2);
    const asked = await concord(
      'agreement',
      'request-document',
      id,
      '--as',
      w.policeSpoc.email,
      '--holder',
      w.schoolId,
      '--kind',
      'security_summary',
      '--detail',
      'Summary security document',
      '--due',
      '2026-12-04',
    );
    assert.equal(asked.code, 0, asked.err);
    const request = UUID.exec(asked.out)![0];
    assert.match((await concord('agreement', 'answer-document', id, request, '--as', w.policeSpoc.email, '--decline', 'x')).err, /no such agreement/);
    const provided = await concord('agreement', 'answer-document', id, request, '--as', schoolSpoc.email, '--provide', 'School security summary', '--reference', 'IG/SEC/4');
    assert.match(provided.out, /Provided: document/);
  });
});
