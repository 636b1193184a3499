// Changes to the agreement and documents on request over the JSON API: a party proposes a move to a
// new protocol version, the parties the pack names agree (422 for one it does not name, 409 twice),
// the changes and the waiting move are read with their documented schema (ADR 0088); a party asks
// another for a document, the holder answers, and the request is 404 to anyone else (ADR 0089).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { agreementChangesSchema, documentRequestSchema } from '../../src/api/agreement-schemas.ts';
import { createApiKey } from '../../src/use-cases/accounts/create-api-key.ts';
import { useTestApp } from '../support/app.ts';
import { openTestDb } from '../support/db.ts';
import { ensureAgreement, makeStaff } from '../support/factories.ts';
import { must, sharingPartnership } from '../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });
const OLD = 'national-baseline@2026.4';
const NEW = 'national-baseline@2027.3';

async function call(token: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await ctx.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined, type: String(res.headers['content-type']) };
}

describe('agreement changes and documents on request over the API', () => {
  it('proposes, agrees and reads a move to a new version; asks for and answers a document request', async () => {
    const deps = ctx.t.deps;
    if (!deps.packs.get(NEW)) deps.packs.add({ ...deps.packs.get(OLD)!, version: '2027.3' });
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');
    const w = await sharingPartnership(deps);
    const agreementId = await ensureAgreement(deps, w.partnershipId);
    const schoolSpoc = await makeStaff(deps, w.partnershipId, w.schoolId, ['spoc']);
    const token = async (s: { actor: Parameters<typeof createApiKey>[1] }) => must(await createApiKey(deps, s.actor, { name: 'Register' })).token;
    const [council, police, school, health, practitioner] = [await token(w.frontDoor), await token(w.policeSpoc), await token(schoolSpoc), await token(w.nurse), await token(w.officer)];
    const base = `/agreements/${agreementId}`;

    const bad = await call(police, 'POST', `${base}/changes`, { summary: 'Adopt 2027', toPack: NEW });
    assert.equal(bad.status, 422);
    assert.match(bad.type, /problem\+json/);
    assert.deepEqual(
      bad.body.errors.map((e: { path: string }) => e.path),
      ['effectiveOn'],
    );
    const proposed = await call(police, 'POST', `${base}/changes`, { summary: 'Adopt 2027', toPack: NEW, effectiveOn: '2026-12-01' });
    assert.equal(proposed.status, 201);
    const changeId = proposed.body.id as string;
    assert.equal((await call(practitioner, 'POST', `${base}/changes/${changeId}/approvals`, {})).status, 422, 'a practitioner does not agree for the police');
    for (const t of [council, police, school]) assert.equal((await call(t, 'POST', `${base}/changes/${changeId}/approvals`, {})).status, 201);
    assert.equal((await call(police, 'POST', `${base}/changes/${changeId}/approvals`, {})).status, 409);
    assert.equal((await call(health, 'POST', `${base}/changes/${changeId}/approvals`, {})).status, 201);
    const changes = await call(police, 'GET', `${base}/changes`);
    assert.equal(changes.status, 200);
    const parsed = agreementChangesSchema.parse(changes.body);
    assert.equal(parsed.move?.pack, NEW);
    assert.equal(parsed.move?.on, '2026-12-01');
    assert.equal(parsed.changes[0]!.status, 'agreed');
    assert.ok(parsed.changes[0]!.approvals.every((a) => a.agreed));
    const register = await call(police, 'GET', `${base}/register`);
    assert.ok(
      register.body.parties.every((p: { standing: string }) => p.standing === 'in_force'),
      'old signatures stand until the date',
    );

    const asked = await call(police, 'POST', `${base}/document-requests`, { holderAgencyId: w.schoolId, kind: 'security_summary', detail: 'Summary security document', dueOn: '2026-12-04' });
    assert.equal(asked.status, 201);
    const href = asked.body.links.self.replace('/api/v1', '') as string;
    assert.equal((await call(practitioner, 'GET', href)).status, 404);
    assert.equal((await call(school, 'POST', `${href}/answer`, { answer: 'decline' })).status, 422);
    assert.equal((await call(school, 'POST', `${href}/answer`, { answer: 'decline', reason: 'Being rewritten; ask again in January' })).status, 201);
    assert.equal((await call(school, 'POST', `${href}/answer`, { answer: 'decline', reason: 'again' })).status, 409);
    const read = documentRequestSchema.parse((await call(police, 'GET', href)).body);
    assert.equal(read.state, 'declined');
    assert.equal(read.declineReason, 'Being rewritten; ask again in January');

    const openapi = JSON.parse((await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).body);
    for (const p of ['/agreements/{agreementId}/changes', '/agreements/{agreementId}/changes/{changeId}/approvals', '/agreements/{agreementId}/document-requests/{requestId}/answer'])
      assert.ok(openapi.paths[p], p);
  });
});
