import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordSignOut } from '../../use-cases/accounts/record-sign-out.ts';
import { type Account, completeSignIn, signIn } from '../../use-cases/accounts/sign-in.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import { field, render } from '../render.ts';

export async function signInRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/sign-in', async (request, reply) => {
    if (request.actor) return reply.redirect('/children');
    const q = request.query as Record<string, string>;
    const notice = q.expired ? 'You were signed out because you had not used Concord for a while. Sign in again.' : q.signedOut ? 'You have signed out.' : undefined;
    return render(request, reply, 'sign-in/sign-in.njk', { pageTitle: 'Sign in', notice, values: {} });
  });

  app.post('/sign-in', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    const email = field(request.body, 'email');
    const result = await signIn(deps, { email, password: field(request.body, 'password'), correlationId: request.id });
    if (result.kind !== 'ok') {
      const errors = result.kind === 'invalid' ? result.errors : [{ path: 'email', message: 'Enter a correct email address and password' }];
      return render(request, reply, 'sign-in/sign-in.njk', { pageTitle: 'Sign in', errors, values: { email } }, 400);
    }
    const accounts = result.value;
    await request.session.regenerate();
    if (accounts.length === 1) return finish(request, reply, accounts[0]!);
    // Several partnerships: the person chooses which one to work in now.
    request.session.choosing = { accounts, until: deps.now().getTime() + 5 * 60_000 };
    return reply.redirect('/sign-in/partnership', 303);
  });

  async function finish(request: FastifyRequest, reply: FastifyReply, account: Account) {
    await completeSignIn(deps, account, request.id);
    const now = deps.now().getTime();
    request.session.choosing = undefined;
    request.session.auth = { userId: account.userId, partnershipId: account.partnershipId, signedInAt: now, lastSeenAt: now };
    return reply.redirect('/children', 303);
  }

  const choosing = (request: FastifyRequest) => {
    const c = request.session.choosing;
    return c && c.until > deps.now().getTime() ? c.accounts : undefined;
  };

  app.get('/sign-in/partnership', async (request, reply) => {
    const accounts = choosing(request);
    if (!accounts) return reply.redirect('/sign-in', 303);
    return render(request, reply, 'sign-in/choose-partnership.njk', { pageTitle: 'Choose a partnership', accounts });
  });

  app.post('/sign-in/partnership', async (request, reply) => {
    const accounts = choosing(request);
    if (!accounts) return reply.redirect('/sign-in', 303);
    const chosen = accounts.find((a) => a.partnershipId === field(request.body, 'partnershipId'));
    if (!chosen) {
      return render(
        request,
        reply,
        'sign-in/choose-partnership.njk',
        { pageTitle: 'Choose a partnership', accounts, errors: [{ path: 'partnershipId', message: 'Select the partnership you want to work in' }] },
        400,
      );
    }
    return finish(request, reply, chosen);
  });

  app.post('/sign-out', async (request, reply) => {
    if (request.actor) await recordSignOut(deps, request.actor);
    await request.session.destroy();
    return reply.redirect('/sign-in?signedOut=1', 303);
  });
}
