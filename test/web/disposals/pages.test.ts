// The disposition review through the web pages: IG leads only (others get "Page not found"), errors
// beside the fields with the GOV.UK summary, a legal hold blocking approval, disposal with a
// certificate, and the originator seeing its recipient disposed of its copy.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findRecordsDue } from '../../../src/use-cases/retention/find-records-due.ts';
import { useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { markedRecords, markers } from '../../support/retention.ts';
import { errorLinks, signedIn as signIn } from '../../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });
const signedIn = (email: string) => signIn(ctx.app, email);

describe('disposal pages', () => {
  it('reviews, holds, releases, approves and disposes, with a certificate', async () => {
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');
    const w = await markedRecords(ctx.t.deps, markers());
    ctx.t.clock.now = new Date('2032-11-21T00:00:00Z');
    await findRecordsDue(ctx.t.deps);

    const social = await signedIn(w.social.email);
    assert.equal((await social.get('/disposals')).statusCode, 404);
    const ig = await signedIn(w.councilIg.email);
    const page = await ig.get('/disposals');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Records due for disposal/);
    assert.match(page.body, /href="\/disposals"/, 'in the menu for IG leads');
    const ids = [...page.body.matchAll(/name="reviewIds" type="checkbox" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    assert.equal(ids.length, 2, 'the request and the copy received');
    // The copy received: the checkbox whose label says so (the menu also says "Information received").
    const items = [...page.body.matchAll(/name="reviewIds" type="checkbox" value="([0-9a-f-]{36})"[^>]*>\s*<label[^>]*>([^<]*)</g)].map((m) => ({ id: m[1]!, label: m[2]! }));
    const copyId = items.find((i) => /Information received/.test(i.label))?.id ?? assert.fail(`no received copy among ${items.map((i) => i.label).join(', ')}`);

    const none = await ig.post('/disposals/review', { action: 'defer', deferUntil: 'soon' });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /<title>Error: /);
    assert.deepEqual(errorLinks(none.body).sort(), ['deferReason', 'deferUntil', 'reviewIds']);

    const held = await ig.post('/disposals/review', { reviewIds: copyId, action: 'hold', holdKind: 'inquiry', holdReason: 'Public inquiry ref 2032-4' });
    assert.equal(held.statusCode, 303);
    assert.match((await ig.get('/disposals')).body, /1 record placed on legal hold/);
    const blocked = await ig.post('/disposals/review', { reviewIds: copyId, action: 'approve' });
    assert.equal(blocked.statusCode, 400);
    assert.match(blocked.body, /legal hold/);
    assert.equal((await ig.post('/disposals/review', { reviewIds: copyId, action: 'release', releaseReason: 'Inquiry closed' })).statusCode, 303);
    assert.equal((await ig.post('/disposals/review', { reviewIds: copyId, action: 'approve' })).statusCode, 303);
    const run = await ig.post('/disposals/run', {});
    assert.equal(run.statusCode, 303);
    const after = await ig.get('/disposals');
    assert.match(after.body, /1 record disposed of beyond recovery\. 1 certificate of disposal issued\./);
    const href = /href="(\/disposals\/certificates\/[0-9a-f-]{36})"/.exec(after.body)![1]!;
    const cert = await ig.get(href);
    assert.equal(cert.statusCode, 200);
    assert.match(cert.body, /Certificate of disposal/);
    assert.match(cert.body, /Information received \(the recipient/);

    const police = await signedIn(w.policeIg.email);
    assert.equal((await police.get(href)).statusCode, 404, 'another agency’s certificate');
    assert.match((await police.get('/disposals')).body, /Information you sent that recipients have disposed of[\s\S]*Council/);
    assert.equal((await social.post('/disposals/run', {})).statusCode, 404);
  });
});
