// Red-team finding (issue 11): a NUL character in a form field gave HTTP 500 (/children/search, an
// API key's name). Now NUL and other control characters are refused with a field error at one
// boundary (src/http/input.ts), for every page and every API operation, before any handler runs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { createApiKey } from '../../src/use-cases/accounts/create-api-key.ts';
import { Client, useTestApp } from '../support/app.ts';
import { openTestDb } from '../support/db.ts';
import { auditOf, makeWorld } from '../support/factories.ts';

const ctx = useTestApp(openTestDb, { before, after });

describe('NUL and control characters are refused at the boundary', () => {
  it('a NUL in the child search gives the error page with a field error, not 500', async () => {
    const w = await makeWorld(ctx.t.deps);
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);
    const res = await c.post('/children/search', { query: 'Ann\u0000' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<title>Error: There is a problem with what you entered/);
    assert.match(res.body, /govuk-error-summary/);
    assert.match(res.body, /query contains a character that is not allowed/);
    // Nothing was searched.
    assert.equal((await auditOf(ctx.t.deps, w.partnershipId)).filter((e) => e.action === 'child.searched').length, 0);
  });

  it('a NUL in an API key’s name is refused and no key is made', async () => {
    const w = await makeWorld(ctx.t.deps);
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);
    await c.get('/account/api-keys');
    const res = await c.post('/account/api-keys', { name: 'Case\u0000system' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /name contains a character that is not allowed/);
    const keys = await ctx.t.deps.db.selectFrom('api_key').select('id').where('user_id', '=', w.council.id).execute();
    assert.equal(keys.length, 0);
  });

  it('the JSON API answers problem+json 400 naming the field, for bodies, query strings and paths', async () => {
    const w = await makeWorld(ctx.t.deps);
    const key = await createApiKey(ctx.t.deps, w.council.actor, { name: 'Case system' });
    if (key.kind !== 'ok') assert.fail('no key');
    const headers = { authorization: `Bearer ${key.value.token}` };
    const body = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/decisions/evaluate',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ purpose: { note: 'a\u0007b' } }),
    });
    assert.equal(body.statusCode, 400);
    assert.match(String(body.headers['content-type']), /application\/problem\+json/);
    assert.deepEqual(
      body.json().errors.map((e: { path: string }) => e.path),
      ['purpose.note'],
    );
    const query = await ctx.app.inject({ method: 'GET', url: '/api/v1/requests?status=%00', headers });
    assert.equal(query.statusCode, 400);
    const path = await ctx.app.inject({ method: 'GET', url: '/api/v1/children/%00', headers });
    assert.equal(path.statusCode, 400);
  });

  it('any control character in any field of a form is a 400 with that field named, never a 500', async () => {
    const w = await makeWorld(ctx.t.deps);
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);
    const control = fc.integer({ min: 0, max: 0x9f }).filter((n) => (n < 0x20 && ![9, 10, 13].includes(n)) || n >= 0x7f);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('query', 'dateOfBirth-day', 'other'), fc.string({ maxLength: 8 }), control, async (name, text, code) => {
        const res = await c.post('/children/search', { [name]: `${text}${String.fromCharCode(code)}` });
        return res.statusCode === 400 && res.body.includes(`${name} contains a character that is not allowed`);
      }),
      { numRuns: 25 },
    );
  });
});
