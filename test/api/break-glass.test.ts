// Break-glass access over the JSON API (ADR 0050): requested, granted at once under the national
// baseline, seen and reviewed by the child's lead agency; every response parsed with its documented
// schema; 422 with field paths, 404 out of reach, 409 for a second review; the OpenAPI document names it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { breakGlassListSchema, breakGlassRequestedSchema, breakGlassReviewedSchema, breakGlassViewSchema } from '../../src/api/break-glass.ts';
import { createApiKey } from '../../src/use-cases/accounts/create-api-key.ts';
import { addChild } from '../../src/use-cases/children/add-child.ts';
import { useTestApp } from '../support/app.ts';
import { openTestDb } from '../support/db.ts';
import { childInput, makeStaff, makeWorld } from '../support/factories.ts';

const ctx = useTestApp(openTestDb, { before, after });

async function call(token: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await ctx.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

describe('the break-glass API', () => {
  it('requests, shows and reviews break-glass access', async () => {
    const deps = ctx.t.deps;
    ctx.t.clock.now = new Date();
    const w = await makeWorld(deps);
    const lead = await makeStaff(deps, w.partnershipId, w.councilId, ['ig_lead']);
    await addChild(deps, w.council.actor, childInput());
    const key = async (actor: Parameters<typeof createApiKey>[1]) => {
      const k = await createApiKey(deps, actor, { name: 'Case system' });
      return k.kind === 'ok' ? k.value.token : '';
    };
    const [school, ig] = [await key(w.school.actor), await key(lead.actor)];

    const bad = await call(school, 'POST', '/break-glass', { nhsNumber: '123', dateOfBirth: '2017-03-27', reason: 'short' });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e: { path: string }) => e.path).sort(), ['nhsNumber', 'reason']);

    const made = await call(school, 'POST', '/break-glass', { nhsNumber: '9990000018', dateOfBirth: '2017-03-27', reason: 'Seen at A&E tonight; need to know of any protection plan' });
    assert.equal(made.status, 201);
    const requested = breakGlassRequestedSchema.parse(made.body);
    assert.equal(requested.status, 'granted');

    const list = breakGlassListSchema.parse((await call(ig, 'GET', '/break-glass')).body);
    assert.deepEqual(
      list.breakGlass.map((b) => [b.id, b.awaitingOurReview]),
      [[requested.id, true]],
    );
    const view = breakGlassViewSchema.parse((await call(ig, 'GET', `/break-glass/${requested.id}`)).body);
    assert.equal(view.rule.grant, 'immediate');
    assert.equal(view.mayReview, true);
    assert.equal((await call(school, 'POST', `/break-glass/${requested.id}/review`, { outcome: 'appropriate' })).status, 404);
    const reviewed = await call(ig, 'POST', `/break-glass/${requested.id}/review`, { outcome: 'appropriate' });
    assert.equal(reviewed.status, 200);
    assert.deepEqual(breakGlassReviewedSchema.parse(reviewed.body), { breachId: null });
    assert.equal((await call(ig, 'POST', `/break-glass/${requested.id}/review`, { outcome: 'appropriate' })).status, 409);

    const doc = (await call(school, 'GET', '/openapi.json')).body;
    for (const path of ['/break-glass', '/break-glass/{breakGlassId}', '/break-glass/{breakGlassId}/approve', '/break-glass/{breakGlassId}/refuse', '/break-glass/{breakGlassId}/review'])
      assert.ok(doc.paths[path], path);
  });
});
