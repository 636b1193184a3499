// Rights request pages in-process: the log form's errors beside each field (and nothing written),
// a logged request's page for its IG lead, and "Page not found" for anyone else.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { makeStaff } from '../../support/factories.ts';
import { errorLinks, sharingPartnership, signedIn as signIn } from '../../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });
const signedIn = (email: string) => signIn(ctx.app, email);

describe('rights request pages', () => {
  it('validates the log form on the server, logs a request, and is not found for anyone else', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    const councilIg = await makeStaff(ctx.t.deps, p.partnershipId, p.councilId, ['ig_lead']);
    const policeIg = await makeStaff(ctx.t.deps, p.partnershipId, p.policeId, ['ig_lead']);
    ctx.t.clock.now = new Date('2026-11-23T10:00:00Z');
    const ig = await signedIn(councilIg.email);
    const bad = await ig.post('/rights-requests/new', { kind: 'access', summary: '', 'receivedAt-day': '31', 'receivedAt-month': '2', 'receivedAt-year': '2026' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /<title>Error: /);
    assert.deepEqual(errorLinks(bad.body).sort(), ['receivedAt', 'requesterKind', 'summary']);
    assert.equal((await ctx.t.deps.db.selectFrom('rights_request').select('id').where('partnership_id', '=', p.partnershipId).execute()).length, 0);

    const made = await ig.post('/rights-requests/new', {
      kind: 'erasure',
      requesterKind: 'child',
      childId: p.childId,
      'receivedAt-day': '23',
      'receivedAt-month': '11',
      'receivedAt-year': '2026',
      summary: 'Delete what you hold about me',
      identityVerified: 'yes',
    });
    assert.equal(made.statusCode, 303);
    const href = String(made.headers.location);
    const shown = await ig.get(href);
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /its clock is running/);
    assert.match(shown.body, /23 December 2026/);
    assert.match((await ig.get('/rights-requests')).body, new RegExp(href));

    const police = await signedIn(policeIg.email);
    assert.equal((await police.get(href)).statusCode, 404);
    const social = await signedIn(p.social.email);
    assert.equal((await social.get('/rights-requests')).statusCode, 404);
    assert.equal((await social.get('/rights-requests/new')).statusCode, 404);
    assert.equal((await social.post(`${href}/answer`, { outcome: 'complied' })).statusCode, 404);
  });
});
