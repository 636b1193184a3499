// The agreement register through the web pages (the real application, in-process): the manager sets
// up an agreement with errors beside the fields, a nominated officer signs it with the checklist and
// the privacy impact assessment (Wirral 2022 App. 2 s.7.4), the register shows every party's status,
// and a second-tier agreement is "Page not found" to an agency outside it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { makePartnership, makeStaff } from '../../support/factories.ts';
import { errorLinks, signedIn as signIn } from '../../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });
const signedIn = (email: string) => signIn(ctx.app, email);

async function world() {
  const deps = ctx.t.deps;
  const partnershipId = await makePartnership(deps);
  await deps.db.updateTable('partnership').set({ pack: 'wirral-2022@2022.4' }).where('id', '=', partnershipId).execute();
  const agency = async (name: string) => {
    const id = randomUUID();
    await deps.db.insertInto('agency').values({ partnership_id: partnershipId, id, name, sector: 'local_authority', kind: 'statutory_partner' }).execute();
    return id;
  };
  const councilId = await agency('Council');
  const schoolId = await agency('School');
  const healthId = await agency('Health');
  const manager = await makeStaff(deps, partnershipId, councilId, ['partnership_manager']);
  const schoolSpoc = await makeStaff(deps, partnershipId, schoolId, ['spoc']);
  const nurse = await makeStaff(deps, partnershipId, healthId, ['practitioner']);
  return { partnershipId, councilId, schoolId, healthId, manager, schoolSpoc, nurse };
}

describe('agreement pages', () => {
  it('sets up an agreement, signs it item by item with the DPIA, and shows the register', async () => {
    const w = await world();
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');
    const manager = await signedIn(w.manager.email);
    assert.equal((await manager.get('/partnership/agreements/new')).statusCode, 200);
    const bad = await manager.post('/partnership/agreements/new', { title: '', 'effectiveOn-day': '31', 'effectiveOn-month': '2', 'effectiveOn-year': '2026' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /<title>Error: /);
    assert.deepEqual(errorLinks(bad.body).sort(), ['effectiveOn', 'parties', 'title']);
    const made = await manager.post('/partnership/agreements/new', {
      title: 'Wirral information sharing agreement',
      'effectiveOn-day': '1',
      'effectiveOn-month': '1',
      'effectiveOn-year': '2026',
      [`role-${w.councilId}`]: 'lead_signatory',
      [`role-${w.schoolId}`]: 'relevant_agency',
    });
    assert.equal(made.statusCode, 303);
    const href = made.headers.location as string;
    const page = await manager.get(href);
    assert.match(page.body, /Signature register/);
    assert.match(page.body, /Not signed/);
    assert.match(page.body, /1 January 2027/);
    assert.doesNotMatch(page.body, />None</);

    const officer = await signedIn(w.schoolSpoc.email);
    const form = await officer.get(`${href}/sign`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Wirral 2022 App\. 2 s\.7\.4/);
    const refused = await officer.post(`${href}/sign`, { signatoryName: 'Sue Spoc', signatoryTitle: 'Head teacher', 'signedOn-day': '19', 'signedOn-month': '11', 'signedOn-year': '2026' });
    assert.equal(refused.statusCode, 400);
    const links = errorLinks(refused.body);
    assert.ok(links.includes('checklist.secure-email.confirmed'));
    assert.ok(links.includes('privacyImpactAssessment.completedOn'));
    const checklist = Object.fromEntries(
      ctx.t.deps.packs.get('wirral-2022@2022.4')!.signatories.checklist.flatMap((i) => [
        [`checklist.${i.id}.confirmed`, 'yes'],
        [`checklist.${i.id}.evidence`, `Evidence for ${i.id}`],
      ]),
    );
    const signed = await officer.post(`${href}/sign`, {
      ...checklist,
      'privacyImpactAssessment.completedOn-day': '1',
      'privacyImpactAssessment.completedOn-month': '10',
      'privacyImpactAssessment.completedOn-year': '2026',
      'privacyImpactAssessment.outcome': 'risks_mitigated',
      'privacyImpactAssessment.risks': 'Misdirected e-mail',
      'privacyImpactAssessment.mitigations': 'Secure e-mail only',
      'dataStorage.location': 'United Kingdom',
      signatoryName: 'Sue Spoc',
      signatoryTitle: 'Head teacher',
      'signedOn-day': '19',
      'signedOn-month': '11',
      'signedOn-year': '2026',
    });
    assert.equal(signed.statusCode, 303);
    const after = await manager.get(href);
    assert.match(after.body, /Sue Spoc, Head teacher/);
    assert.match(after.body, /Signed 19 November 2026/);
    assert.match(after.body, /Evidence for secure-email/);
    const list = await manager.get('/partnership/agreements');
    assert.match(list.body, /1 of 2/);
    // The manager signs for no agency: no signing form.
    assert.equal((await manager.get(`${href}/sign`)).statusCode, 404);

    const lapsed = await manager.post(`${href}/lapse`, { agencyId: w.schoolId, reason: '' });
    assert.equal(lapsed.statusCode, 400);
    assert.deepEqual(errorLinks(lapsed.body), ['reason']);
    assert.equal((await manager.post(`${href}/lapse`, { agencyId: w.schoolId, reason: 'The signatory left' })).statusCode, 303);
    assert.match((await manager.get(href)).body, /Signature lapsed/);
  });

  it('answers Page not found for a second-tier agreement outside the agency', async () => {
    const w = await world();
    const manager = await signedIn(w.manager.email);
    const main = await manager.post('/partnership/agreements/new', {
      title: 'Main',
      'effectiveOn-day': '1',
      'effectiveOn-month': '1',
      'effectiveOn-year': '2026',
      [`role-${w.councilId}`]: 'lead_signatory',
      [`role-${w.schoolId}`]: 'relevant_agency',
      [`role-${w.healthId}`]: 'statutory_partner',
    });
    const mainId = (main.headers.location as string).split('/').pop()!;
    const tier = await manager.post('/partnership/agreements/new', {
      title: 'Education tier',
      parentId: mainId,
      purpose: 'Attendance information',
      'effectiveOn-day': '1',
      'effectiveOn-month': '2',
      'effectiveOn-year': '2026',
      [`role-${w.councilId}`]: 'lead_signatory',
      [`role-${w.schoolId}`]: 'relevant_agency',
    });
    assert.equal(tier.statusCode, 303);
    const nurse = await signedIn(w.nurse.email);
    assert.equal((await nurse.get(tier.headers.location as string)).statusCode, 404);
    assert.equal((await nurse.get(main.headers.location as string)).statusCode, 200);
    assert.equal((await nurse.get('/partnership/agreements/new')).statusCode, 404);
    assert.equal((await nurse.post('/partnership/agreements/new', { title: 'x' })).statusCode, 404);
  });
  it('records a review with errors beside the fields, and a statutory partner approves it (Wirral 2022 App. 2 s.5.3)', async () => {
    const w = await world();
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');
    const deps = ctx.t.deps;
    const councilSpoc = await makeStaff(deps, w.partnershipId, w.councilId, ['spoc']);
    const manager = await signedIn(w.manager.email);
    const made = await manager.post('/partnership/agreements/new', {
      title: 'Wirral information sharing agreement',
      [`role-${w.councilId}`]: 'statutory_partner',
      [`role-${w.schoolId}`]: 'relevant_agency',
    });
    const href = made.headers.location as string;
    assert.match((await manager.get(href)).body, /1 January 2023/, 'the protocol’s own effective date, so the first review is long overdue');
    const bad = await manager.post(`${href}/reviews`, { findings: '', 'heldOn-day': '1', 'heldOn-month': '11', 'heldOn-year': '2026', 'actions.0.action': 'Train' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorLinks(bad.body).sort(), ['actions.0.dueOn', 'actions.0.owner', 'findings', 'reportedOn']);
    const ok = await manager.post(`${href}/reviews`, {
      'heldOn-day': '1',
      'heldOn-month': '11',
      'heldOn-year': '2026',
      findings: 'Sharing works; secure e-mail to be refreshed',
      'reportedOn-day': '10',
      'reportedOn-month': '11',
      'reportedOn-year': '2026',
    });
    assert.equal(ok.statusCode, 303);
    const page = (await manager.get(href)).body;
    assert.match(page, /Review held 1 November 2026/);
    assert.match(page, /Waiting for: Council/);
    assert.doesNotMatch((await (await signedIn(w.schoolSpoc.email)).get(href)).body, /Approve the plan/, 'the school is not a statutory partner');
    const council = await signedIn(councilSpoc.email);
    const reviewId = (await deps.db.selectFrom('agreement_review').select('id').where('partnership_id', '=', w.partnershipId).executeTakeFirstOrThrow()).id;
    assert.match((await council.get(href)).body, /Approve the plan for Council/);
    assert.equal((await council.post(`${href}/reviews/${reviewId}/approve`, { agencyId: w.councilId })).statusCode, 303);
    assert.match((await council.get(href)).body, /Approved 20 November 2026/);
  });
});
