import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiKey } from '../../src/use-cases/accounts/create-api-key.ts';
import { revokeApiKey } from '../../src/use-cases/accounts/revoke-api-key.ts';
import { addChild } from '../../src/use-cases/children/add-child.ts';
import { Client, useTestApp } from '../support/app.ts';
import { openTestDb } from '../support/db.ts';
import { auditOf, childInput, makeWorld } from '../support/factories.ts';
import { shareAnswers } from '../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });

async function setup() {
  const w = await makeWorld(ctx.t.deps);
  const child = await addChild(ctx.t.deps, w.council.actor, childInput({ nhsNumber: null }));
  if (child.kind !== 'ok') assert.fail();
  const key = await createApiKey(ctx.t.deps, w.council.actor, { name: 'Case system' });
  if (key.kind !== 'ok') assert.fail();
  const schoolKey = await createApiKey(ctx.t.deps, w.school.actor, { name: 'School MIS' });
  if (schoolKey.kind !== 'ok') assert.fail();
  return { w, childId: child.value.childId, token: key.value.token, keyId: key.value.id, schoolToken: schoolKey.value.token };
}

const call = (method: 'GET' | 'POST', url: string, token?: string, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });

describe('JSON API /api/v1', () => {
  it('publishes an OpenAPI 3.1 document generated from the schemas', async () => {
    const res = await call('GET', '/api/v1/openapi.json');
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    // The requests-and-disclosures paths are checked in api-exchange.test.ts; disputes, complaints
    // and the register in api-disputes.test.ts; the breach register's in api-breaches.test.ts; staff
    // and agencies in people.test.ts; retention and disposal in disposals.test.ts; rights requests in rights.test.ts;
    // break-glass access in break-glass.test.ts.
    const exchange =
      /^\/(requests|disclosures|agreements|corrections|disputes|complaints|registers|breaches|break-glass|staff|agencies|agency-api-keys|disposals|rights-requests)\b|^\/children\/\{childId\}\/requests$/;
    assert.deepEqual(
      Object.keys(doc.paths)
        .filter((p) => !exchange.test(p))
        .sort(),
      [
        '/audit/checkpoints/latest',
        '/audit/consistency',
        '/audit/events/{eventId}/inclusion',
        '/audit/public-key',
        '/children/{childId}',
        '/children/{childId}/decisions',
        '/decisions/evaluate',
        '/decisions/{decisionId}',
        '/decisions/{decisionId}/approval',
        '/decisions/{decisionId}/withdrawal',
      ],
    );
    assert.deepEqual(doc.components.schemas.Answers.properties.purpose.enum.includes('early_help'), true);
    assert.ok(doc.components.schemas.RecordDecision.properties.record);
  });

  it('requires authentication, as problem+json', async () => {
    const res = await call('POST', '/api/v1/decisions/evaluate', undefined, shareAnswers);
    assert.equal(res.statusCode, 401);
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
    const bad = await call('GET', '/api/v1/children/00000000-0000-4000-8000-000000000000', 'concord_nope');
    assert.equal(bad.statusCode, 401);
  });

  it('answers any other path or method under /api/ with a problem+json 404, signed in or not', async () => {
    const { token } = await setup();
    const unknown: ['GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD', string][] = [
      ['GET', '/api/v1/nope'],
      ['GET', '/api/nope'],
      ['GET', '/api'],
      ['GET', '/api/'],
      ['GET', '/api/v1'],
      ['GET', '/api/v2/children'],
      ['POST', '/api/v1/nope'],
      ['DELETE', '/api/v1/requests'],
      ['PUT', '/api/v1/children/00000000-0000-4000-8000-000000000000'],
      ['HEAD', '/api/nope'],
    ];
    for (const [method, url] of unknown) {
      for (const headers of [{}, { authorization: `Bearer ${token}` }]) {
        const res = await ctx.app.inject({ method, url, headers });
        assert.equal(res.statusCode, 404, `${method} ${url}`);
        assert.match(res.headers['content-type'] as string, /^application\/problem\+json/, `${method} ${url}`);
        if (method !== 'HEAD') assert.equal(res.json().title, 'Not found');
      }
    }
    // A web page whose path merely starts with "api" is still a web page.
    const page = await ctx.app.inject({ method: 'GET', url: '/apiary' });
    assert.equal(page.statusCode, 404);
    assert.match(page.headers['content-type'] as string, /^text\/html/);
  });

  it('evaluates answers exactly as the engine does, with field-level errors for bad answers', async () => {
    const { token } = await setup();
    const ok = await call('POST', '/api/v1/decisions/evaluate', token, shareAnswers);
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().outcome, 'share');
    assert.ok(ok.json().rules.length > 0);
    const bad = await call('POST', '/api/v1/decisions/evaluate', token, { purpose: 'gossip', identifiable: 'yes', extra: 1 });
    assert.equal(bad.statusCode, 422);
    const paths = bad.json().errors.map((e: { path: string }) => e.path);
    assert.ok(paths.includes('purpose'), JSON.stringify(paths));
    assert.ok(bad.json().errors.every((e: { pointer: string }) => e.pointer.startsWith('/')));
  });

  it("evaluates under the partnership's protocol pack by default, or any loaded pack named by ?pack", async () => {
    const { w, token } = await setup();
    const under13 = {
      purpose: 'early_help',
      identifiable: true,
      level: 'minimum',
      confidential: true,
      childAge: 12,
      consent: 'refused',
      consentConflict: false,
      harm: 'none',
      sexualActivityUnder13: true,
    };
    const base = await call('POST', '/api/v1/decisions/evaluate', token, under13);
    assert.equal(base.statusCode, 200);
    assert.equal(base.json().pack, 'national-baseline@2026.4');
    assert.equal(base.json().outcome, 'seek_advice');

    const derby = await call('POST', '/api/v1/decisions/evaluate?pack=derby-derbyshire-2015@2015.4', token, under13);
    assert.equal(derby.statusCode, 200);
    assert.equal(derby.json().pack, 'derby-derbyshire-2015@2015.4');
    assert.equal(derby.json().outcome, 'share');
    assert.match(derby.json().rules[0].clause, /^Derby 2015 s\.3/);

    // The partnership moves to Sandwell's protocol: its default changes with it (Sandwell 2022 s.1.7).
    await ctx.t.deps.db.updateTable('partnership').set({ pack: 'sandwell-2022@2022.4' }).where('id', '=', w.partnershipId).execute();
    const childInNeed = { purpose: 'child_in_need', identifiable: true, level: 'minimum', confidential: true, childAge: 9, consent: 'not_yet_asked', harm: 'none', sexualActivityUnder13: false };
    const sandwell = await call('POST', '/api/v1/decisions/evaluate', token, childInNeed);
    assert.equal(sandwell.json().pack, 'sandwell-2022@2022.4');
    assert.equal(sandwell.json().outcome, 'share');
    const asBaseline = await call('POST', '/api/v1/decisions/evaluate?pack=national-baseline@2026.4', token, childInNeed);
    assert.equal(asBaseline.json().outcome, 'do_not_share');
  });

  it('refuses an unknown ?pack with a 422 problem at path "pack", alongside any answer errors', async () => {
    const { token } = await setup();
    const res = await call('POST', '/api/v1/decisions/evaluate?pack=nowhere@1', token, shareAnswers);
    assert.equal(res.statusCode, 422);
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
    assert.deepEqual(
      res.json().errors.map((e: { path: string; pointer: string }) => [e.path, e.pointer]),
      [['pack', '/pack']],
    );
    assert.match(res.json().errors[0].message, /There is no protocol pack "nowhere@1"/);
    const both = await call('POST', '/api/v1/decisions/evaluate?pack=national-baseline@1999.1', token, { purpose: 'gossip' });
    assert.deepEqual(
      both.json().errors.map((e: { path: string }) => e.path),
      ['purpose', 'pack'],
    );
  });

  it("records a decision under the partnership's pack and stores the pack with it", async () => {
    const { w, childId, token } = await setup();
    await ctx.t.deps.db.updateTable('partnership').set({ pack: 'derby-derbyshire-2015@2015.4' }).where('id', '=', w.partnershipId).execute();
    const answers = {
      purpose: 'early_help',
      identifiable: true,
      level: 'minimum',
      confidential: true,
      childAge: 12,
      consent: 'refused',
      consentConflict: false,
      harm: 'none',
      sexualActivityUnder13: true,
    };
    const record = { action: 'shared', recipientAgencyId: w.schoolId, purposeDetail: 'Referral', informationShared: 'The disclosure (fact)', reasons: 'Derby 2015 s.3: all under-13s are referred' };
    const res = await call('POST', `/api/v1/children/${childId}/decisions`, token, { answers, record });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().decision.outcome, 'share');
    assert.equal(res.json().decision.pack, 'derby-derbyshire-2015@2015.4');
    const read = await call('GET', res.json().links.self, token);
    assert.equal(read.json().pack, 'derby-derbyshire-2015@2015.4');
    assert.equal(read.json().result.pack, 'derby-derbyshire-2015@2015.4');
  });

  it('records a decision, reads it back, and shows it on the child', async () => {
    const { w, childId, token } = await setup();
    const record = { action: 'shared', recipientAgencyId: w.schoolId, purposeDetail: 'Strategy discussion', informationShared: 'Visit dates (fact)', reasons: 'Asking would increase the risk' };
    const res = await call('POST', `/api/v1/children/${childId}/decisions`, token, { answers: shareAnswers, record });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json();
    assert.equal(res.headers.location, `/api/v1/decisions/${created.id}`);
    assert.equal(created.decision.outcome, 'share');
    const read = await call('GET', created.links.self, token);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().informationShared, 'Visit dates (fact)');
    assert.equal(read.json().recipient.name, 'School');
    const child = await call('GET', `/api/v1/children/${childId}`, token);
    assert.equal(child.statusCode, 200);
    assert.deepEqual(
      child.json().decisions.map((d: { id: string }) => d.id),
      [created.id],
    );
    const actions = (await auditOf(ctx.t.deps, w.partnershipId)).filter((e) => e.via === 'api').map((e) => e.action);
    assert.deepEqual(actions, ['decision.recorded', 'decision.viewed', 'child.viewed']);
  });

  it('records a decision not to share, requiring reasons', async () => {
    const { w, childId, token } = await setup();
    const answers = {
      purpose: 'early_help',
      identifiable: true,
      level: 'minimum',
      confidential: true,
      childAge: 9,
      consent: 'refused',
      consentConflict: false,
      harm: 'emerging_needs',
      sexualActivityUnder13: false,
    };
    const missing = await call('POST', `/api/v1/children/${childId}/decisions`, token, { answers, record: { action: 'not_shared', recipientAgencyId: w.schoolId, purposeDetail: 'Early help' } });
    assert.equal(missing.statusCode, 422);
    assert.deepEqual(
      missing.json().errors.map((e: { path: string }) => e.path),
      ['record.reasons'],
    );
    const ok = await call('POST', `/api/v1/children/${childId}/decisions`, token, {
      answers,
      record: { action: 'not_shared', recipientAgencyId: w.schoolId, purposeDetail: 'Early help', reasons: 'Consent refused; no safeguarding concern' },
    });
    assert.equal(ok.statusCode, 201);
    assert.equal(ok.json().decision.outcome, 'do_not_share');
  });

  it('answers 404 for children and decisions outside the agency, and audits the attempt', async () => {
    const { w, childId, token, schoolToken } = await setup();
    const created = await call('POST', `/api/v1/children/${childId}/decisions`, token, {
      answers: shareAnswers,
      record: { action: 'shared', recipientAgencyId: w.schoolId, purposeDetail: 'x', informationShared: 'y', reasons: 'z' },
    });
    assert.equal((await call('GET', `/api/v1/children/${childId}`, schoolToken)).statusCode, 404);
    assert.equal((await call('GET', `/api/v1/decisions/${created.json().id}`, schoolToken)).statusCode, 404);
    assert.equal((await call('POST', `/api/v1/children/${childId}/decisions`, schoolToken, { answers: shareAnswers, record: {} })).statusCode, 404);
    assert.equal((await call('GET', '/api/v1/children/not-a-uuid', schoolToken)).statusCode, 404);
    const denied = (await auditOf(ctx.t.deps, w.partnershipId)).filter((e) => e.outcome === 'denied').map((e) => e.action);
    assert.deepEqual(denied, ['child.viewed', 'decision.viewed', 'decision.recorded']);
  });

  it('stops accepting a revoked key at once', async () => {
    const { w, childId, token, keyId } = await setup();
    assert.equal((await call('GET', `/api/v1/children/${childId}`, token)).statusCode, 200);
    await revokeApiKey(ctx.t.deps, w.council.actor, keyId);
    assert.equal((await call('GET', `/api/v1/children/${childId}`, token)).statusCode, 401);
  });

  it('accepts a signed-in session, with the CSRF token required for writes', async () => {
    const { w, childId } = await setup();
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);
    const read = await ctx.app.inject({ method: 'GET', url: `/api/v1/children/${childId}`, headers: { cookie: c.cookie } });
    assert.equal(read.statusCode, 200);
    const noToken = await ctx.app.inject({ method: 'POST', url: '/api/v1/decisions/evaluate', headers: { cookie: c.cookie }, payload: shareAnswers });
    assert.equal(noToken.statusCode, 403);
    const withToken = await ctx.app.inject({ method: 'POST', url: '/api/v1/decisions/evaluate', headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: shareAnswers });
    assert.equal(withToken.statusCode, 200);
  });

  it('rejects a malformed body with a clear problem', async () => {
    const { token } = await setup();
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/decisions/evaluate', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: '{"purpose":' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().title, 'Bad request');
  });
});
