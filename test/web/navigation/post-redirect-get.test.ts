// Reload, Back and double submits (issue 15, "reloading 'API key created' made a second key"): a
// create form carries a one-time key, so sending it again creates nothing more and leads to what
// the first created (ADR 0071); a successful form answers with a redirect, and a secret it produced
// is shown once on the page it redirects to (ADR 0072). The API's creates take an Idempotency-Key.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { recordDecision } from '../../../src/use-cases/decisions/record-decision.ts';
import { Client, useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { makeWorld } from '../../support/factories.ts';
import { must, requestInput, shareAnswers, sharingPartnership, signedIn, walkDecision } from '../../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });

const submissionKey = (html: string) => /name="_submission" value="([^"]+)"/.exec(html)?.[1];

describe('post-redirect-get and one-time create forms', () => {
  it('"API key created" shows the secret once; a reload or a second send of the form makes no second key', async () => {
    const w = await makeWorld(ctx.t.deps);
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);
    const form = await c.get('/account/api-keys');
    const key = submissionKey(form.body);
    assert.ok(key, 'the create form carries a one-time key');
    const created = await c.post('/account/api-keys', { name: 'Case system', _submission: key });
    assert.equal(created.statusCode, 303, 'a redirect, not a page');
    assert.equal(created.headers.location, '/account/api-keys');
    const shown = await c.get('/account/api-keys');
    assert.match(shown.body, /API key created/);
    const secret = /id="token" type="text" readonly value="([^"]+)"/.exec(shown.body)?.[1];
    assert.match(secret ?? '', /^concord_[a-z0-9]{12}_/);
    const reloaded = await c.get('/account/api-keys');
    assert.doesNotMatch(reloaded.body, /API key created/);
    assert.ok(!reloaded.body.includes(secret!), 'the secret is not shown again');
    // Back to the form and "Create key" again (the browser sends the same form, with its key).
    const again = await c.post('/account/api-keys', { name: 'Case system', _submission: key });
    assert.equal(again.statusCode, 303);
    const told = await c.get('/account/api-keys');
    assert.match(told.body, /This key was already created/);
    assert.ok(!told.body.includes(secret!));
    const keys = await ctx.t.deps.db.selectFrom('api_key').select('id').where('user_id', '=', w.council.id).execute();
    assert.equal(keys.length, 1, 'one key');
    // A new form is a new key.
    const next = submissionKey(told.body);
    assert.notEqual(next, key);
    await c.post('/account/api-keys', { name: 'Second system', _submission: next! });
    assert.equal((await ctx.t.deps.db.selectFrom('api_key').select('id').where('user_id', '=', w.council.id).execute()).length, 2);
  });

  it('a request form sent twice (double click, Back and send) makes one request and leads to it both times', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    const social = await signedIn(ctx.app, p.social.email);
    const url = `/children/${p.childId}/requests/new`;
    const form = await social.get(url);
    const key = submissionKey(form.body)!;
    // An invalid send creates nothing and keeps the key usable for the corrected form.
    const invalid = await social.post(url, { _submission: key });
    assert.equal(invalid.statusCode, 400);
    const fields = { ...(requestInput(p.policeId) as Record<string, string>), _submission: key };
    const first = await social.post(url, fields);
    const second = await social.post(url, fields);
    assert.equal(first.statusCode, 303);
    assert.equal(second.statusCode, 303);
    assert.equal(second.headers.location, first.headers.location, 'the second send leads to the first request');
    const rows = await ctx.t.deps.db.selectFrom('info_request').select('id').where('child_id', '=', p.childId).execute();
    assert.equal(rows.length, 1);
  });

  it('the API’s creates take an Idempotency-Key: a retry answers with the first outcome; the key re-used for another body is refused', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    const social = await signedIn(ctx.app, p.social.email);
    const csrf = social.csrf;
    const call = (body: unknown, key?: string) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/v1/children/${p.childId}/requests`,
        headers: { cookie: social.cookie, 'x-csrf-token': csrf, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
        payload: JSON.stringify(body),
      });
    const body = requestInput(p.policeId);
    const first = await call(body, 'retry-0001');
    assert.equal(first.statusCode, 201, first.body);
    const retry = await call(body, 'retry-0001');
    assert.equal(retry.statusCode, 201);
    assert.equal(retry.json().id, first.json().id, 'the same request');
    const other = await call({ ...body, reason: 'Something else entirely' }, 'retry-0001');
    assert.equal(other.statusCode, 409);
    assert.match(String(other.headers['content-type']), /problem\+json/);
    const bad = await call(body, 'short');
    assert.equal(bad.statusCode, 422);
    assert.equal((await ctx.t.deps.db.selectFrom('info_request').select('id').where('child_id', '=', p.childId).execute()).length, 1);
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    assert.ok(doc.paths['/children/{childId}/requests'].post.parameters.some((x: { $ref?: string }) => x.$ref === '#/components/parameters/IdempotencyKey'));
  });

  it('recording a decision happens once: the form carries a key, a double click answers with the first decision, and the API takes an Idempotency-Key', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    const social = await signedIn(ctx.app, p.social.email);
    const recordPage = await walkDecision(social, `/children/${p.childId}/decisions/new`, p.childId);
    assert.ok(submissionKey(recordPage.body), 'the record form carries a one-time key');
    const answers = { ...shareAnswers };
    const record = { action: 'shared', recipientAgencyId: p.policeId, purposeDetail: 'Safety planning', informationShared: 'Contact details', reasons: 'Asking would increase risk' };
    const decisions = async () => (await ctx.t.deps.db.selectFrom('decision').select('id').where('child_id', '=', p.childId).execute()).length;
    const submission = { key: 'form-key-0001', fingerprint: 'form' };
    const first = must(await recordDecision(ctx.t.deps, p.social.actor, p.childId, { answers, record, submission }));
    const second = must(await recordDecision(ctx.t.deps, p.social.actor, p.childId, { answers, record, submission }));
    assert.equal(second.decisionId, first.decisionId, 'the second submission leads to the first decision');
    assert.equal(second.replayed, true);
    assert.equal(second.decision.outcome, first.decision.outcome, 'with its advice');
    assert.equal(await decisions(), 1, 'one decision');
    const audited = await ctx.t.deps.db.selectFrom('audit_event').select('id').where('action', '=', 'decision.recorded').where('child_id', '=', p.childId).execute();
    assert.equal(audited.length, 1, 'one audit event');
    // An invalid submission records nothing and leaves the key for the corrected form.
    const other = { key: 'form-key-0002', fingerprint: 'form' };
    assert.equal((await recordDecision(ctx.t.deps, p.social.actor, p.childId, { answers, record: { ...record, purposeDetail: '' }, submission: other })).kind, 'invalid');
    assert.notEqual(must(await recordDecision(ctx.t.deps, p.social.actor, p.childId, { answers, record, submission: other })).decisionId, first.decisionId);
    assert.equal(await decisions(), 2);

    const call = (key: string) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/v1/children/${p.childId}/decisions`,
        headers: { cookie: social.cookie, 'x-csrf-token': social.csrf, 'content-type': 'application/json', 'idempotency-key': key },
        payload: JSON.stringify({ answers, record }),
      });
    const viaApi = await call('api-retry-0001');
    assert.equal(viaApi.statusCode, 201, viaApi.body);
    const retried = await call('api-retry-0001');
    assert.equal(retried.statusCode, 201);
    assert.equal(retried.json().id, viaApi.json().id);
    assert.equal(await decisions(), 3);
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    assert.ok(doc.paths['/children/{childId}/decisions'].post.parameters.some((x: { $ref?: string }) => x.$ref === '#/components/parameters/IdempotencyKey'));
  });
});
