// Every answer under /api/ that is not a success is an RFC 9457 problem document, never an HTML
// page or Fastify's own error JSON: unknown paths and versions, wrong methods, bodies that do not
// parse or are too large or of the wrong type, a missing or bad key, too many calls, and a failure
// inside the server (issue 15: "unknown /api/v1/... paths answer with an HTML page").
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createApiKey } from '../../src/use-cases/accounts/create-api-key.ts';
import { buildApp, useTestApp } from '../support/app.ts';
import { openTestDb } from '../support/db.ts';
import { makeWorld } from '../support/factories.ts';
import { shareAnswers } from '../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
interface BadCall {
  why: string;
  method: Method;
  url: string;
  status: number;
  keyed?: boolean;
  headers?: Record<string, string>;
  payload?: string;
}

const CHILD = '00000000-0000-4000-8000-000000000000';
const big = JSON.stringify({ note: 'x'.repeat(300 * 1024) });

const BAD_CALLS: BadCall[] = [
  { why: 'no API key', method: 'GET', url: `/api/v1/children/${CHILD}`, status: 401 },
  { why: 'a revoked or made-up key', method: 'GET', url: `/api/v1/children/${CHILD}`, status: 401, headers: { authorization: 'Bearer concord_nope' } },
  { why: 'a record that is not there', method: 'GET', url: `/api/v1/children/${CHILD}`, status: 404, keyed: true },
  { why: 'an unknown path', method: 'GET', url: '/api/v1/nope', status: 404, keyed: true },
  { why: 'an unknown path, without a key', method: 'GET', url: '/api/v1/nope/deeper', status: 404 },
  { why: 'an unknown version', method: 'GET', url: '/api/v2/children', status: 404 },
  { why: 'the bare prefix', method: 'GET', url: '/api', status: 404 },
  { why: 'a wrong method on a known path', method: 'DELETE', url: `/api/v1/children/${CHILD}`, status: 404, keyed: true },
  { why: 'PATCH on a known path', method: 'PATCH', url: '/api/v1/decisions/evaluate', status: 404, keyed: true },
  { why: 'OPTIONS', method: 'OPTIONS', url: '/api/v1/decisions/evaluate', status: 404 },
  { why: 'a body that is not JSON', method: 'POST', url: '/api/v1/decisions/evaluate', status: 400, keyed: true, headers: { 'content-type': 'application/json' }, payload: '{"purpose":' },
  { why: 'a body that is not JSON, at an unknown path', method: 'POST', url: '/api/v1/nope', status: 400, headers: { 'content-type': 'application/json' }, payload: '{"purpose":' },
  { why: 'a body that is too large', method: 'POST', url: '/api/v1/decisions/evaluate', status: 413, keyed: true, headers: { 'content-type': 'application/json' }, payload: big },
  { why: 'a body that is too large, at an unknown path', method: 'POST', url: '/api/nope', status: 413, headers: { 'content-type': 'application/json' }, payload: big },
  { why: 'a body of another type', method: 'POST', url: '/api/v1/decisions/evaluate', status: 415, keyed: true, headers: { 'content-type': 'text/xml' }, payload: '<answers/>' },
  { why: 'a form body', method: 'POST', url: '/api/v1/decisions/evaluate', status: 415, keyed: true, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'purpose=x' },
  { why: 'a control character', method: 'POST', url: '/api/v1/decisions/evaluate', status: 400, keyed: true, headers: { 'content-type': 'application/json' }, payload: '{"purpose":"a\\u0000b"}' },
  { why: 'answers that fail validation', method: 'POST', url: '/api/v1/decisions/evaluate', status: 422, keyed: true, headers: { 'content-type': 'application/json' }, payload: '{"purpose":"nope"}' },
];

/** A problem document: its content type, status, and RFC 9457 members. */
function assertProblem(res: LightMyRequestResponse, status: number, why: string) {
  assert.equal(res.statusCode, status, `${why}: status`);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/, `${why}: content type`);
  assert.equal(res.headers['cache-control'], 'no-store', `${why}: not cached`);
  const body = res.json() as Record<string, unknown>;
  assert.match(String(body.type), /^urn:concord:problem:[a-z-]+$/, `${why}: type`);
  assert.equal(typeof body.title, 'string', `${why}: title`);
  assert.equal(body.status, status, `${why}: status member`);
  assert.match(String(body.instance), /^urn:concord:request:/, `${why}: instance`);
  assert.doesNotMatch(res.body, /<html|stack|at .*\.ts:/i, `${why}: no page, no stack`);
}

describe('problem+json for every /api/ path', () => {
  it('answers each bad call with a problem document', async () => {
    const w = await makeWorld(ctx.t.deps);
    const key = await createApiKey(ctx.t.deps, w.council.actor, { name: 'Case system' });
    if (key.kind !== 'ok') assert.fail();
    for (const call of BAD_CALLS) {
      const headers = { ...(call.keyed ? { authorization: `Bearer ${key.value.token}` } : {}), ...call.headers };
      const res = await ctx.app.inject({ method: call.method, url: call.url, headers, ...(call.payload !== undefined ? { payload: call.payload } : {}) });
      assertProblem(res, call.status, call.why);
    }
  });

  it('answers a failure inside the server with a 500 problem that says nothing about the failure', async () => {
    const w = await makeWorld(ctx.t.deps);
    const key = await createApiKey(ctx.t.deps, w.council.actor, { name: 'Case system' });
    if (key.kind !== 'ok') assert.fail();
    const now = ctx.t.deps.now;
    ctx.t.deps.now = () => {
      throw new Error('the clock at /srv/concord/secret.ts:1 failed');
    };
    try {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/children/${CHILD}`, headers: { authorization: `Bearer ${key.value.token}` } });
      assertProblem(res, 500, 'a failure');
      assert.doesNotMatch(res.body, /secret|clock/);
    } finally {
      ctx.t.deps.now = now;
    }
  });

  it('answers too many calls with a 429 problem and Retry-After (API_RATE_LIMIT per client address)', async () => {
    const limited = await buildApp(ctx.t, { apiRateLimit: 5 });
    after(() => limited.close());
    let res: LightMyRequestResponse | undefined;
    for (let i = 0; i < 6; i += 1) {
      res = await limited.inject({ method: 'POST', url: '/api/v1/decisions/evaluate', remoteAddress: '192.0.2.77', payload: shareAnswers });
      if (res.statusCode === 429) break;
    }
    assert.ok(res);
    assertProblem(res, 429, 'too many calls');
    assert.ok(Number(res.headers['retry-after']) > 0, 'says when to try again');
    // Another client is not held back.
    const other = await limited.inject({ method: 'POST', url: '/api/v1/decisions/evaluate', remoteAddress: '192.0.2.78', payload: shareAnswers });
    assert.equal(other.statusCode, 401);
  });
});
