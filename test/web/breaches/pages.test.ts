// The breach register through the web pages (the real application, in-process): reporting with
// errors beside the fields, triage and the procedure's forms, the register for the roles that keep
// it, "Page not found" outside, and returning a disclosure from its page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { recordDecision } from '../../../src/use-cases/decisions/record-decision.ts';
import { sendDisclosure } from '../../../src/use-cases/disclosures/send-disclosure.ts';
import { useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { makeStaff } from '../../support/factories.ts';
import { errorLinks, must, shareAnswers, sharingPartnership, signedIn as signIn } from '../../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });
const signedIn = (email: string) => signIn(ctx.app, email);

async function world() {
  const p = await sharingPartnership(ctx.t.deps);
  await ctx.t.deps.db.updateTable('partnership').set({ pack: 'haringey-2006@2006.4' }).where('id', '=', p.partnershipId).execute();
  await ctx.t.deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
  const councilIg = await makeStaff(ctx.t.deps, p.partnershipId, p.councilId, ['ig_lead']);
  const healthIg = await makeStaff(ctx.t.deps, p.partnershipId, p.healthId, ['ig_lead']);
  const manager = await makeStaff(ctx.t.deps, p.partnershipId, p.councilId, ['partnership_manager']);
  return { ...p, councilIg, healthIg, manager };
}

describe('breach pages', () => {
  it('reports a breach, shows the clocks, and takes it through triage to a recorded meeting', async () => {
    const p = await world();
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');
    const social = await signedIn(p.social.email);
    assert.equal((await social.get(`/breaches/new?child=${p.childId}`)).statusCode, 200);
    const bad = await social.post('/breaches/new', { childIds: p.childId, what: '', how: 'x', 'identifiedAt-day': '31', 'identifiedAt-month': '2', 'identifiedAt-year': '2026' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /<title>Error: /);
    assert.deepEqual(errorLinks(bad.body).sort(), ['identifiedAt', 'what']);
    const made = await social.post('/breaches/new', {
      childIds: p.childId,
      what: 'Minutes of a strategy discussion left on a printer',
      how: 'Found by a colleague',
      'identifiedAt-day': '20',
      'identifiedAt-month': '11',
      'identifiedAt-year': '2026',
      'identifiedAt-time': '09:30',
    });
    assert.equal(made.statusCode, 303);
    const href = made.headers.location as string;
    const page = await social.get(href);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Report the breach to the other partner organisations/);
    assert.match(page.body, /Haringey 2006 s\.6\.1/);
    assert.match(page.body, /Starts when the meeting is recorded/);
    assert.doesNotMatch(page.body, /id="triage"/, 'the reporter does not triage');

    const ig = await signedIn(p.councilIg.email);
    const shown = await ig.get(href);
    assert.match(shown.body, /id="triage"/);
    assert.equal((await ig.post(`${href}/triage`, { outcome: 'dismiss' })).statusCode, 400);
    assert.equal((await ig.post(`${href}/triage`, { outcome: 'confirm' })).statusCode, 303);
    const meeting = await ig.post(`${href}/meeting`, { 'heldAt-day': '19', 'heldAt-month': '11', 'heldAt-year': '2026', note: 'Sanctions agreed' });
    assert.equal(meeting.statusCode, 303);
    const after = await ig.get(href);
    assert.match(after.body, /The meeting is recorded/);
    assert.doesNotMatch(after.body, /Starts when the meeting is recorded/);
    // The child's chronology shows it to the involved school, without a link.
    const school = await signedIn(p.schoolLead.email);
    const child = await school.get(`/children/${p.childId}`);
    assert.match(child.body, /Possible breach of information sharing reported/);
    assert.ok(!child.body.includes(href), 'no link for an agency not party to it');

    // Out of scope: health's IG lead gets the 404 page; the manager sees the register's view.
    const health = await signedIn(p.healthIg.email);
    assert.equal((await health.get(href)).statusCode, 404);
    assert.equal((await health.post(`${href}/close`, { outcome: 'x', lessons: 'y' })).statusCode, 404);
    const manager = await signedIn(p.manager.email);
    const register = await manager.get('/breaches');
    assert.ok(register.body.includes(href));
    const metadata = await manager.get(href);
    assert.equal(metadata.statusCode, 200);
    assert.doesNotMatch(metadata.body, /left on a printer/);
  });

  it('a recipient returns information from its page: the incident opens and the sender is told', async () => {
    const p = await world();
    const decision = must(
      await recordDecision(ctx.t.deps, p.officer.actor, p.childId, {
        answers: shareAnswers,
        record: { action: 'shared', recipientAgencyId: p.councilId, purposeDetail: 'Concern', informationShared: 'Call-outs', reasons: 'Risk' },
      }),
    );
    const label = ctx.t.deps.packs.get('haringey-2006@2006.4')!.informationLevels.find((l) => l.level === 'detailed')!.items[0]!;
    const sent = must(await sendDisclosure(ctx.t.deps, p.officer.actor, { decisionId: decision.decisionId, items: [{ level: 'detailed', label, value: 'x', kind: 'fact' }] }));
    const health = await signedIn(p.nurse.email);
    assert.equal((await health.get(`/disclosures/${sent.disclosureId}/return`)).statusCode, 404);
    const door = await signedIn(p.frontDoor.email);
    const form = await door.get(`/disclosures/${sent.disclosureId}/return`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /gathered incorrectly or unlawfully, or shared without the consent it needed/, 'Wirral 2022 App. 2 s.3.7: the front door may refuse it');
    assert.equal((await door.post(`/disclosures/${sent.disclosureId}/return`, {})).statusCode, 400);
    const done = await door.post(`/disclosures/${sent.disclosureId}/return`, { reason: 'not_expected' });
    assert.equal(done.statusCode, 303);
    assert.match(done.headers.location as string, /^\/breaches\//);
    const d = await door.get(`/disclosures/${sent.disclosureId}`);
    assert.match(d.body, /returned this information/);
    assert.doesNotMatch(d.body, /Return or refuse this information<\/a>/);
  });
});
