// A stale second tab (issue 15, "a stale second tab silently re-allocates a request and reports
// success"): every state change carries the version its page showed; from a page that is no longer
// current it acts on nothing and says what changed, by whom and when (ADR 0073). Requests have their
// own test (test/web/requests/pages.test.ts); this covers breaches, disputes and decisions.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { recordDecision } from '../../../src/use-cases/decisions/record-decision.ts';
import { withdrawDecision } from '../../../src/use-cases/decisions/withdraw-decision.ts';
import { escalateDispute } from '../../../src/use-cases/disputes/escalate-dispute.ts';
import { raiseDispute } from '../../../src/use-cases/disputes/raise-dispute.ts';
import { useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { makeStaff } from '../../support/factories.ts';
import { must, shareAnswers, sharingPartnership, signedIn } from '../../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });

const seenOn = (html: string, action: string) =>
  new RegExp(`action="[^"]*/${action}"[^>]*>\\s*<input type="hidden" name="_csrf" value="[^"]+">\\s*<input type="hidden" name="seen" value="(\\d+)">`).exec(html)?.[1];

describe('stale pages', () => {
  it('a breach: the second tab’s triage acts on nothing and says it was triaged, by whom and when', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    await ctx.t.deps.db.updateTable('partnership').set({ pack: 'haringey-2006@2006.4' }).where('id', '=', p.partnershipId).execute();
    const councilIg = await makeStaff(ctx.t.deps, p.partnershipId, p.councilId, ['ig_lead']);
    const { display_name: igName } = await ctx.t.deps.db.selectFrom('staff_user').select('display_name').where('id', '=', councilIg.id).executeTakeFirstOrThrow();
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');
    const social = await signedIn(ctx.app, p.social.email);
    await social.get(`/breaches/new?child=${p.childId}`);
    const made = await social.post('/breaches/new', {
      childIds: p.childId,
      what: 'Minutes left on a printer',
      how: 'Found by a colleague',
      'identifiedAt-day': '20',
      'identifiedAt-month': '11',
      'identifiedAt-year': '2026',
    });
    const href = made.headers.location as string;
    const ig = await signedIn(ctx.app, councilIg.email);
    const tab2 = await ig.get(href);
    const seen = seenOn(tab2.body, 'triage');
    assert.ok(seen, 'the triage form carries the version it showed');
    const tab1 = await ig.get(href);
    assert.equal((await ig.post(`${href}/triage`, { seen: seenOn(tab1.body, 'triage')!, outcome: 'confirm' })).statusCode, 303);
    const stale = await ig.post(`${href}/triage`, { seen, outcome: 'dismiss', note: 'Not a breach' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /While you had this page open, this breach was changed \(triaged\) by (.+?) at \d{1,2}:\d{2}(am|pm) on \d{1,2} \w+ \d{4}\./, 'what, by whom, when (the audit log’s time)');
    assert.ok(stale.body.includes(igName.split(' ')[0]!), 'by whom');
    const row = await ctx.t.deps.db.selectFrom('breach').select(['status', 'version']).where('partnership_id', '=', p.partnershipId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'investigating', 'the stale dismissal did nothing');
    // The page it answers with is current: sending from it acts.
    assert.equal(seenOn(stale.body, 'action'), String(row.version));
  });

  it('a dispute: escalating from a page that predates a change acts on nothing', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    const raised = must(await raiseDispute(ctx.t.deps, p.social.actor, { otherAgencyId: p.policeId, summary: 'We disagree about the refusal', ground: 'request_declined' }));
    await ctx.t.deps.db
      .updateTable('dispute')
      .set({ stage_due_at: new Date('2026-12-24T17:00:00Z') })
      .where('id', '=', raised.disputeId)
      .execute(); // a change by someone else
    const stale = await escalateDispute(ctx.t.deps, p.social.actor, raised.disputeId, { reason: 'No agreement', seen: '1' });
    assert.equal(stale.kind, 'conflict');
    assert.match(stale.kind === 'conflict' ? stale.reason : '', /While you had this page open, this dispute was changed \(raised\)/);
    const row = await ctx.t.deps.db.selectFrom('dispute').select('stage').where('id', '=', raised.disputeId).executeTakeFirstOrThrow();
    assert.equal(row.stage, 1, 'not escalated');
  });

  it('a decision: withdrawing from a stale page acts on nothing; from the current one it withdraws', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    const id = must(
      await recordDecision(ctx.t.deps, p.social.actor, p.childId, {
        answers: shareAnswers,
        record: { action: 'shared', recipientAgencyId: p.policeId, purposeDetail: 'Safeguarding concern', informationShared: 'Call-outs', reasons: 'Risk of harm' },
      }),
    ).decisionId;
    await ctx.t.deps.db.updateTable('decision').set({ approval_status: 'not_needed' }).where('id', '=', id).execute(); // a change by someone else
    const stale = await withdrawDecision(ctx.t.deps, p.social.actor, id, { reason: 'The family will tell the council', seen: '1' });
    assert.equal(stale.kind, 'conflict');
    assert.match(stale.kind === 'conflict' ? stale.reason : '', /While you had this page open, this decision was changed \(recorded\)/);
    must(await withdrawDecision(ctx.t.deps, p.social.actor, id, { reason: 'The family will tell the council', seen: '2' }));
  });
});
