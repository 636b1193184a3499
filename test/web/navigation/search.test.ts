// Searching for a child by GET (Back, Reload, bookmarks): the form posts, then the results live at
// /children/search/{token}; the token carries no personal data, opens only for the person who
// searched, and expires; every opening is an audited search.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addChild } from '../../../src/use-cases/children/add-child.ts';
import { SEARCH_LINK_DAYS } from '../../../src/use-cases/children/link-search.ts';
import { Client, useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { childInput, makeStaff, makeWorld } from '../../support/factories.ts';

const ctx = useTestApp(openTestDb, { before, after });

describe('child search addresses', () => {
  it('posts, then shows the results at an address without the terms that only the searcher can open, until it expires', async () => {
    const w = await makeWorld(ctx.t.deps);
    const added = await addChild(ctx.t.deps, w.council.actor, childInput({ givenName: 'Zara', familyName: 'Quill', nhsNumber: null, dateOfBirth: '2015-04-03' }));
    assert.equal(added.kind, 'ok');
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);

    const bad = await c.post('/children/search', { query: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter a name, NHS number or date of birth to search for/);

    const posted = await c.post('/children/search', { query: 'Quill', 'dateOfBirth-day': '3', 'dateOfBirth-month': '4', 'dateOfBirth-year': '2015' });
    assert.equal(posted.statusCode, 303);
    const href = String(posted.headers.location);
    assert.match(href, /^\/children\/search\/[\w.-]+$/);
    assert.doesNotMatch(href, /quill|2015/i, 'no personal data in the address');
    const audited = async () => (await ctx.t.deps.db.selectFrom('audit_event').select('id').where('action', '=', 'child.searched').where('actor_user_id', '=', w.council.id).execute()).length;
    assert.equal(await audited(), 0, 'posting only checks the terms');

    for (const n of [1, 2]) {
      const page = await c.get(href); // reload
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /1 child found/);
      assert.match(page.body, /Zara Quill/);
      assert.match(page.body, /value="Quill"/, 'the terms are back in the form');
      assert.equal(await audited(), n, 'each showing is an audited search');
    }

    // Someone else (even in the same agency), a forged token, or an old one: search again.
    const colleague = await makeStaff(ctx.t.deps, w.partnershipId, w.councilId);
    const stranger = new Client(ctx.app);
    await stranger.signIn(colleague.email);
    const refused = await stranger.get(href);
    assert.equal(refused.statusCode, 303);
    assert.equal(refused.headers.location, '/children');
    assert.match((await stranger.get('/children')).body, /That search has expired, or was made by someone else/);
    assert.equal((await c.get(`${href.slice(0, -3)}xyz`)).statusCode, 303, 'a changed token opens nothing');
    ctx.t.clock.now = new Date(ctx.t.clock.now.getTime() + (SEARCH_LINK_DAYS + 1) * 86_400_000);
    const later = new Client(ctx.app); // the old session has long ended
    await later.signIn(w.council.email);
    assert.equal((await later.get(href)).statusCode, 303, `a search older than ${SEARCH_LINK_DAYS} days must be made again`);
  });
});
