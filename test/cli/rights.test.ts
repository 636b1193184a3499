// `concord rights …`: the IG lead lists the agency's requests with their deadlines and shows one
// (audited via the CLI); another agency's IG lead and a practitioner are refused with exit code 2.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { registerRightsCommands } from '../../src/cli/rights.ts';
import { logRightsRequest } from '../../src/use-cases/rights/log-rights-request.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { makeStaff } from '../support/factories.ts';
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
  registerRightsCommands(program, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) }, async () => ({ deps: t.deps, close: async () => {} }));
  process.exitCode = 0;
  await program.parseAsync(['node', 'concord', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out: out.join(''), err: err.join('') };
}

describe(`concord rights (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('lists and shows the agency’s requests for its IG lead, and refuses anyone else', async () => {
    const p = await sharingPartnership(t.deps);
    const ig = await makeStaff(t.deps, p.partnershipId, p.councilId, ['ig_lead']);
    const policeIg = await makeStaff(t.deps, p.partnershipId, p.policeId, ['ig_lead']);
    t.clock.now = new Date('2026-11-23T10:00:00Z');
    assert.match((await concord('rights', 'list', '--as', ig.email)).err, /No rights requests/);
    const { requestId } = must(
      await logRightsRequest(t.deps, ig.actor, { kind: 'access', requesterKind: 'child', childId: p.childId, receivedAt: '2026-11-23', summary: 'All my records', identityVerified: true }),
    );

    const listed = await concord('rights', 'list', '--as', ig.email);
    assert.equal(listed.code, 0, listed.err);
    assert.match(listed.out, new RegExp(`${requestId}\\s+2026-11-23T\\d{2}:\\d{2}:\\d{2}Z\\s+access\\s+child\\s+open\\s+2026-12-23T23:59:59Z`));
    const shown = await concord('rights', 'show', requestId, '--as', ig.email);
    assert.equal(shown.code, 0, shown.err);
    const view = JSON.parse(shown.out);
    assert.equal(view.summary, 'All my records');
    assert.equal(view.clockState, 'running');
    const audit = await t.deps.db.selectFrom('audit_event').select(['action', 'outcome', 'via']).where('subject_id', '=', requestId).execute();
    assert.ok(audit.some((a) => a.action === 'rights-request.viewed' && a.outcome === 'ok' && a.via === 'cli'));

    const outsider = await concord('rights', 'show', requestId, '--as', policeIg.email);
    assert.equal(outsider.code, 2);
    assert.doesNotMatch(outsider.out, /All my records/);
    assert.equal((await concord('rights', 'list', '--as', p.social.email)).code, 2);
    assert.equal((await concord('rights', 'list', '--as', 'nobody@example.test')).code, 2);
  });
});
