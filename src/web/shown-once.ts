// A secret shown once after a successful POST (a new API key, recovery codes) survives the
// post-redirect-get (ADR 0072): the POST keeps it, sealed, in the server-side session and
// redirects; the page it redirects to takes it and renders it once. A reload finds nothing, so it
// neither shows the secret again nor repeats the action.
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../use-cases/kernel/deps.ts';
import { openToken, sealToken } from '../use-cases/kernel/sealing.ts';

export type ShownOnceKind = 'api-key' | 'recovery-codes';

const context = (what: ShownOnceKind) => `web.shown-once.${what}`;

export function keepToShowOnce(deps: Deps, request: FastifyRequest, what: ShownOnceKind, secret: string, about: Record<string, string> = {}): void {
  request.session.shownOnce = { what, sealed: sealToken(deps.keyring, context(what), secret), about };
}

/** The secret kept for this page, once: it is forgotten as it is read. */
export function takeShownOnce(deps: Deps, request: FastifyRequest, what: ShownOnceKind): { secret: string; about: Record<string, string> } | undefined {
  const kept = request.session.shownOnce;
  if (!kept || kept.what !== what) return undefined;
  request.session.shownOnce = undefined;
  const secret = openToken(deps.keyring, context(what), kept.sealed);
  return secret === undefined ? undefined : { secret, about: kept.about };
}
