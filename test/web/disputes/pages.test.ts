// Disputes, complaints, the central register and scrutiny through the web pages (the real
// application, in-process), under the Wirral 2022 pack: raising a dispute, its stages, escalation,
// each agency's impact; a complaint from report to answer; the register and scrutiny for the
// statutory partners only; the trend CSV with the small-number rule; 404 for everyone else.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { reportBreach } from '../../../src/use-cases/breaches/report-breach.ts';
import { recordDecision } from '../../../src/use-cases/decisions/record-decision.ts';
import { useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { makeStaff } from '../../support/factories.ts';
import { errorLinks, shareAnswers, sharingPartnership, signedIn as signIn } from '../../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });
const signedIn = (email: string) => signIn(ctx.app, email);

describe(`dispute, complaint and register pages (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('takes a dispute from raising to closure and a complaint from report to answer; registers for the partners only', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    await ctx.t.deps.db.updateTable('partnership').set({ pack: 'wirral-2022@2022.4' }).where('id', '=', p.partnershipId).execute();
    const manager = await makeStaff(ctx.t.deps, p.partnershipId, p.healthId, ['partnership_manager']);
    const policeIg = await makeStaff(ctx.t.deps, p.partnershipId, p.policeId, ['ig_lead']);
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');

    const social = await signedIn(p.social.email);
    const list = await social.get('/disputes');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Disputes and complaints/);
    assert.doesNotMatch(list.body, /central register/, 'not for a practitioner');

    // Raising: errors on the form, then success.
    const empty = await social.post('/disputes/new', { childId: p.childId });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /<title>Error: Raise a dispute with another agency – Concord<\/title>/);
    assert.deepEqual(errorLinks(empty.body).sort(), ['ground', 'otherAgencyId', 'summary'].sort());
    const raised = await social.post('/disputes/new', { childId: p.childId, ground: 'request_declined', otherAgencyId: p.policeId, summary: 'Call-outs refused before the strategy discussion' });
    assert.equal(raised.statusCode, 303);
    const href = String(raised.headers.location);
    const id = href.split('/').pop()!;
    const page = await social.get(href);
    assert.match(page.body, /Dispute between Council and Police/);
    assert.match(page.body, /Stage 1: The agencies&#39; SPoCs or lead officers/);
    assert.match(page.body, /10 working days, then its people are reminded/);
    assert.doesNotMatch(page.body, /Record stage 1/, 'a practitioner does not act at stage one under Wirral');
    assert.match(page.body, /Escalate to stage 2/, 'but whoever raised it may escalate');

    // The police SPoC records stage one (with an error first), then escalates to the statutory partners.
    const spoc = await signedIn(p.policeSpoc.email);
    const bad = await spoc.post(`/disputes/${id}/stage`, { discussed: '', reasons: '' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorLinks(bad.body).sort(), ['stage-discussed', 'stage-outcome', 'stage-reasons']);
    assert.equal((await spoc.post(`/disputes/${id}/stage`, { discussed: 'SPoCs spoke on the phone', outcome: 'not_agreed', reasons: 'Live investigation' })).statusCode, 303);
    assert.equal((await spoc.post(`/disputes/${id}/escalate`, { reason: 'No agreement' })).statusCode, 303);
    const boss = await signedIn(manager.email);
    const atTwo = await boss.get(`/disputes/${id}`);
    assert.match(atTwo.body, /Record stage 2/);
    assert.equal((await boss.post(`/disputes/${id}/stage`, { discussed: 'Scrutiny panel', outcome: 'agreed', reasons: 'Share after charge' })).statusCode, 303);
    assert.equal((await social.post(`/disputes/${id}/impact`, { outcome: 'Waiting', impact: 'Plan made without police history' })).statusCode, 303);
    assert.equal((await spoc.post(`/disputes/${id}/impact`, { outcome: 'Shared after charge', impact: 'None' })).statusCode, 303);
    assert.match((await social.get(`/disputes/${id}`)).body, /Dispute closed: both agencies have recorded/);

    // Outside: Page not found, for the page and for every form.
    const nurse = await signedIn(p.nurse.email);
    assert.equal((await nurse.get(`/disputes/${id}`)).statusCode, 404);
    assert.equal((await nurse.post(`/disputes/${id}/escalate`, {})).statusCode, 404);
    // Without the CSRF token nothing changes.
    assert.equal((await social.post(`/disputes/${id}/impact`, { outcome: 'x', impact: 'y' }, { csrf: 'nope' })).statusCode, 403);

    // A complaint: recorded by the council, answered by the police IG lead.
    const made = await social.post('/complaints/new', { agencyId: p.policeId, complainant: 'parent_or_carer', receivedOn: '2026-11-19', summary: 'Told the school about a caution' });
    assert.equal(made.statusCode, 303);
    const complaintHref = String(made.headers.location);
    assert.doesNotMatch((await social.get(complaintHref)).body, /Record the response/);
    const ig = await signedIn(policeIg.email);
    const cp = await ig.get(complaintHref);
    assert.match(cp.body, /Record the response/);
    const cbad = await ig.post(`${complaintHref}/respond`, { respondedOn: 'tomorrow' });
    assert.equal(cbad.statusCode, 400);
    assert.equal((await ig.post(`${complaintHref}/respond`, { outcome: 'upheld', respondedOn: '2026-11-20', response: 'Apology given' })).statusCode, 303);
    assert.match((await social.get(complaintHref)).body, /Apology given/);
    assert.equal((await nurse.get(complaintHref)).statusCode, 404);

    // A breach the council reports joins the same register, and its trend (Southampton 2010 s.13).
    const breach = await reportBreach(ctx.t.deps, p.social.actor, { what: 'A referral e-mailed to the wrong team', how: 'The team said so', identifiedAt: ctx.t.clock.now.toISOString() });
    assert.equal(breach.kind, 'ok');

    // The register and scrutiny: the statutory partners (partnership manager), nobody else.
    assert.equal((await social.get('/registers')).statusCode, 404);
    assert.equal((await social.get('/registers/scrutiny')).statusCode, 404);
    assert.equal((await social.get('/registers/trend.csv')).statusCode, 404);
    const reg = await boss.get('/registers');
    assert.equal(reg.statusCode, 200);
    assert.match(reg.body, /Disputes by month and the agency disputed with/);
    assert.match(reg.body, /Breaches by month and the lead agency/);
    assert.match(reg.body, new RegExp(`href="/breaches/${breach.kind === 'ok' ? breach.value.breachId : 'none'}"`), 'the open breach is listed');
    assert.doesNotMatch(reg.body, /wrong team/, 'metadata only: no narrative in the register');
    const exact = await boss.get('/registers/trend.csv');
    assert.match(exact.body, /dispute,2026-11,Police,1/);
    assert.match(exact.body, /breach,2026-11,[^,]+,1/);
    const published = await boss.get('/registers/trend.csv?publish=yes');
    assert.match(published.body, /dispute,2026-11,Police,10 or fewer/, 'Wirral inherits the baseline threshold of 10');

    // Scrutiny of a decision not to share, with a finding.
    await ctx.t.deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
    const d = await recordDecision(ctx.t.deps, p.officer.actor, p.childId, {
      answers: shareAnswers,
      record: { action: 'not_shared', recipientAgencyId: p.councilId, purposeDetail: 'Request', reasons: 'Prejudice to an investigation' },
    });
    assert.equal(d.kind, 'ok');
    const decisionId = d.kind === 'ok' ? d.value.decisionId : '';
    const scrutiny = await boss.get('/registers/scrutiny');
    assert.match(scrutiny.body, /Prejudice to an investigation/);
    const fbad = await boss.post('/registers/scrutiny/findings', { decisionId });
    assert.equal(fbad.statusCode, 400);
    assert.deepEqual(errorLinks(fbad.body).sort(), [`${decisionId}-finding`, `${decisionId}-note`]);
    assert.equal((await boss.post('/registers/scrutiny/findings', { decisionId, finding: 'reasonable', note: 'Proportionate' })).statusCode, 303);
    assert.match((await boss.get('/registers/scrutiny')).body, /The decision was reasonable/);
  });
});
