// Staff and agencies through the JSON API, each response parsed with the schema the OpenAPI
// document is generated from.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { agencyApiKeysSchema, agencyChangedSchema, agencyListSchema, staffChangedSchema, staffListSchema, staffMemberSchema } from '../../src/api/people-schemas.ts';
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
const call = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });

describe('/api/v1/staff and /api/v1/agencies', () => {
  it('an agency administrator adds, reads, updates and disables staff; another agency’s is 404', async () => {
    const w = await makeWorld(ctx.t.deps);
    const admin = await makeStaff(ctx.t.deps, w.partnershipId, w.councilId, ['administrator']);
    const token = await keyFor(admin.actor);
    const bad = await call(token, 'POST', '/staff', { email: 'nope', displayName: '', roles: ['wizard'] });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      problemSchema
        .parse(bad.json())
        .errors?.map((e) => e.path)
        .sort(),
      ['displayName', 'email', 'roles.0'],
    );
    const added = await call(token, 'POST', '/staff', { email: 'new@council.test', displayName: 'New Person', roles: ['ig_lead'] });
    assert.equal(added.statusCode, 201);
    const { id, href } = staffChangedSchema.parse(added.json());
    assert.equal(href, `/api/v1/staff/${id}`);
    const one = staffMemberSchema.parse((await call(token, 'GET', `/staff/${id}`)).json());
    assert.deepEqual(one.roles, ['ig_lead']);
    const list = staffListSchema.parse((await call(token, 'GET', '/staff')).json());
    assert.ok(list.staff.some((s) => s.id === id));
    assert.ok(list.agencies[0]!.missingRoles.includes('spoc'));
    const updated = await call(token, 'PUT', `/staff/${id}`, { email: 'new@council.test', displayName: 'New Person', roles: ['ig_lead', 'caldicott_guardian'] });
    assert.equal(staffChangedSchema.parse(updated.json()).credentialsRevoked, true);
    assert.equal((await call(token, 'POST', `/staff/${id}/checks`, { kind: 'pre_employment_check', completedOn: '2026-10-01' })).statusCode, 201);
    assert.equal((await call(token, 'POST', `/staff/${id}/disable`)).statusCode, 200);
    assert.equal((await call(token, 'POST', `/staff/${id}/disable`)).statusCode, 409);
    assert.equal((await call(token, 'GET', `/staff/${w.school.id}`)).statusCode, 404);
    const practitioner = await keyFor(w.council.actor);
    assert.equal((await call(practitioner, 'GET', '/staff')).statusCode, 403);
    // The agency's keys.
    const keys = agencyApiKeysSchema.parse((await call(token, 'GET', '/agency-api-keys')).json());
    const practitionerKey = keys.keys.find((k) => k.holder.id === w.council.id);
    assert.ok(practitionerKey?.expiresAt);
    assert.equal((await call(token, 'POST', `/agency-api-keys/${practitionerKey.id}/revoke`)).statusCode, 204);
    assert.equal((await call(practitioner, 'GET', '/staff')).statusCode, 401);
  });

  it('the partnership manager adds an agency and suspends one; nobody else can', async () => {
    const w = await makeWorld(ctx.t.deps);
    const pm = await makeStaff(ctx.t.deps, w.partnershipId, w.councilId, ['partnership_manager']);
    const token = await keyFor(pm.actor);
    const added = await call(token, 'POST', '/agencies', { name: 'Riverside Academy', sector: 'education', kind: 'relevant_agency' });
    assert.equal(added.statusCode, 201);
    const { id } = agencyChangedSchema.parse(added.json());
    assert.equal((await call(token, 'POST', `/agencies/${id}/suspend`, {})).statusCode, 422);
    assert.deepEqual(agencyChangedSchema.parse((await call(token, 'POST', `/agencies/${id}/suspend`, { reason: 'Board decision' })).json()).membership, 'suspended');
    const list = agencyListSchema.parse((await call(token, 'GET', '/agencies')).json());
    assert.equal(list.agencies.find((a) => a.id === id)?.membershipReason, 'Board decision');
    const other = await keyFor(w.council.actor);
    assert.equal((await call(other, 'GET', '/agencies')).statusCode, 403);
    assert.equal((await call(other, 'POST', `/agencies/${id}/reinstate`, {})).statusCode, 404);
  });

  it('every operation is in the OpenAPI document', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, { operationId: string }>> };
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    for (const op of [
      'listStaff',
      'addStaffMember',
      'getStaffMember',
      'updateStaffMember',
      'disableStaffMember',
      'enableStaffMember',
      'recordStaffCheck',
      'listAgencyApiKeys',
      'revokeAgencyApiKey',
      'listAgencies',
      'addAgency',
      'suspendAgency',
      'reinstateAgency',
      'leaveAgency',
    ]) {
      assert.ok(ids.includes(op), op);
    }
  });
});
