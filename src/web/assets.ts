// The page assets' addresses, and how they and the pages travel (ADR 0075). `npm run build:assets`
// writes each asset a page links to under a fingerprinted name (application.<hash>.css) with gzip
// and brotli copies beside it, and public/asset-manifest.json mapping the logical addresses to
// them; the layout asks `asset('/stylesheets/application.css')` for the current one. Fingerprinted
// files never change, so they are cached for a year; pages are personal data, never cached
// (`no-store`, src/web/render.ts), and compressed as they are sent.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlib } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Assets linked from CSS by their plain names (MOJ Frontend's icons), and source maps. */
export const SHORT_LIVED = 'public, max-age=3600';
const FINGERPRINTED = /\.[0-9a-f]{10}\.[a-z]+(\.br|\.gz)?$/;

/** The logical → fingerprinted addresses; a missing manifest (assets not built) leaves them as they are. */
export function assetAddresses(publicDir: string): (logical: string) => string {
  let manifest: Record<string, string> = {};
  try {
    manifest = JSON.parse(readFileSync(path.join(publicDir, 'asset-manifest.json'), 'utf8')) as Record<string, string>;
  } catch {
    manifest = {};
  }
  return (logical) => manifest[logical] ?? logical;
}

/** @fastify/static's setHeaders: a year for a fingerprinted file, an hour for anything else. */
export function assetCacheHeaders(reply: FastifyReply, filePath: string): void {
  reply.header('cache-control', FINGERPRINTED.test(filePath) ? IMMUTABLE : SHORT_LIVED);
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
/** Smaller than this, compressing costs more than it saves. */
const MIN_BYTES = 1024;

/** The encoding to answer with: brotli, else gzip, when the client accepts it (q=0 refuses). */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Map(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([name]) => name)
      .map(([name, ...params]) => {
        const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
        return [name!.toLowerCase(), q === undefined ? 1 : Number(q)] as const;
      }),
  );
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return undefined;
}

/** onSend hook: compress a page (HTML) for a client that accepts it. The CSRF token differs in
 *  every response, so compression does not leak it (BREACH; ADR 0075). */
export async function compressPage(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (reply.hasHeader('content-encoding') || !String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
  reply.header('vary', 'accept-encoding');
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const encoding = request.method === 'HEAD' || body.length < MIN_BYTES ? undefined : chooseEncoding(request.headers['accept-encoding']);
  if (!encoding) return payload;
  const compressed = encoding === 'br' ? await brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }) : await gzipped(body);
  reply.header('content-encoding', encoding);
  reply.removeHeader('content-length');
  return compressed;
}
