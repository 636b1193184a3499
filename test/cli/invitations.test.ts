// `concord staff invite` and `--invite` (ADR 0084): send, send again and withdraw an invitation as
// a named administrator; refusals on stderr with a non-zero exit code.
import assert from 'node:assert/strict';
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

describe(`concord staff invite (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('adds with an invitation, sends a new one, withdraws it; another agency’s administrator is refused', async () => {
    const w = await makeWorld(t.deps);
    const admin = await makeStaff(t.deps, w.partnershipId, w.councilId, ['administrator']);
    const added = await concord('staff', 'add', '--as', admin.email, '--email', 'cli.invitee@council.test', '--name', 'Cli Invitee', '--roles', 'practitioner', '--invite');
    assert.equal(added.code, 0, added.err);
    assert.match(added.err, /An invitation was sent by e-mail/);
    const id = added.out.trim();
    const again = await concord('staff', 'invite', id, '--as', admin.email);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /The link works once, for 7 days/);
    const withdrawn = await concord('staff', 'invite', id, '--as', admin.email, '--revoke');
    assert.equal(withdrawn.code, 0, withdrawn.err);
    const nothing = await concord('staff', 'invite', id, '--as', admin.email, '--revoke');
    assert.equal(nothing.code, 1);
    assert.match(nothing.err, /There is no invitation waiting to be used/);
    const schoolAdmin = await makeStaff(t.deps, w.partnershipId, w.schoolId, ['administrator']);
    const refused = await concord('staff', 'invite', id, '--as', schoolAdmin.email);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /no such member of staff you manage/);
    const actions = (await auditOf(t.deps, w.partnershipId)).filter((e) => e.subject_id === id).map((e) => `${e.action}:${e.via}:${e.outcome}`);
    assert.deepEqual(actions, ['staff.added:cli:ok', 'staff.invited:cli:ok', 'staff.invited:cli:ok', 'staff.invitation-revoked:cli:ok', 'staff.invited:cli:denied']);
  });
});
