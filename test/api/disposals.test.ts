// Retention and disposal over the JSON API: the review list, review steps with 422/409/404, disposal
// with a certificate; every response parsed with its documented schema; the OpenAPI document names
// every operation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { certificateViewSchema, disposalRunSchema, disposalsSchema, reviewResultSchema } from '../../src/api/disposal-schemas.ts';
import { createApiKey } from '../../src/use-cases/accounts/create-api-key.ts';
import { findRecordsDue } from '../../src/use-cases/retention/find-records-due.ts';
import { useTestApp } from '../support/app.ts';
import { openTestDb } from '../support/db.ts';
import { markedRecords, markers } from '../support/retention.ts';
import { must } from '../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });

async function call(token: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await ctx.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined, type: String(res.headers['content-type']) };
}

describe('the disposals API', () => {
  it('lists the review, holds, approves and disposes with a certificate', async () => {
    const deps = ctx.t.deps;
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');
    const w = await markedRecords(deps, markers());
    const token = async (s: { actor: Parameters<typeof createApiKey>[1] }) => must(await createApiKey(deps, s.actor, { name: 'Records system' })).token;
    ctx.t.clock.now = new Date('2032-11-21T00:00:00Z');
    await findRecordsDue(deps);
    // API keys last 90 days: these are made when the records are due.
    const [council, police, social] = [await token(w.councilIg), await token(w.policeIg), await token(w.social)];

    assert.equal((await call(social, 'GET', '/disposals')).status, 404, 'IG leads only');
    const list = disposalsSchema.parse((await call(council, 'GET', '/disposals')).body);
    const copy = list.pending.find((r) => r.kind === 'disclosure_received')!;
    assert.equal(copy.recordId, w.disclosureId);

    const bad = await call(council, 'POST', '/disposals/review', { reviewIds: [copy.id], action: 'hold', reason: 'Inquiry' });
    assert.equal(bad.status, 422);
    assert.match(bad.type, /problem\+json/);
    assert.deepEqual(
      bad.body.errors.map((e: { path: string }) => e.path),
      ['holdKind'],
    );
    assert.equal((await call(council, 'POST', '/disposals/review', { reviewIds: [copy.id], action: 'shred' })).status, 422);
    assert.equal((await call(police, 'POST', '/disposals/review', { reviewIds: [copy.id], action: 'approve' })).status, 404, 'another agency’s record');

    const held = reviewResultSchema.parse((await call(council, 'POST', '/disposals/review', { reviewIds: [copy.id], action: 'hold', holdKind: 'litigation', reason: 'Civil claim 2032' })).body);
    assert.equal(held.status, 'held');
    const blocked = await call(council, 'POST', '/disposals/review', { reviewIds: [copy.id], action: 'approve' });
    assert.equal(blocked.status, 409);
    assert.match(blocked.body.detail, /legal hold/);
    must({ kind: 'ok', value: (await call(council, 'POST', '/disposals/review', { reviewIds: [copy.id], action: 'release', reason: 'Claim settled' })).body });
    reviewResultSchema.parse((await call(council, 'POST', '/disposals/review', { reviewIds: [copy.id], action: 'approve' })).body);

    const run = disposalRunSchema.parse((await call(council, 'POST', '/disposals/run')).body);
    assert.equal(run.disposed, 1);
    const cert = certificateViewSchema.parse((await call(council, 'GET', `/disposals/certificates/${run.certificates[0]!.id}`)).body);
    assert.deepEqual([cert.kind, cert.count, cert.agency], ['disclosure_received', 1, 'Council']);
    assert.equal((await call(police, 'GET', `/disposals/certificates/${cert.id}`)).status, 404);
    const originator = disposalsSchema.parse((await call(police, 'GET', '/disposals')).body);
    assert.deepEqual(
      originator.disposedByRecipients.map((d) => [d.disclosureId, d.recipient]),
      [[w.disclosureId, 'Council']],
    );

    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const path of ['/disposals', '/disposals/review', '/disposals/run', '/disposals/certificates/{certificateId}']) assert.ok(doc.paths[path], path);
  });
});
