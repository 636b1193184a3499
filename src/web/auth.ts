// Pages for signed-in staff only. Who is signed in is resolved for every page (src/http/auth.ts,
// from the web plugin's preHandler); journeys wrapped in signInRequired send everyone else to the
// sign-in page, and their handlers read the person with signedIn(request).
import type { FastifyPluginAsync, FastifyPluginOptions, FastifyReply, FastifyRequest } from 'fastify';
import { safeReturnPath, stepUpFresh } from '../domain/credentials.ts';

/** The journey's routes, each redirecting to /sign-in when nobody is signed in. */
export function signInRequired<Options extends FastifyPluginOptions>(routes: FastifyPluginAsync<Options>): FastifyPluginAsync<Options> {
  return async (app, opts) => {
    app.addHook('preHandler', async (request, reply) => {
      if (!request.actor) return reply.redirect('/sign-in');
    });
    await routes(app, opts);
  };
}

/**
 * Step-up for a sensitive action (creating an API key, exports, administration): the second factor
 * must have been proved within the last STEP_UP_MINUTES, not only at a sign-in that may be hours old
 * (ADR 0017). Returns true when the person may go on; otherwise it has sent them to confirm it is
 * them, coming back to `returnTo` (a page, since a form post cannot be replayed).
 */
export function stepUpSatisfied(request: FastifyRequest, reply: FastifyReply, now: Date, returnTo: string): boolean {
  if (stepUpFresh(request.session.auth?.mfaAt, now)) return true;
  void reply.redirect(`/account/confirm-identity?returnTo=${encodeURIComponent(safeReturnPath(returnTo))}`, 303);
  return false;
}
