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
  it('every step names the child by name and date of birth in its caption and title, never in its address; the read is audited (issue 15 item 4)', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    const child = await ctx.t.deps.db.selectFrom('child').select(['given_name', 'family_name', 'date_of_birth']).where('id', '=', p.childId).executeTakeFirstOrThrow();
    const name = `${child.given_name} ${child.family_name}`;
    const [y, m, d] = child.date_of_birth.split('-').map(Number) as [number, number, number];
    const born = `born ${d} ${new Date(Date.UTC(y, m - 1, d)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${y}`;
    const named = (body: string, page: string) => {
      const title = /<title>([^<]*)<\/title>/.exec(body)?.[1]?.replace(/&#39;|&amp;/g, (e) => (e === '&amp;' ? '&' : "'")) ?? '';
      assert.ok(title.includes(`${name}, ${born}`), `${page}: the title names the child (${title})`);
      assert.match(body, new RegExp(`<span class="govuk-caption-l">[^<]*${name}, ${born}</span>`), `${page}: the caption names the child`);
    };
    const social = await signedIn(p.social.email);
    let res = await social.get(`/children/${p.childId}/decisions/new`);
    for (const [question, answer] of SHARE) {
      const url = res.headers.location as string;
      assert.doesNotMatch(url, new RegExp(child.given_name), 'never in the address');
      named((await social.get(url)).body, question);
      const wrong = await social.post(url, {});
      assert.equal(wrong.statusCode, 400);
      named(wrong.body, `${question} (error)`);
      res = await social.post(url, { answer });
    }
    named((await social.get(`/children/${p.childId}/decisions/new/check`)).body, 'check your answers');
    named((await social.get(`/children/${p.childId}/decisions/new/advice`)).body, 'advice');
    named((await social.get(`/children/${p.childId}/decisions/new/record`)).body, 'record');
    named((await social.post(`/children/${p.childId}/decisions/new/record`, {})).body, 'record (error)');
    named((await social.get(`/children/${p.childId}/requests/new`)).body, 'request form');
    named((await social.post(`/children/${p.childId}/requests/new`, {})).body, 'request form (error)');
    const audited = await ctx.t.deps.db.selectFrom('audit_event').select('action').where('action', '=', 'child.identified').where('child_id', '=', p.childId).execute();
    assert.ok(audited.length >= SHARE.length, 'each read of the name is audited');
  });

  it('a Wirral partnership is shown citations from Wirral 2022 and the national baseline only, and the advice is a short summary (issue 15 item 4)', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    await ctx.t.deps.db.updateTable('partnership').set({ pack: 'wirral-2022@2022.4' }).where('id', '=', p.partnershipId).execute();
    const others = /Derby 2015|Sandwell 2022|Haringey 2006|Southampton 2010/;
    const social = await signedIn(p.social.email);
    let res = await social.get(`/children/${p.childId}/decisions/new`);
    const cited: string[] = [];
    for (const [question, answer] of SHARE) {
      const url = res.headers.location as string;
      const page = (await social.get(url)).body;
      const from = /This question comes from: ([^<]*)\./.exec(page)?.[1] ?? '';
      assert.ok(from.length > 0, `${question} cites something`);
      assert.doesNotMatch(from, others, `${question} cites only Wirral 2022 and national sources`);
      cited.push(from);
      res = await social.post(url, { answer });
    }
    assert.ok(
      cited.some((c) => /Wirral 2022/.test(c)),
      'the partnership’s own protocol is cited',
    );
    await social.post(`/children/${p.childId}/decisions/new/check`, {});
    const advice = (await social.get(`/children/${p.childId}/decisions/new/advice`)).body;
    assert.doesNotMatch(advice, others, 'the advice cites only Wirral 2022 and national sources');
    const toDo = /<ol class="govuk-list govuk-list--number" id="advice-to-do">([\s\S]*?)<\/ol>/.exec(advice)?.[1] ?? '';
    const items = toDo.match(/<li>/g)?.length ?? 0;
    assert.ok(items >= 1 && items <= 5, `3–5 things to do now (${items})`);
    assert.doesNotMatch(toDo, /secure e-?mail|Record your decision/i, 'not told to do what Concord does');
    assert.doesNotMatch(toDo, /Refer to children&#39;s social care|Refer to children's social care/, 'a council social worker is not told to refer to their own service');
    assert.match(advice, /id="advice-done"/);
  });

  it('Haringey 2006 s.4.6: warns before recording, waits for the designated manager, who approves on the decision page', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    await ctx.t.deps.db.updateTable('partnership').set({ pack: 'haringey-2006@2006.4' }).where('id', '=', p.partnershipId).execute();
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
