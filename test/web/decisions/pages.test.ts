// A decision after it is recorded, through the web pages (the real application, in-process): the
// record page says in advance that sharing against the advice needs a designated manager (Haringey
// 2006 s.4.6); the confirmation and decision pages say it is waiting; the manager's form records the
// answer (CSRF required, errors on the form); the practitioner then has the Send button; a form from
// anyone else is "Page not found".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { errorLinks, SHARE, sharingPartnership, signedIn as signIn, walkDecision } from '../../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });
const signedIn = (email: string) => signIn(ctx.app, email);

/** Detailed information without consent for a serious crime: under Haringey the advice is "seek advice". */
const AGAINST: [string, string][] = SHARE.map(([q, a]) => [q, q === 'harm' ? 'serious_crime' : a]);

describe(`decision pages after recording (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('Haringey 2006 s.4.6: warns before recording, waits for the designated manager, who approves on the decision page', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    await ctx.t.deps.db.updateTable('partnership').set({ pack: 'haringey-2006@2006.3' }).where('id', '=', p.partnershipId).execute();
    await ctx.t.deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
    const officer = await signedIn(p.officer.email);
    const recordPage = await walkDecision(officer, `/children/${p.childId}/decisions/new`, p.childId, AGAINST);
    assert.match(recordPage.body, /id="approval-needed"/, 'said before recording');
    const res = await officer.post(`/children/${p.childId}/decisions/new/record`, {
      action: 'shared',
      recipientAgencyId: p.councilId,
      purposeDetail: 'Safety planning',
      informationShared: 'Call-outs',
      reasons: 'A serious crime may be prevented',
    });
    assert.equal(res.statusCode, 303);
    const confirmation = await officer.get(res.headers.location as string);
    assert.match(confirmation.body, /designated manager/);
    assert.doesNotMatch(confirmation.body, /Send the information securely/);
    const id = (res.headers.location as string).split('/')[2]!;

    const page = await officer.get(`/decisions/${id}`);
    assert.match(page.body, /Waiting for approval/);
    assert.doesNotMatch(page.body, /action="\/decisions\/[^"]+\/approval"/, 'the practitioner cannot approve their own decision');
    assert.equal((await officer.post(`/decisions/${id}/approval`, { answer: 'approve' })).statusCode, 404);

    const lead = await signedIn(p.policeLead.email);
    const leadPage = await lead.get(`/decisions/${id}`);
    assert.match(leadPage.body, /Do you approve sharing against the advice\?/);
    const noCsrf = await lead.post(`/decisions/${id}/approval`, { answer: 'approve' }, { csrf: 'nope' });
    assert.notEqual(noCsrf.statusCode, 303, 'a form without its CSRF token changes nothing');
    const empty = await lead.post(`/decisions/${id}/approval`, {});
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorLinks(empty.body), ['answer']);
    const refuseBare = await lead.post(`/decisions/${id}/approval`, { answer: 'refuse' });
    assert.deepEqual(errorLinks(refuseBare.body), ['note']);
    const approved = await lead.post(`/decisions/${id}/approval`, { answer: 'approve', note: 'Proportionate' });
    assert.equal(approved.statusCode, 303);
    assert.equal(approved.headers.location, `/decisions/${id}`);
    assert.match((await lead.get(`/decisions/${id}`)).body, /You approved sharing/);
    const again = await lead.post(`/decisions/${id}/approval`, { answer: 'refuse', note: 'No' });
    assert.equal(again.statusCode, 409);

    const after = await officer.get(`/decisions/${id}`);
    assert.match(after.body, /Decided — not sent yet/);
    assert.match(after.body, new RegExp(`href="/decisions/${id}/send"`));
    const nurse = await signedIn(p.nurse.email);
    assert.equal((await nurse.post(`/decisions/${id}/withdraw`, { reason: 'x' })).statusCode, 404);
    const withdrawn = await officer.post(`/decisions/${id}/withdraw`, { reason: 'Handled by a strategy meeting instead' });
    assert.equal(withdrawn.statusCode, 303);
    assert.match((await officer.get(`/children/${p.childId}`)).body, /Decision to share withdrawn — nothing sent — Council/);
  });
});
