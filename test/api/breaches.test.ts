// The breach register over the JSON API: reported, triaged, graded, decided and closed under a
// pack; every response parsed with its documented schema; 404 out of scope, 422 with field paths,
// 409 for a step that cannot happen now; returning a disclosure; the OpenAPI document names it all.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { breachCreatedSchema, breachRegisterSchema, breachStepResultSchema, breachViewSchema } from '../../src/api/breach-schemas.ts';
import { createApiKey } from '../../src/use-cases/accounts/create-api-key.ts';
import { recordDecision } from '../../src/use-cases/decisions/record-decision.ts';
import { sendDisclosure } from '../../src/use-cases/disclosures/send-disclosure.ts';
import { useTestApp } from '../support/app.ts';
import { openTestDb } from '../support/db.ts';
import { makeStaff } from '../support/factories.ts';
import { must, shareAnswers, sharingPartnership } from '../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });

async function call(token: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await ctx.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined, type: String(res.headers['content-type']) };
}

describe('the breach register API', () => {
  it('takes a breach from report to closure under Sandwell 2022, and a returned disclosure opens an incident', async () => {
    const deps = ctx.t.deps;
    const p = await sharingPartnership(deps);
    await deps.db.updateTable('partnership').set({ pack: 'sandwell-2022@2022.4' }).where('id', '=', p.partnershipId).execute();
    await deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
    const token = async (s: { actor: Parameters<typeof createApiKey>[1] }) => must(await createApiKey(deps, s.actor, { name: 'Case system' })).token;
    const policeIg = await makeStaff(deps, p.partnershipId, p.policeId, ['ig_lead']);
    const healthIg = await makeStaff(deps, p.partnershipId, p.healthId, ['ig_lead']);
    const [officer, ig, outsider, door] = [await token(p.officer), await token(policeIg), await token(healthIg), await token(p.frontDoor)];
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');

    const bad = await call(officer, 'POST', '/breaches', { what: 'x', how: 'y', identifiedAt: 'yesterday', childIds: [p.childId] });
    assert.equal(bad.status, 422);
    assert.match(bad.type, /problem\+json/);
    assert.deepEqual(
      bad.body.errors.map((e: { path: string }) => e.path),
      ['identifiedAt'],
    );
    const created = await call(officer, 'POST', '/breaches', {
      what: 'Case notes e-mailed to a personal address',
      how: 'Noticed in the sent folder',
      identifiedAt: '2026-11-20T09:00:00Z',
      childIds: [p.childId],
    });
    assert.equal(created.status, 201);
    const { id } = breachCreatedSchema.parse(created.body);
    const seen = breachViewSchema.parse((await call(ig, 'GET', `/breaches/${id}`)).body);
    assert.equal(seen.leadAgency.id, p.policeId, 'Sandwell s.13.2: the agency whose employee disclosed it');
    assert.deepEqual(
      seen.clocks.map((c) => [c.id, c.state]),
      [
        ['report-internally', 'met'],
        ['ico', 'running'],
      ],
    );
    assert.equal((await call(outsider, 'GET', `/breaches/${id}`)).status, 404);

    assert.equal((await call(ig, 'POST', `/breaches/${id}/close`, { outcome: 'x', lessons: 'y' })).status, 409);
    breachStepResultSchema.parse((await call(ig, 'POST', `/breaches/${id}/triage`, { outcome: 'confirm' })).body);
    assert.equal((await call(ig, 'POST', `/breaches/${id}/assess`, { grade: 'huge', note: 'x' })).status, 422);
    assert.equal((await call(ig, 'POST', `/breaches/${id}/assess`, { grade: 'no likely risk', note: 'Recalled unread' })).status, 200);
    assert.equal((await call(ig, 'POST', `/breaches/${id}/ico`, { decision: 'not_reported', reasons: 'No likely risk: recalled unread within the hour' })).status, 200);
    assert.equal((await call(ig, 'POST', `/breaches/${id}/individuals`, { decision: 'not_told', reasons: 'No likely risk' })).status, 200);
    assert.equal((await call(ig, 'POST', `/breaches/${id}/actions`, { note: 'Reminder issued to the team' })).status, 200);
    const closed = await call(ig, 'POST', `/breaches/${id}/close`, { outcome: 'No harm', lessons: 'Use secure e-mail only' });
    assert.equal(breachStepResultSchema.parse(closed.body).status, 'closed');
    const final = breachViewSchema.parse((await call(ig, 'GET', `/breaches/${id}`)).body);
    assert.equal(final.ico.decision, 'not_reported');
    assert.equal(final.clocks.find((c) => c.id === 'ico')!.state, 'met');
    const register = breachRegisterSchema.parse((await call(ig, 'GET', '/breaches')).body);
    assert.deepEqual(
      register.breaches.map((b) => b.id),
      [id],
    );

    // Returning a disclosure.
    const label = deps.packs.get('sandwell-2022@2022.4')!.informationLevels.find((l) => l.level === 'detailed')!.items[0]!;
    const decision = must(
      await recordDecision(deps, p.officer.actor, p.childId, {
        answers: shareAnswers,
        record: { action: 'shared', recipientAgencyId: p.councilId, purposeDetail: 'Concern', informationShared: 'Notes', reasons: 'Risk' },
      }),
    );
    const sent = must(await sendDisclosure(deps, p.officer.actor, { decisionId: decision.decisionId, items: [{ level: 'detailed', label, value: 'x', kind: 'fact' }] }));
    assert.equal((await call(outsider, 'POST', `/disclosures/${sent.disclosureId}/return`, { reason: 'wrong_child' })).status, 404);
    const returned = await call(door, 'POST', `/disclosures/${sent.disclosureId}/return`, { reason: 'wrong_child' });
    assert.equal(returned.status, 201);
    const incident = breachViewSchema.parse((await call(ig, 'GET', `/breaches/${returned.body.id}`)).body);
    assert.equal(incident.kind, 'returned_disclosure');
    assert.equal((await call(door, 'POST', `/disclosures/${sent.disclosureId}/return`, { reason: 'wrong_child' })).status, 409);

    const doc = await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const paths = Object.keys(JSON.parse(doc.body).paths ?? {});
    assert.ok(paths.includes('/breaches/{breachId}/ico') && paths.includes('/disclosures/{disclosureId}/return'), paths.join(', '));
  });
});
