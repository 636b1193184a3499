// Pages for signed-in staff only. Who is signed in is resolved for every page (src/http/auth.ts,
// from the web plugin's preHandler); journeys wrapped in signInRequired send everyone else to the
// sign-in page, and their handlers read the person with signedIn(request).
import type { FastifyPluginAsync, FastifyPluginOptions } from 'fastify';

/** The journey's routes, each redirecting to /sign-in when nobody is signed in. */
export function signInRequired<Options extends FastifyPluginOptions>(routes: FastifyPluginAsync<Options>): FastifyPluginAsync<Options> {
  return async (app, opts) => {
    app.addHook('preHandler', async (request, reply) => {
      if (!request.actor) return reply.redirect('/sign-in');
    });
    await routes(app, opts);
  };
}
