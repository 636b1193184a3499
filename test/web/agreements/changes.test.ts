// Changing the agreement and documents on request through the web pages (the real application,
// in-process): a party's officer proposes a move to a new protocol version with errors beside the
// fields, the parties the pack names agree on the agreement page, the register says who must sign
// the new version and by when (ADR 0088); a party asks another for its security summary, the holder
// answers, and the request is "Page not found" to anyone else (Haringey 2006 s.7.4; ADR 0089).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { ensureAgreement, makeStaff } from '../../support/factories.ts';
import { errorLinks, sharingPartnership, signedIn as signIn } from '../../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });
const signedIn = (email: string) => signIn(ctx.app, email);
const OLD = 'national-baseline@2026.4';
const NEW = 'national-baseline@2027.2';

async function world() {
  const deps = ctx.t.deps;
  if (!deps.packs.get(NEW)) deps.packs.add({ ...deps.packs.get(OLD)!, version: '2027.2' });
  const w = await sharingPartnership(deps);
  const schoolSpoc = await makeStaff(deps, w.partnershipId, w.schoolId, ['spoc']);
  const agreementId = await ensureAgreement(deps, w.partnershipId);
  return { ...w, schoolSpoc, agreementId, href: `/partnership/agreements/${agreementId}` };
}

describe('agreement changes and documents on request', () => {
  it('proposes a new version, each party agrees on the agreement page, and the register asks for the new signatures', async () => {
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');
    const w = await world();
    const police = await signedIn(w.policeSpoc.email);
    assert.equal((await police.get(`${w.href}/changes/new`)).statusCode, 200);
    const practitioner = await signedIn(w.social.email);
    assert.equal((await practitioner.get(`${w.href}/changes/new`)).statusCode, 404, 'a practitioner proposes nothing');
    const bad = await police.post(`${w.href}/changes/new`, { summary: '', toPack: NEW, 'effectiveOn-day': '1', 'effectiveOn-month': '1', 'effectiveOn-year': '2020' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /<title>Error: /);
    assert.deepEqual(errorLinks(bad.body), ['summary']);
    const past = await police.post(`${w.href}/changes/new`, { summary: 'Adopt the 2027 protocol', toPack: NEW, 'effectiveOn-day': '1', 'effectiveOn-month': '1', 'effectiveOn-year': '2020' });
    assert.deepEqual(errorLinks(past.body), ['effectiveOn']);
    const made = await police.post(`${w.href}/changes/new`, { summary: 'Adopt the 2027 protocol', toPack: NEW, 'effectiveOn-day': '1', 'effectiveOn-month': '12', 'effectiveOn-year': '2026' });
    assert.equal(made.statusCode, 303);
    let page = await police.get(w.href);
    assert.match(page.body, /Adopt the 2027 protocol/);
    assert.match(page.body, /Waiting for: Council, Health, Police, School/);
    for (const email of [w.frontDoor.email, w.policeSpoc.email, w.schoolSpoc.email, w.nurse.email]) {
      const c = email === w.policeSpoc.email ? police : await signedIn(email);
      const view = await c.get(w.href);
      const action = /action="([^"]+\/agree)"/.exec(view.body)?.[1];
      assert.ok(action, `${email} is offered to agree`);
      const agreed = await c.post(action!, { agencyId: /name="agencyId" value="([^"]+)"/.exec(view.body.slice(view.body.indexOf(action!)))![1]! });
      assert.equal(agreed.statusCode, 303);
    }
    page = await police.get(w.href);
    assert.match(page.body, /The partnership moves to national-baseline@2027.2 on 1 December 2026/);
    assert.match(page.body, /Sign the new version by/);
    assert.match(page.body, /Sign the new version<span class="govuk-visually-hidden"> for Police/);
    const sign = await police.get(`${w.href}/sign`);
    assert.match(sign.body, /national-baseline@2027.2/);
    assert.match(sign.body, /<input type="hidden" name="seenPack" value="national-baseline@2027.2">/, 'the page says which checklist it showed');
    // Sent from a page that showed the old checklist: nothing is signed, and the agreement page says why.
    const stale = await police.post(`${w.href}/sign`, { seenPack: 'national-baseline@2026.4', signatoryName: 'Pat Police', signatoryTitle: 'Chief Superintendent' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /While you had this page open, the agreement moved to protocol version national-baseline@2027.2/);
  });

  it('asks a party for its security summary; the holder provides it; others are not found', async () => {
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');
    const w = await world();
    const police = await signedIn(w.policeSpoc.email);
    assert.equal((await police.get(`${w.href}/document-requests/new`)).statusCode, 200);
    const bad = await police.post(`${w.href}/document-requests/new`, { agencyId: w.policeId, holderAgencyId: '', detail: '' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorLinks(bad.body).sort(), ['detail', 'dueOn', 'holderAgencyId', 'kind']);
    const made = await police.post(`${w.href}/document-requests/new`, {
      agencyId: w.policeId,
      holderAgencyId: w.schoolId,
      kind: 'security_summary',
      detail: 'Your summary security document',
      'dueOn-day': '4',
      'dueOn-month': '12',
      'dueOn-year': '2026',
    });
    assert.equal(made.statusCode, 303);
    const requestHref = made.headers.location as string;
    assert.match((await police.get(requestHref)).body, /Summary security document from School/);
    assert.equal((await (await signedIn(w.officer.email)).get(requestHref)).statusCode, 404);

    const school = await signedIn(w.schoolSpoc.email);
    const noAnswer = await school.post(`${requestHref}/answer`, {});
    assert.equal(noAnswer.statusCode, 400);
    assert.deepEqual(errorLinks(noAnswer.body), ['answer']);
    const noTitle = await school.post(`${requestHref}/answer`, { answer: 'provide', title: '', reference: 'IG/SEC/4' });
    assert.deepEqual(errorLinks(noTitle.body), ['title']);
    assert.equal((await school.post(`${requestHref}/answer`, { answer: 'provide', title: 'School security summary', reference: 'IG/SEC/4' })).statusCode, 303);
    const answered = await police.get(requestHref);
    assert.match(answered.body, /School security summary/);
    assert.match(answered.body, /IG\/SEC\/4/);
    const agreement = await police.get(w.href);
    assert.match(agreement.body, /Documents on request/);
    assert.match(agreement.body, /Provided/);
  });

  it('warns the partnership manager on their home page when the agreement’s review is overdue', async () => {
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');
    const w = await world();
    const manager = await makeStaff(ctx.t.deps, w.partnershipId, w.councilId, ['partnership_manager']);
    const home = await (await signedIn(manager.email)).get('/staff');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /The review of <a class="govuk-link" href="\/partnership\/agreements\/[0-9a-f-]{36}">Information sharing agreement<\/a> is overdue/);
    assert.doesNotMatch((await (await signedIn(w.frontDoor.email)).get('/children')).body, /is overdue: it was due/);
  });
});
