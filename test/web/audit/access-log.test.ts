// The audit log for people: "who has seen this child's record" for the lead agency and IG staff,
// an agency's own access log as CSV (formula-safe) or JSON for its IG staff, and the audit API for
// IG staff — everyone else gets "not found".
// test: alone on PostgreSQL (it waits for the audit sequencer; see scripts/test.ts)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as V from '../../../src/audit-verifier/index.ts';
import { checkInclusion } from '../../../src/cli/audit.ts';
import { createApiKey } from '../../../src/use-cases/accounts/create-api-key.ts';
import { addChild } from '../../../src/use-cases/children/add-child.ts';
import { viewChild } from '../../../src/use-cases/children/view-child.ts';
import { Client, useTestApp } from '../../support/app.ts';
import { settle, trusted, verify } from '../../support/audit.ts';
import { openTestDb } from '../../support/db.ts';
import { childInput, makeAgency, makeStaff, makeWorld } from '../../support/factories.ts';

const ctx = useTestApp(openTestDb, { before, after });

let world: ReturnType<typeof setup> | undefined;
/** One partnership for the whole file, built on first use (after the app's database is open). */
const state = () => (world ??= setup());
async function setup() {
  const deps = ctx.t.deps;
  const w = await makeWorld(deps);
  const policeId = await makeAgency(deps, w.partnershipId, 'Police', 'police');
  const councilIg = await makeStaff(deps, w.partnershipId, w.councilId, ['ig_lead']);
  const schoolIg = await makeStaff(deps, w.partnershipId, w.schoolId, ['caldicott_guardian']);
  const policeIg = await makeStaff(deps, w.partnershipId, policeId, ['ig_lead']);
  // A name a spreadsheet would run as a formula.
  await deps.db.updateTable('staff_user').set({ display_name: '=HYPERLINK("http://evil.example","click")' }).where('id', '=', w.school.id).execute();
  const held = await addChild(deps, w.council.actor, childInput());
  assert.equal(held.kind, 'ok');
  const childId = held.kind === 'ok' ? held.value.childId : '';
  // The school knows the child too (same NHS number and date of birth): involved, not the holder.
  const linked = await addChild(deps, w.school.actor, childInput());
  assert.ok(linked.kind === 'ok' && linked.value.linkedToExisting);
  await viewChild(deps, w.school.actor, childId);
  await viewChild(deps, policeIg.actor, childId); // refused: the police are not involved
  return { w, childId, councilIg, schoolIg, policeIg };
}

async function signedIn(email: string) {
  const c = new Client(ctx.app);
  await c.signIn(email);
  return c;
}

describe('who has seen this child’s record', () => {
  it('the lead agency sees every access, with refusals, and a link to it from the record', async () => {
    const s = await state();
    const c = await signedIn(s.w.council.email);
    const child = await c.get(`/children/${s.childId}`);
    assert.match(child.body, new RegExp(`href="/children/${s.childId}/access-log">Who has seen this record`));
    const res = await c.get(`/children/${s.childId}/access-log`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">Who has seen this record<\/h1>/);
    assert.match(res.body, /Viewed the record/);
    assert.match(res.body, /Refused: no access/);
    assert.match(res.body, /Police/);
    assert.match(res.body, /Added the record/);
    assert.match(res.body, /Recorded their agency as involved/);
    // Escaped, not run.
    assert.match(res.body, /=HYPERLINK\(&quot;http:\/\/evil.example&quot;,&quot;click&quot;\)/);
    const audited = await ctx.t.deps.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'child_id'])
      .where('actor_user_id', '=', s.w.council.id)
      .where('action', '=', 'child.access-log-viewed')
      .execute();
    assert.deepEqual(audited, [{ action: 'child.access-log-viewed', outcome: 'ok', child_id: s.childId }]);
  });

  it("an involved agency's IG staff see it; its practitioners, and agencies not involved, get 404", async () => {
    const s = await state();
    assert.equal((await (await signedIn(s.schoolIg.email)).get(`/children/${s.childId}/access-log`)).statusCode, 200);
    const practitioner = await signedIn(s.w.school.email);
    const page = await practitioner.get(`/children/${s.childId}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Who has seen this record/);
    assert.equal((await practitioner.get(`/children/${s.childId}/access-log`)).statusCode, 404);
    assert.equal((await (await signedIn(s.policeIg.email)).get(`/children/${s.childId}/access-log`)).statusCode, 404);
    assert.equal((await practitioner.get(`/children/${s.childId}/access-log?page=banana`)).statusCode, 404);
    const denied = await ctx.t.deps.db.selectFrom('audit_event').select(['actor_user_id', 'outcome']).where('action', '=', 'child.access-log-viewed').where('outcome', '=', 'denied').execute();
    assert.deepEqual(new Set(denied.map((d) => d.actor_user_id)), new Set([s.w.school.id, s.policeIg.id]));
  });
});

describe("an agency's own access log", () => {
  it('IG staff download it as CSV with formula injection escaped, or as JSON; both are audited', async () => {
    const s = await state();
    await settle(ctx.t.deps);
    const c = await signedIn(s.schoolIg.email);
    const form = await c.get('/audit/export');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Download your agency's access log/);
    assert.match(form.body, /href="\/audit\/export"/, 'in the navigation');
    const csv = await c.post('/audit/export', { format: 'csv', period: 'all' });
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /^text\/csv; charset=utf-8/);
    assert.match(csv.headers['content-disposition'] as string, /^attachment; filename="access-log-school-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = csv.body.trim().split('\r\n');
    assert.equal(lines[0], 'occurred_at,event_id,leaf_index,staff_name,staff_user_id,agency,action,description,outcome,subject_type,subject_id,child_id,via,correlation_id,details');
    assert.ok(lines.length >= 3);
    assert.ok(
      lines.slice(1).every((l) => l.includes(',School,')),
      'only this agency’s staff',
    );
    assert.ok(
      lines.some((l) => l.includes(`'=HYPERLINK(""http://evil.example"",""click"")`)),
      'the formula is escaped with a leading quote',
    );
    assert.ok(!lines.some((l) => /(^|,)=HYPERLINK/.test(l)));

    const json = await c.post('/audit/export', { format: 'json', period: '30-days' });
    assert.equal(json.statusCode, 200);
    const body = json.json() as { agencyName: string; entries: { agencyId: string; leafIndex: number | null; action: string }[] };
    assert.equal(body.agencyName, 'School');
    assert.ok(body.entries.length >= 2);
    assert.ok(body.entries.every((e) => e.agencyId === s.w.schoolId));
    assert.ok(
      body.entries.some((e) => e.leafIndex !== null),
      'sequenced entries carry their leaf index',
    );
    const exports = await ctx.t.deps.db.selectFrom('audit_event').select('details').where('actor_user_id', '=', s.schoolIg.id).where('action', '=', 'audit-log.exported').execute();
    assert.deepEqual(
      exports.map((e) => (e.details as { format: string }).format),
      ['csv', 'json'],
    );
  });

  it('shows errors for a tampered form, and is "not found" for anyone but IG staff', async () => {
    const s = await state();
    const c = await signedIn(s.councilIg.email);
    const bad = await c.post('/audit/export', { format: 'xlsx', period: 'forever' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /govuk-error-summary/);
    assert.match(bad.body, /Select CSV or JSON/);
    const p = await signedIn(s.w.council.email);
    assert.equal((await p.get('/audit/export')).statusCode, 404);
    assert.doesNotMatch((await p.get('/children')).body, /href="\/audit\/export"/);
    assert.equal((await p.post('/audit/export', { format: 'csv', period: 'all' })).statusCode, 404);
  });
});

describe('the audit API', () => {
  const call = (url: string, token?: string) => ctx.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('publishes the public key to anyone; gives checkpoints and proofs to IG staff only', async () => {
    const s = await state();
    await settle(ctx.t.deps);
    const pub = await call('/api/v1/audit/public-key');
    assert.equal(pub.statusCode, 200);
    const key = pub.json() as { algorithm: string; publicKey: string; keyId: string; verifierKey: string };
    assert.equal(key.algorithm, 'Ed25519');
    const trustedKey = V.trustKey(key.publicKey);
    assert.equal(trustedKey.keyId, key.keyId);
    assert.equal(V.trustKey(key.verifierKey).keyId, key.keyId);

    const ig = await createApiKey(ctx.t.deps, s.councilIg.actor, { name: 'IG' });
    const practitioner = await createApiKey(ctx.t.deps, s.w.council.actor, { name: 'case system' });
    assert.ok(ig.kind === 'ok' && practitioner.kind === 'ok');
    const [igToken, pToken] = [ig.value.token, practitioner.value.token];

    const latest = await call('/api/v1/audit/checkpoints/latest', igToken);
    assert.equal(latest.statusCode, 200);
    const cp = latest.json() as { treeSize: number; note: string };
    assert.equal(V.checkSignature(V.parseNote(cp.note), [trustedKey]), 'valid');

    const event = await ctx.t.deps.db.selectFrom('audit_event').select('id').where('partnership_id', '=', s.w.partnershipId).orderBy('id').executeTakeFirstOrThrow();
    const proof = await call(`/api/v1/audit/events/${event.id}/inclusion`, igToken);
    assert.equal(proof.statusCode, 200, proof.body);
    assert.deepEqual(checkInclusion(proof.json(), [trustedKey]), []);
    const older = await call(`/api/v1/audit/events/${event.id}/inclusion?treeSize=1`, igToken);
    assert.equal(older.statusCode, 200);
    assert.equal(older.json().checkpoint, null, 'no checkpoint of size 1: the root is only the server’s word');
    assert.equal((await call(`/api/v1/audit/events/${event.id}/inclusion?treeSize=zero`, igToken)).statusCode, 422);

    const consistency = await call(`/api/v1/audit/consistency?first=1&second=${cp.treeSize}`, igToken);
    assert.equal(consistency.statusCode, 200);
    const c = consistency.json() as { first: number; second: number; firstRootHash: string; secondRootHash: string; proof: string[] };
    assert.ok(
      V.verifyConsistency(
        c.first,
        c.second,
        Buffer.from(c.firstRootHash, 'hex'),
        Buffer.from(c.secondRootHash, 'hex'),
        c.proof.map((h) => Buffer.from(h, 'hex')),
      ),
    );
    assert.equal((await call('/api/v1/audit/consistency?first=2', igToken)).statusCode, 422);

    for (const url of ['/api/v1/audit/checkpoints/latest', `/api/v1/audit/events/${event.id}/inclusion`, '/api/v1/audit/consistency?first=1&second=2']) {
      assert.equal((await call(url, pToken)).statusCode, 404, url);
      assert.equal((await call(url)).statusCode, 401, url);
    }
    await settle(ctx.t.deps);
    const report = await verify(ctx.t.deps.db);
    assert.equal(report.ok, true, JSON.stringify(report.issues));
    assert.ok(trusted()[0]!.keyId === key.keyId);
  });
});
