import type { FastifyInstance } from 'fastify';
import { signIn } from '../../use-cases/sign-in.ts';
import { recordSignOut } from '../../use-cases/record-sign-out.ts';
import type { Deps } from '../../use-cases/shared/deps.ts';
import { field, render } from '../render.ts';

export async function signInRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/sign-in', async (request, reply) => {
    if (request.actor) return reply.redirect('/children');
    const q = request.query as Record<string, string>;
    const notice = q.expired ? 'You were signed out because you had not used Concord for a while. Sign in again.' : q.signedOut ? 'You have signed out.' : undefined;
    return render(request, reply, 'sign-in/sign-in.njk', { pageTitle: 'Sign in', notice, values: {} });
  });

  app.post(
    '/sign-in',
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const email = field(request.body, 'email');
      const result = await signIn(deps, { email, password: field(request.body, 'password'), correlationId: request.id });
      if (result.kind !== 'ok') {
        const errors = result.kind === 'invalid' ? result.errors : [{ path: 'email', message: 'Enter a correct email address and password' }];
        return render(request, reply, 'sign-in/sign-in.njk', { pageTitle: 'Sign in', errors, values: { email } }, 400);
      }
      await request.session.regenerate();
      const now = deps.now().getTime();
      request.session.auth = { userId: result.value.userId, partnershipId: result.value.partnershipId, signedInAt: now, lastSeenAt: now };
      return reply.redirect('/children', 303);
    },
  );

  app.post('/sign-out', async (request, reply) => {
    if (request.actor) await recordSignOut(deps, request.actor);
    await request.session.destroy();
    return reply.redirect('/sign-in?signedOut=1', 303);
  });
}
