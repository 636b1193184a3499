// `concord decisions …`: a designated manager approves or refuses sharing against the advice
// (Haringey 2006 s.4.6) and a practitioner withdraws a decision to share, as the person named;
// bad input on stderr with exit code 2.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { registerDecisionCommands } from '../../src/cli/decisions.ts';
import { recordDecision } from '../../src/use-cases/decisions/record-decision.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { must, shareAnswers, sharingPartnership } from '../support/sharing.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

async function concord(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command('concord').exitOverride();
  registerDecisionCommands(program, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) }, async () => ({ deps: t.deps, close: async () => {} }));
  process.exitCode = 0;
  await program.parseAsync(['node', 'concord', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out: out.join(''), err: err.join('') };
}

const record = (to: string) => ({ action: 'shared', recipientAgencyId: to, purposeDetail: 'Safety planning', informationShared: 'Notes', reasons: 'A serious crime' });

describe(`concord decisions (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('approves, refuses and withdraws as the person named, audited via the CLI', async () => {
    const p = await sharingPartnership(t.deps);
    await t.deps.db.updateTable('partnership').set({ pack: 'haringey-2006@2006.4' }).where('id', '=', p.partnershipId).execute();
    await t.deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
    const against = { answers: { ...shareAnswers, harm: 'serious_crime' }, record: record(p.councilId) };
    const first = must(await recordDecision(t.deps, p.officer.actor, p.childId, against)).decisionId;
    const second = must(await recordDecision(t.deps, p.officer.actor, p.childId, against)).decisionId;

    const shown = await concord('decisions', 'show', first, '--as', p.officer.email);
    assert.equal(shown.code, 0, shown.err);
    assert.equal(JSON.parse(shown.out).state, 'awaiting_approval');

    const noReasons = await concord('decisions', 'refuse', second, '--as', p.policeLead.email);
    assert.equal(noReasons.code, 2);
    assert.match(noReasons.err, /--note: Explain why you do not approve sharing/);
    assert.equal((await concord('decisions', 'approve', first, '--as', p.officer.email)).code, 2, 'not their own decision');

    const approved = await concord('decisions', 'approve', first, '--as', p.policeLead.email, '--note', 'Proportionate');
    assert.equal(approved.code, 0, approved.err);
    assert.match(approved.out, /Approved decision/);
    const again = await concord('decisions', 'approve', first, '--as', p.policeLead.email);
    assert.equal(again.code, 2);
    assert.match(again.err, /already been approved or refused/);
    assert.equal((await concord('decisions', 'refuse', second, '--as', p.policeLead.email, '--note', 'Ask for consent first')).code, 0);
    assert.equal(JSON.parse((await concord('decisions', 'show', second, '--as', p.officer.email)).out).state, 'approval_refused');

    assert.equal((await concord('decisions', 'withdraw', first, '--as', p.officer.email)).code, 2, 'a reason is required');
    const withdrawn = await concord('decisions', 'withdraw', first, '--as', p.officer.email, '--reason', 'The family agreed to share it themselves');
    assert.equal(withdrawn.code, 0, withdrawn.err);
    assert.equal(JSON.parse((await concord('decisions', 'show', first, '--as', p.officer.email)).out).state, 'withdrawn');

    const audit = await t.deps.db.selectFrom('audit_event').select(['action', 'via']).where('subject_id', 'in', [first, second]).execute();
    for (const action of ['decision.approved', 'decision.approval-refused', 'decision.withdrawn'])
      assert.ok(
        audit.some((a) => a.action === action && a.via === 'cli'),
        action,
      );
    assert.equal((await concord('decisions', 'show', first, '--as', 'nobody@example.test')).code, 2);
  });
});
