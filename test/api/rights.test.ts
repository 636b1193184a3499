// Rights requests over the JSON API: a subject access request from receipt to the downloaded PDF
// with the police consulted; responses parsed with their documented schemas; 404 out of scope, 422
// with field paths, 409 for a step that cannot happen now; the OpenAPI document names it all.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { consultationListSchema, packCreatedSchema, rightsCreatedSchema, rightsListSchema, rightsStepResultSchema, rightsViewSchema } from '../../src/api/rights-schemas.ts';
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
  const json = String(res.headers['content-type']).includes('json');
  return { status: res.statusCode, body: json && res.body ? JSON.parse(res.body) : undefined, raw: res.rawPayload, type: String(res.headers['content-type']) };
}

describe('the rights requests API', () => {
  it('takes a subject access request from receipt to the response pack, consulting the source agency', async () => {
    const deps = ctx.t.deps;
    const p = await sharingPartnership(deps);
    await deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
    const councilIg = await makeStaff(deps, p.partnershipId, p.councilId, ['ig_lead']);
    const policeIg = await makeStaff(deps, p.partnershipId, p.policeId, ['ig_lead']);
    const token = async (s: { actor: Parameters<typeof createApiKey>[1] }) => must(await createApiKey(deps, s.actor, { name: 'Case system' })).token;
    const [council, police] = [await token(councilIg), await token(policeIg)];
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');
    const decision = must(
      await recordDecision(deps, p.officer.actor, p.childId, {
        answers: shareAnswers,
        record: { action: 'shared', recipientAgencyId: p.councilId, purposeDetail: 'Safeguarding concern', informationShared: 'Call-outs', reasons: 'Risk of harm' },
      }),
    );
    const pack = await deps.db.selectFrom('partnership').select('pack').where('id', '=', p.partnershipId).executeTakeFirstOrThrow();
    const label = deps.packs.get(pack.pack)!.informationLevels.find((l) => l.level === 'detailed')!.items[0]!;
    must(await sendDisclosure(deps, p.officer.actor, { decisionId: decision.decisionId, items: [{ level: 'detailed', label, value: 'Two call-outs', kind: 'fact' }] }));
    ctx.t.clock.now = new Date('2026-11-23T10:00:00Z');

    const bad = await call(council, 'POST', '/rights-requests', { kind: 'access', requesterKind: 'parent', receivedAt: 'last week', summary: 'Everything' });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e: { path: string }) => e.path).sort(), ['receivedAt']);
    const created = await call(council, 'POST', '/rights-requests', { kind: 'access', requesterKind: 'parent', childId: p.childId, receivedAt: '2026-11-23', summary: 'Everything about my daughter' });
    assert.equal(created.status, 201);
    const { id } = rightsCreatedSchema.parse(created.body);
    assert.equal((await call(police, 'GET', `/rights-requests/${id}`)).status, 404);
    assert.equal((await call(council, 'POST', `/rights-requests/${id}/answer`, { outcome: 'complied' })).status, 409, 'waiting for identity');
    const verified = rightsStepResultSchema.parse(
      (await call(council, 'POST', `/rights-requests/${id}/identity`, { verifiedAt: '2026-11-23', basis: 'parental_responsibility', childCompetent: false, evidence: 'Passport' })).body,
    );
    assert.equal(verified.dueAt, '2026-12-23T23:59:59.999Z');
    assert.equal(rightsListSchema.parse((await call(council, 'GET', '/rights-requests')).body).requests.length, 1);

    assert.equal((await call(council, 'POST', `/rights-requests/${id}/consultations`)).status, 204);
    assert.equal((await call(council, 'POST', `/rights-requests/${id}/packs`)).status, 409, 'the police have not answered');
    const [c] = consultationListSchema.parse((await call(police, 'GET', '/rights-requests/consultations')).body).consultations;
    assert.equal((await call(police, 'POST', `/rights-requests/consultations/${c!.id}`, { answer: 'none' })).status, 204);

    const view = rightsViewSchema.parse((await call(council, 'GET', `/rights-requests/${id}`)).body);
    assert.deepEqual(
      view.access!.sources.map((s) => s.name),
      ['Police'],
    );
    assert.equal(view.consultations[0]!.answer, 'none');
    const produced = await call(council, 'POST', `/rights-requests/${id}/packs`);
    assert.equal(produced.status, 201);
    const { links } = packCreatedSchema.parse(produced.body);
    const pdf = await call(council, 'GET', links.download.replace('/api/v1', ''));
    assert.equal(pdf.status, 200);
    assert.equal(pdf.type, 'application/pdf');
    assert.match(pdf.raw.toString('latin1'), /\/StructTreeRoot/);
    assert.equal((await call(police, 'GET', links.download.replace('/api/v1', ''))).status, 404);

    const doc = (await call(council, 'GET', '/openapi.json')).body;
    for (const path of ['/rights-requests', '/rights-requests/{requestId}', '/rights-requests/{requestId}/packs/{packId}', '/rights-requests/consultations/{consultationId}'])
      assert.ok(doc.paths[path], path);
  });
});
