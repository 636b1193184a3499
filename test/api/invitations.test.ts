// Invitations through the JSON API (ADR 0084): add with `invite`, read the invitation's state,
// send again, withdraw; out of reach is 404 and a refused change 409, each parsed with the schema
// the OpenAPI document is generated from.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { staffChangedSchema, staffMemberSchema } from '../../src/api/people-schemas.ts';
import { problemSchema } from '../../src/api/schemas.ts';
import { createApiKey } from '../../src/use-cases/accounts/create-api-key.ts';
import { useTestApp } from '../support/app.ts';
import { openTestDb } from '../support/db.ts';
import { makeStaff, makeWorld } from '../support/factories.ts';

const ctx = useTestApp(openTestDb, { before, after });

const keyFor = async (actor: Parameters<typeof createApiKey>[1]) => {
  const k = await createApiKey(ctx.t.deps, actor, { name: 'System' });
  if (k.kind !== 'ok') assert.fail('no key');
  return k.value.token;
};
const call = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });

describe('/api/v1/staff/{id}/invitation', () => {
  it('an administrator invites, re-invites and withdraws; another agency gets 404; nothing to withdraw is 409', async () => {
    const w = await makeWorld(ctx.t.deps);
    const admin = await makeStaff(ctx.t.deps, w.partnershipId, w.councilId, ['administrator']);
    const token = await keyFor(admin.actor);
    const added = await call(token, 'POST', '/staff', { email: 'api.invitee@council.test', displayName: 'Api Invitee', roles: ['practitioner'], invite: true });
    assert.equal(added.statusCode, 201);
    const { id, invited } = staffChangedSchema.parse(added.json());
    assert.equal(invited, true);
    const one = staffMemberSchema.parse((await call(token, 'GET', `/staff/${id}`)).json());
    assert.equal(one.invitation?.state, 'pending');
    assert.equal(new Date(one.invitation!.expiresAt).getTime() - new Date(one.invitation!.sentAt).getTime(), 7 * 86_400_000);

    const again = await call(token, 'POST', `/staff/${id}/invitation`);
    assert.equal(again.statusCode, 200);
    assert.equal(staffChangedSchema.parse(again.json()).invited, true);
    const mails = await ctx.t.deps.db.selectFrom('email_outbox').select('id').where('to_address', '=', 'api.invitee@council.test').execute();
    assert.equal(mails.length, 2);

    const schoolAdmin = await makeStaff(ctx.t.deps, w.partnershipId, w.schoolId, ['administrator']);
    const other = await keyFor(schoolAdmin.actor);
    assert.equal((await call(other, 'POST', `/staff/${id}/invitation`)).statusCode, 404);
    assert.equal((await call(other, 'POST', `/staff/${id}/invitation/revoke`)).statusCode, 404);

    assert.equal((await call(token, 'POST', `/staff/${id}/invitation/revoke`)).statusCode, 200);
    assert.equal(staffMemberSchema.parse((await call(token, 'GET', `/staff/${id}`)).json()).invitation?.state, 'revoked');
    const nothing = await call(token, 'POST', `/staff/${id}/invitation/revoke`);
    assert.equal(nothing.statusCode, 409);
    assert.equal(problemSchema.parse(nothing.json()).detail, 'There is no invitation waiting to be used.');
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> };
    for (const p of ['/staff/{userId}/invitation', '/staff/{userId}/invitation/revoke']) assert.ok(doc.paths[p] ?? doc.paths[`/api/v1${p}`], `${p} is in the OpenAPI document`);
  });
});
