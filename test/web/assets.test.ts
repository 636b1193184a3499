// Compressed and cache-busted assets, and compressed pages (issue 15; ADR 0075): the layout links
// each asset at its fingerprinted name from public/asset-manifest.json; those are served from the
// copies precompressed at build time by Accept-Encoding and cached for a year; pages are
// compressed as they are sent and never cached (they are personal data).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Client, PUBLIC_DIR, useTestApp } from '../support/app.ts';
import { openTestDb } from '../support/db.ts';
import { makeWorld } from '../support/factories.ts';

const ctx = useTestApp(openTestDb, { before, after });
const manifest = JSON.parse(readFileSync(path.join(PUBLIC_DIR, 'asset-manifest.json'), 'utf8')) as Record<string, string>;
const IMMUTABLE = 'public, max-age=31536000, immutable';

const decode = (encoding: string | undefined, body: Buffer) => (encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body);

describe('assets and pages on the wire', () => {
  it('links every page asset at its fingerprinted name', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/sign-in' });
    for (const logical of ['/stylesheets/application.css', '/javascripts/govuk-frontend.min.js', '/javascripts/moj-frontend.min.js', '/assets/images/concord-icon.svg', '/assets/manifest.json']) {
      const fingerprinted = manifest[logical];
      assert.match(fingerprinted ?? '', /\.[0-9a-f]{10}\.[a-z]+$/, logical);
      assert.ok(res.body.includes(`"${fingerprinted}"`), `${logical} is linked as ${fingerprinted}`);
      assert.ok(!res.body.includes(`"${logical}"`), `${logical} is not linked by its plain name`);
    }
    assert.match(res.body, new RegExp(`import \\{ initAll as initGovukFrontend \\} from "${manifest['/javascripts/govuk-frontend.min.js']!.replace(/\./g, '\\.')}"`));
  });

  it('serves the precompressed copy the client accepts, cached for a year, and the plain file otherwise', async () => {
    const url = manifest['/stylesheets/application.css']!;
    const plain = readFileSync(path.join(PUBLIC_DIR, 'stylesheets', 'application.css'));
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['identity', undefined],
    ] as const) {
      const res = await ctx.app.inject({ method: 'GET', url, headers: { 'accept-encoding': accept } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-encoding'], encoding, accept);
      assert.equal(res.headers['cache-control'], IMMUTABLE);
      assert.match(String(res.headers.vary), /accept-encoding/i);
      assert.match(String(res.headers['content-type']), /^text\/css/);
      assert.ok(decode(encoding, res.rawPayload).equals(plain), `${accept}: the same stylesheet`);
      if (encoding) assert.ok(res.rawPayload.length < plain.length / 4, `${accept}: ${res.rawPayload.length} bytes for ${plain.length}`);
    }
    // A plain name (linked from CSS, e.g. MOJ's icons) is cached briefly, as it can change.
    const icon = await ctx.app.inject({ method: 'GET', url: '/stylesheets/application.css' });
    assert.equal(icon.headers['cache-control'], 'public, max-age=3600');
  });

  it('compresses pages for clients that accept it and never lets them be cached', async () => {
    const w = await makeWorld(ctx.t.deps);
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['', undefined],
    ] as const) {
      const res = await ctx.app.inject({ method: 'GET', url: '/children', headers: { cookie: c.cookie, 'accept-encoding': accept } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-encoding'], encoding, accept);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.match(String(res.headers.vary), /accept-encoding/i);
      assert.match(decode(encoding, res.rawPayload).toString('utf8'), /<h1[^>]*>\s*Children and young people/);
    }
  });
});
