// Back, Reload and bookmarks after a form error (issue: "after a form error the address bar shows a
// URL that answers Page not found"): a GET for any page form's POST address leads to a page, never
// to "Page not found"; the API keeps its problem+json 404.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Client, useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { makeWorld } from '../../support/factories.ts';

const ctx = useTestApp(openTestDb, { before, after });

/** Every POST route of the web pages, from Fastify's route tree (each line a segment below its parent). */
function pagePosts(): string[] {
  const stack: string[] = [''];
  const urls: string[] = [];
  for (const line of ctx.app.printRoutes({ method: 'POST', commonPrefix: false }).split('\n')) {
    const label = line.replace(/^[\s│├└─]+/, '');
    if (!label) continue;
    const depth = (line.length - label.length) / 4;
    const segment = label.replace(/\s*\(.*\)\s*$/, '');
    const url = (depth > 0 ? stack[depth - 1]! : '') + segment;
    stack[depth] = url;
    if (/\(POST\)/.test(label)) urls.push(url.replace(/\/\/+/g, '/'));
  }
  return urls.filter((u) => u.startsWith('/') && !u.startsWith('/api') && !u.includes('*'));
}

describe('form addresses', () => {
  it('a GET for every page form’s address leads to a page above it, not "Page not found"', async () => {
    const w = await makeWorld(ctx.t.deps);
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);
    const posts = pagePosts();
    assert.ok(posts.length > 30, `the route table lists the forms (${posts.length})`);
    assert.ok(posts.includes('/children/search'));
    for (const pattern of posts) {
      if (ctx.app.hasRoute({ method: 'GET', url: pattern })) continue; // a page of its own (which may rightly be out of scope)
      const url = pattern.replace(/:[A-Za-z]+/g, () => randomUUID());
      const res = await c.get(url);
      assert.notEqual(res.statusCode, 404, `GET ${url} (${pattern}) answers "Page not found"`);
      if (res.statusCode === 303) assert.ok(url.startsWith(String(res.headers.location)), `${url} goes up, to ${res.headers.location}`);
    }
    const search = await c.get('/children/search');
    assert.equal(search.statusCode, 303);
    assert.equal(search.headers.location, '/children');
    const id = randomUUID();
    const allocate = await c.get(`/requests/${id}/allocate`);
    assert.equal(allocate.statusCode, 303);
    assert.equal(allocate.headers.location, `/requests/${id}`);
    assert.equal((await c.get('/no/such/page')).statusCode, 404, 'an address that is no form’s is still not found');
    const api = await ctx.app.inject({ method: 'GET', url: '/api/v1/breaches/x/close' });
    assert.equal(api.statusCode, 404);
    assert.match(String(api.headers['content-type']), /problem\+json/);
  });
});
