// `concord agreement …`: acting as a named member of staff, listing the register, signing from a
// JSON file as the nominated officer, bad input on stderr with exit code 2.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { registerAgreementCommands } from '../../src/cli/agreements.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { makeAgency, makeStaff, makeWorld } from '../support/factories.ts';

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

describe(`concord agreement (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('lists the register and signs for an agency that has not signed', async () => {
    const w = await makeWorld(t.deps);
    const youthId = await makeAgency(t.deps, w.partnershipId, 'Youth Project', 'voluntary', { signed: false });
    const officer = await makeStaff(t.deps, w.partnershipId, youthId, ['spoc']);
    t.clock.now = new Date('2026-11-20T09:00:00Z');
    const list = await concord('agreement', 'list', '--as', w.council.email);
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, /2\/3/);
    const id = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(list.out)![0];
    const shown = await concord('agreement', 'show', id, '--as', w.council.email);
    assert.match(shown.out, /Youth Project\s+Not signed/);

    const dir = await mkdtemp(path.join(tmpdir(), 'concord-'));
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ agencyId: youthId, signatoryName: '', signatoryTitle: 'Manager', signedOn: '2026-11-20' }));
    const refused = await concord('agreement', 'sign', id, '--as', officer.email, '--file', bad);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /signatoryName: Enter the signatory’s full name/);
    const good = path.join(dir, 'good.json');
    await writeFile(good, JSON.stringify({ agencyId: youthId, dataStorage: { location: 'United Kingdom' }, signatoryName: 'Yas Youth', signatoryTitle: 'Project manager', signedOn: '2026-11-20' }));
    const signed = await concord('agreement', 'sign', id, '--as', officer.email, '--file', good);
    assert.equal(signed.code, 0, signed.err);
    assert.match((await concord('agreement', 'show', id, '--as', w.council.email)).out, /Youth Project\s+Signed\s+Yas Youth, Project manager/);
    assert.equal((await concord('agreement', 'show', '00000000-0000-0000-0000-000000000000', '--as', w.council.email)).code, 2);
  });
});
