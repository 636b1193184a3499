// `concord staff …`: list, add, disable and import from CSV with a dry run and line-level errors,
// as a named administrator; bad input on stderr with a non-zero exit code.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { refuseControlCharacters } from '../../src/cli/input.ts';
import { registerStaffCommands } from '../../src/cli/staff.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { auditOf, makeStaff, makeWorld } from '../support/factories.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

async function concord(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command('concord').exitOverride();
  const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
  refuseControlCharacters(program, io);
  registerStaffCommands(program, io, async () => ({ deps: t.deps, close: async () => {} }));
  process.exitCode = 0;
  await program.parseAsync(['node', 'concord', ...args]).catch((e: { code?: string }) => {
    if (e.code !== 'concord.input') throw e;
  });
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out: out.join(''), err: err.join('') };
}

describe(`concord staff (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('adds, lists and disables, as the administrator named', async () => {
    const w = await makeWorld(t.deps);
    const admin = await makeStaff(t.deps, w.partnershipId, w.councilId, ['administrator']);
    const bad = await concord('staff', 'add', '--as', admin.email, '--email', 'nope', '--name', 'X', '--roles', 'practitioner');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /email: Enter an email address in the correct format/);
    // NUL and control characters are refused at the command line's boundary (ADR 0043).
    const nul = await concord('staff', 'add', '--as', admin.email, '--email', 'nul@council.test', '--name', 'Nul\u0000Person', '--roles', 'practitioner');
    assert.equal(nul.code, 2);
    assert.match(nul.err, /--name contains a character that is not allowed/);
    assert.equal((await t.deps.db.selectFrom('staff_user').select('id').where('email', '=', 'nul@council.test').execute()).length, 0);
    const added = await concord('staff', 'add', '--as', admin.email, '--email', 'cli.person@council.test', '--name', 'Cli Person', '--roles', 'practitioner,spoc');
    assert.equal(added.code, 0, added.err);
    const id = added.out.trim();
    const listed = await concord('staff', 'list', '--as', admin.email);
    assert.match(listed.out, /Cli Person/);
    assert.match(listed.err, /Council has nobody with the role: designated_safeguarding_lead/);
    assert.equal((await concord('staff', 'disable', id, '--as', admin.email)).code, 0);
    assert.equal((await concord('staff', 'disable', w.school.id, '--as', admin.email)).code, 1);
    const via = (await auditOf(t.deps, w.partnershipId)).filter((e) => e.action === 'staff.added').map((e) => e.via);
    assert.deepEqual(via, ['cli']);
  });

  it('imports from CSV: a dry run reports each line, a file with any error adds nobody, a clean file adds everyone', async () => {
    const w = await makeWorld(t.deps);
    const admin = await makeStaff(t.deps, w.partnershipId, w.councilId, ['administrator']);
    const dir = await mkdtemp(path.join(tmpdir(), 'concord-staff-'));
    const bad = path.join(dir, 'bad.csv');
    await writeFile(
      bad,
      [
        'email,name,job_title,roles,agency',
        'a.one@council.test,A One,,practitioner,',
        'not-an-email,B Two,,practitioner,',
        `c.three@council.test,C Three,,practitioner,${'School'}`,
        `${w.council.email},Dup,,practitioner,`,
      ].join('\n'),
    );
    const dry = await concord('staff', 'import', bad, '--as', admin.email, '--dry-run');
    assert.equal(dry.code, 2);
    assert.match(dry.err, /line 3: email: Enter an email address/);
    assert.match(dry.err, /line 4: agency: School is not an agency whose staff you manage/);
    assert.match(dry.err, /line 5: email: someone in this partnership already has/);
    const real = await concord('staff', 'import', bad, '--as', admin.email);
    assert.match(real.out, /Nothing was added/);
    const before = await t.deps.db.selectFrom('staff_user').select('id').where('email', '=', 'a.one@council.test').execute();
    assert.equal(before.length, 0, 'all or none');

    const good = path.join(dir, 'good.csv');
    await writeFile(good, 'email,name,job_title,roles,agency\r\n"a.one@council.test","One, A",Social worker,practitioner;spoc,\r\nb.two@council.test,B Two,,ig_lead,Council\r\n');
    const check = await concord('staff', 'import', good, '--as', admin.email, '--dry-run');
    assert.equal(check.code, 0, check.err);
    assert.match(check.out, /Dry run: 2 would be added/);
    assert.equal((await t.deps.db.selectFrom('staff_user').select('id').where('email', '=', 'a.one@council.test').execute()).length, 0);
    const done = await concord('staff', 'import', good, '--as', admin.email);
    assert.equal(done.code, 0, done.err);
    assert.match(done.out, /Added 2 people/);
    const one = await t.deps.db.selectFrom('staff_user').select(['display_name', 'roles']).where('email', '=', 'a.one@council.test').executeTakeFirstOrThrow();
    assert.deepEqual(one, { display_name: 'One, A', roles: ['practitioner', 'spoc'] });
  });
});
