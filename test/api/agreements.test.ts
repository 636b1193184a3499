// The agreement register over the JSON API: set up on the partnership's pack, signed by the
// nominated officer with the checklist (Southampton 2010 s.18), the register parsed with its
// documented schema, 404 out of scope, 422 with field paths, 409 for a lapse that cannot happen,
// and the OpenAPI document names every operation.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { agreementCreatedSchema, agreementListSchema, agreementViewSchema } from '../../src/api/agreement-schemas.ts';
import { createApiKey } from '../../src/use-cases/accounts/create-api-key.ts';
import { useTestApp } from '../support/app.ts';
import { openTestDb } from '../support/db.ts';
import { makePartnership, makeStaff } from '../support/factories.ts';
import { must } from '../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });

async function call(token: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await ctx.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined, type: String(res.headers['content-type']) };
}

describe('the agreement register API', () => {
  it('sets up an agreement under Southampton 2010, signs it item by item, and lists the register', async () => {
    const deps = ctx.t.deps;
    const PACK = 'southampton-2010@2010.4';
    const partnershipId = await makePartnership(deps);
    await deps.db.updateTable('partnership').set({ pack: PACK }).where('id', '=', partnershipId).execute();
    const agency = async (name: string) => {
      const id = randomUUID();
      await deps.db.insertInto('agency').values({ partnership_id: partnershipId, id, name, sector: 'health', kind: 'statutory_partner' }).execute();
      return id;
    };
    const [councilId, healthId, outsideId] = [await agency('Council'), await agency('Health'), await agency('Housing')];
    const token = async (s: { actor: Parameters<typeof createApiKey>[1] }) => must(await createApiKey(deps, s.actor, { name: 'Register' })).token;
    const manager = await token(await makeStaff(deps, partnershipId, councilId, ['partnership_manager']));
    const caldicott = await token(await makeStaff(deps, partnershipId, healthId, ['caldicott_guardian']));
    const outsider = await token(await makeStaff(deps, partnershipId, outsideId, ['spoc']));
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');

    const bad = await call(manager, 'POST', '/agreements', { title: 'x', effectiveOn: 'soon', parties: [] });
    assert.equal(bad.status, 422);
    assert.match(bad.type, /problem\+json/);
    assert.deepEqual(bad.body.errors.map((e: { path: string }) => e.path).sort(), ['effectiveOn', 'parties']);
    assert.equal((await call(caldicott, 'POST', '/agreements', { title: 'x' })).status, 404, 'only the manager sets up');
    const created = await call(manager, 'POST', '/agreements', {
      title: 'Southampton information sharing protocol',
      effectiveOn: '2026-04-01',
      parties: [
        { agencyId: councilId, role: 'lead_signatory' },
        { agencyId: healthId, role: 'statutory_partner' },
      ],
    });
    assert.equal(created.status, 201);
    const { id } = agreementCreatedSchema.parse(created.body);
    const checklist = Object.fromEntries(deps.packs.get(PACK)!.signatories.checklist.map((i) => [i.id, { confirmed: true, evidence: `Policy ref ${i.id}` }]));
    assert.equal(checklist && Object.keys(checklist).length, 20, 'Southampton 2010 s.18: the twenty requirements');
    const missing = await call(caldicott, 'POST', `/agreements/${id}/signatures`, {
      agencyId: healthId,
      checklist: {},
      dataStorage: { location: 'United Kingdom' },
      signatoryName: 'Cal Guardian',
      signatoryTitle: 'Caldicott guardian',
      signedOn: '2026-11-19',
    });
    assert.equal(missing.status, 422);
    assert.equal(missing.body.errors.length, 20);
    const signed = await call(caldicott, 'POST', `/agreements/${id}/signatures`, {
      agencyId: healthId,
      checklist,
      dataStorage: { location: 'United Kingdom' },
      signatoryName: 'Cal Guardian',
      signatoryTitle: 'Caldicott guardian',
      signedOn: '2026-11-19',
    });
    assert.equal(signed.status, 201);

    const view = agreementViewSchema.parse((await call(caldicott, 'GET', `/agreements/${id}/register`)).body);
    const health = view.parties.find((x) => x.agency.id === healthId)!;
    assert.equal(health.standing, 'in_force');
    assert.equal(health.signature?.checklist.length, 20);
    assert.equal(view.parties.find((x) => x.agency.id === councilId)!.standing, 'not_signed');
    assert.equal(view.nextReviewOn, '2028-04-01', 'Southampton 2010 s.17: reviewed two years on');
    const list = agreementListSchema.parse((await call(outsider, 'GET', '/agreements')).body);
    assert.equal(list.agreements[0]!.inForce, 1);

    assert.equal((await call(outsider, 'POST', `/agreements/${id}/signatures`, { agencyId: healthId, checklist, signatoryName: 'X', signatoryTitle: 'Y', signedOn: '2026-11-19' })).status, 422);
    assert.equal((await call(outsider, 'GET', `/agreements/${randomUUID()}/register`)).status, 404);
    assert.equal((await call(manager, 'POST', `/agreements/${id}/lapses`, { agencyId: councilId, reason: 'Left' })).status, 409, 'nothing to lapse');
    assert.equal((await call(manager, 'POST', `/agreements/${id}/lapses`, { agencyId: healthId, reason: 'The Caldicott guardian left' })).status, 201);
    assert.equal(agreementViewSchema.parse((await call(manager, 'GET', `/agreements/${id}/register`)).body).parties.find((x) => x.agency.id === healthId)!.standing, 'lapsed');
    assert.equal((await call(manager, 'POST', `/agreements/${id}/documents`, { kind: 'signed_agreement', title: 'Signed protocol', reference: 'Records/ISP/2026' })).status, 201);

    // A review (Southampton 2010 inherits the baseline: every party approves; no reporting limit).
    const badReview = await call(manager, 'POST', `/agreements/${id}/reviews`, { heldOn: '2026-11-01', findings: '', reportedOn: '2026-10-31' });
    assert.equal(badReview.status, 422);
    assert.deepEqual(badReview.body.errors.map((e: { path: string }) => e.path).sort(), ['findings']);
    assert.equal((await call(caldicott, 'POST', `/agreements/${id}/reviews`, { heldOn: '2026-11-01', findings: 'f', reportedOn: '2026-11-02' })).status, 404, 'only the manager records a review');
    const review = await call(manager, 'POST', `/agreements/${id}/reviews`, {
      heldOn: '2026-11-01',
      findings: 'Requests answered on time',
      reportedOn: '2026-11-10',
      actions: [{ action: 'Refresh training', owner: 'Council IG lead', dueOn: '2027-01-31' }],
    });
    assert.equal(review.status, 201);
    const reviewId = agreementCreatedSchema.parse(review.body).id;
    assert.equal((await call(caldicott, 'POST', `/agreements/${id}/reviews/${reviewId}/approvals`, {})).status, 201);
    assert.equal((await call(caldicott, 'POST', `/agreements/${id}/reviews/${reviewId}/approvals`, {})).status, 409);
    const reviewed = agreementViewSchema.parse((await call(manager, 'GET', `/agreements/${id}/register`)).body);
    assert.equal(reviewed.nextReviewOn, '2027-11-01', 'the baseline’s yearly cycle from the review');
    assert.deepEqual(
      reviewed.reviews[0]!.approvals.map((a) => [a.agency.name, a.approved]),
      [
        ['Council', false],
        ['Health', true],
      ],
    );

    const doc = await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const paths = JSON.parse(doc.body).paths;
    for (const p of [
      '/agreements',
      '/agreements/{agreementId}/register',
      '/agreements/{agreementId}/signatures',
      '/agreements/{agreementId}/documents',
      '/agreements/{agreementId}/lapses',
      '/agreements/{agreementId}/reviews',
      '/agreements/{agreementId}/reviews/{reviewId}/approvals',
    ])
      assert.ok(paths[p], p);
  });
});
