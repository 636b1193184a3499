// Signing in: password, then the second factor (a code from the authenticator app or a recovery
// code) — or, the first time, setting up the authenticator app (QR code, key to type, recovery
// codes). Every account signs in with MFA (DESIGN "Security defaults"; ADR 0017). Also the
// "forgotten your password?" journey: a reset link by e-mail through the outbox (ADR 0018).
// Everything here works without JavaScript. Single sign-on through the agency's identity provider
// (OpenID Connect; ADR 0019, ADR 0047): choose the organisation, go to its provider, come back to the
// callback; the session then goes on exactly as after a password — to Concord's own second factor
// when the provider did not prove one.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { INVITATION_DAYS, invitationLinkProblems } from '../../domain/invitations.ts';
import { landingPage } from '../../domain/people.ts';
import { acceptInvitation, type InvitationLinkState, invitationLinkState } from '../../use-cases/accounts/accept-invitation.ts';
import { confirmTotpEnrolment } from '../../use-cases/accounts/confirm-totp-enrolment.ts';
import { finishSingleSignOn } from '../../use-cases/accounts/finish-single-sign-on.ts';
import { listSignInProviders } from '../../use-cases/accounts/list-sign-in-providers.ts';
import { recordSignOut } from '../../use-cases/accounts/record-sign-out.ts';
import { requestPasswordReset } from '../../use-cases/accounts/request-password-reset.ts';
import { passwordResetLinkUsable, resetPassword } from '../../use-cases/accounts/reset-password.ts';
import { type Account, completeSignIn, signIn } from '../../use-cases/accounts/sign-in.ts';
import { type PendingSingleSignOn, startSingleSignOn } from '../../use-cases/accounts/start-single-sign-on.ts';
import { startTotpEnrolment } from '../../use-cases/accounts/start-totp-enrolment.ts';
import { verifySecondFactor } from '../../use-cases/accounts/verify-second-factor.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import { field, render } from '../render.ts';
import { keepToShowOnce, takeShownOnce } from '../shown-once.ts';

declare module 'fastify' {
  interface Session {
    /** The password was right; the second factor is next. */
    pending?: { account: Account; until: number; passwordAt: number; partnerships: string[] };
    /** A reset link's token, moved from the address into the session so it is not left in the browser's history. */
    resetToken?: string;
    /** An invitation link's token, likewise (ADR 0084). */
    invitationToken?: string;
    /** Between leaving for the agency's identity provider and coming back: its state, nonce and PKCE verifier. */
    singleSignOn?: PendingSingleSignOn & { until: number };
  }
}

/** How long a person has between their password and their second factor. */
const PENDING_MINUTES = 10;
const SIGN_IN_LIMIT = { rateLimit: { max: 10, timeWindow: '1 minute' } };

export async function signInRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/sign-in', async (request, reply) => {
    if (request.actor) return reply.redirect(landingPage(request.actor));
    const q = request.query as Record<string, string>;
    const notice = q.expired
      ? 'You were signed out because you had not used Concord for a while. Sign in again.'
      : q.signedOut
        ? 'You have signed out.'
        : q.passwordReset
          ? 'Your password has been changed. Sign in with your new password.'
          : undefined;
    const organisations = (await listSignInProviders(deps)).length > 0;
    return render(request, reply, 'sign-in/sign-in.njk', { pageTitle: 'Sign in', notice, values: {}, organisations });
  });

  app.post('/sign-in', { config: SIGN_IN_LIMIT }, async (request, reply) => {
    const email = field(request.body, 'email');
    const result = await signIn(deps, { email, password: field(request.body, 'password'), correlationId: request.id });
    if (result.kind !== 'ok') {
      const errors = result.kind === 'invalid' ? result.errors : [{ path: 'email', message: 'Enter a correct email address and password' }];
      return render(request, reply, 'sign-in/sign-in.njk', { pageTitle: 'Sign in', errors, values: { email } }, 400);
    }
    const accounts = result.value;
    await request.session.regenerate();
    if (accounts.length === 1) return secondFactor(request, reply, accounts[0]!, [accounts[0]!.partnershipId]);
    // Several partnerships: the person chooses which one to work in now.
    request.session.choosing = { accounts, until: deps.now().getTime() + 5 * 60_000 };
    return reply.redirect('/sign-in/partnership', 303);
  });

  /** The password (and partnership) are settled: on to the second factor, or to setting one up. */
  function secondFactor(request: FastifyRequest, reply: FastifyReply, account: Account, partnerships: string[]) {
    request.session.choosing = undefined;
    const now = deps.now().getTime();
    request.session.pending = { account, until: now + PENDING_MINUTES * 60_000, passwordAt: now, partnerships };
    return reply.redirect(account.mfaEnrolled ? '/sign-in/code' : '/sign-in/set-up-authenticator', 303);
  }

  /** Signs the session in; answers where the person lands (landingPage). */
  async function finish(request: FastifyRequest, account: Account, method: 'totp' | 'recovery-code' | 'totp-enrolment' | 'identity-provider') {
    const roles = await completeSignIn(deps, account, request.id, method);
    const now = deps.now().getTime();
    const partnerships = request.session.pending?.partnerships ?? [account.partnershipId];
    // A new session id at the change of privilege (no session fixation).
    await request.session.regenerate();
    request.session.auth = { userId: account.userId, partnershipId: account.partnershipId, signedInAt: now, lastSeenAt: now, mfaAt: now, partnerships };
    return landingPage({ roles });
  }

  const choosing = (request: FastifyRequest) => {
    const c = request.session.choosing;
    return c && c.until > deps.now().getTime() ? c.accounts : undefined;
  };

  const pending = (request: FastifyRequest) => {
    const p = request.session.pending;
    return p && p.until > deps.now().getTime() ? p.account : undefined;
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
    return secondFactor(
      request,
      reply,
      chosen,
      accounts.map((a) => a.partnershipId),
    );
  });

  // --- Single sign-on through the agency's identity provider ------------------------------------

  // Links, not a form: the page's Content-Security-Policy allows forms to go only to Concord, and
  // the next step leaves for the provider. The address names the agency, nothing about anyone.
  app.get('/sign-in/organisation', async (request, reply) => {
    const providers = await listSignInProviders(deps);
    return render(request, reply, 'sign-in/choose-organisation.njk', {
      pageTitle: 'Sign in with your organisation’s account',
      providers: providers.map((p) => ({ ...p, href: `/sign-in/organisation/${p.value.replace(':', '/')}` })),
    });
  });

  app.get<{ Params: { partnershipId: string; agencyId: string } }>('/sign-in/organisation/:partnershipId/:agencyId', { config: SIGN_IN_LIMIT }, async (request, reply) => {
    const result = await startSingleSignOn(deps, { provider: `${request.params.partnershipId}:${request.params.agencyId}` });
    if (result.kind === 'invalid') return reply.redirect('/sign-in/organisation', 303);
    if (result.kind !== 'ok')
      return render(
        request,
        reply,
        'sign-in/organisation-refused.njk',
        { pageTitle: 'You cannot sign in with your organisation’s account', reason: result.kind === 'conflict' ? result.reason : '' },
        503,
      );
    request.session.singleSignOn = { ...result.value.pending, until: deps.now().getTime() + PENDING_MINUTES * 60_000 };
    return reply.redirect(result.value.url, 303);
  });

  app.get('/sign-in/organisation/callback', { config: SIGN_IN_LIMIT }, async (request, reply) => {
    const pendingSso = request.session.singleSignOn;
    request.session.singleSignOn = undefined;
    const refused = (reason: string) => render(request, reply, 'sign-in/organisation-refused.njk', { pageTitle: 'You cannot sign in with your organisation’s account', reason }, 403);
    if (!pendingSso || pendingSso.until <= deps.now().getTime())
      return refused('Signing in with your organisation’s account took too long or was not started here. Start again from the sign-in page.');
    const result = await finishSingleSignOn(deps, { pending: pendingSso, callbackPath: request.url, correlationId: request.id });
    if (result.kind !== 'ok') return refused(result.kind === 'forbidden' ? result.reason : '');
    const { account, mfaProved } = result.value;
    if (mfaProved) {
      return reply.redirect(await finish(request, account, 'identity-provider'), 303);
    }
    // The provider did not prove a second factor: Concord asks for its own, as after a password.
    await request.session.regenerate();
    return secondFactor(request, reply, account, [account.partnershipId]);
  });

  // --- The second factor -------------------------------------------------------------------

  app.get('/sign-in/code', async (request, reply) => {
    const account = pending(request);
    if (!account?.mfaEnrolled) return reply.redirect('/sign-in', 303);
    return render(request, reply, 'sign-in/code.njk', { pageTitle: 'Enter the code from your authenticator app' });
  });

  app.post('/sign-in/code', { config: SIGN_IN_LIMIT }, async (request, reply) => {
    const account = pending(request);
    if (!account?.mfaEnrolled) return reply.redirect('/sign-in', 303);
    const passwordCheckedAt = new Date(request.session.pending?.passwordAt ?? 0);
    const result = await verifySecondFactor(deps, account, { code: field(request.body, 'code'), purpose: 'sign-in', correlationId: request.id, passwordCheckedAt });
    if (result.kind !== 'ok') {
      const errors = result.kind === 'invalid' ? result.errors : [{ path: 'code', message: 'Enter the 6-digit code from your authenticator app' }];
      return render(request, reply, 'sign-in/code.njk', { pageTitle: 'Enter the code from your authenticator app', errors }, 400);
    }
    return reply.redirect(await finish(request, account, result.value.method), 303);
  });

  const enrolmentPage = async (request: FastifyRequest, reply: FastifyReply, account: Account, errors: { path: string; message: string }[] = []) => {
    const started = await startTotpEnrolment(deps, account);
    if (started.kind !== 'ok') return reply.redirect('/sign-in', 303);
    return render(request, reply, 'sign-in/set-up-authenticator.njk', { pageTitle: 'Set up your authenticator app', enrolment: started.value, errors }, errors.length ? 400 : 200);
  };

  app.get('/sign-in/set-up-authenticator', async (request, reply) => {
    const account = pending(request);
    if (!account || account.mfaEnrolled) return reply.redirect('/sign-in', 303);
    return enrolmentPage(request, reply, account);
  });

  app.post('/sign-in/set-up-authenticator', { config: SIGN_IN_LIMIT }, async (request, reply) => {
    const account = pending(request);
    if (!account || account.mfaEnrolled) return reply.redirect('/sign-in', 303);
    const result = await confirmTotpEnrolment(deps, account, { code: field(request.body, 'code'), correlationId: request.id });
    if (result.kind === 'invalid') return enrolmentPage(request, reply, account, result.errors);
    if (result.kind !== 'ok') return reply.redirect('/sign-in', 303);
    await finish(request, account, 'totp-enrolment');
    // Shown once, on the page this redirects to (ADR 0072); only their hashes are kept.
    keepToShowOnce(deps, request, 'recovery-codes', result.value.recoveryCodes.join(' '));
    return reply.redirect('/sign-in/recovery-codes', 303);
  });

  app.get('/sign-in/recovery-codes', async (request, reply) => {
    const codes = takeShownOnce(deps, request, 'recovery-codes');
    const landing = request.actor ? landingPage(request.actor) : '/sign-in';
    if (!codes) return reply.redirect(landing, 303);
    return render(request, reply, 'sign-in/recovery-codes.njk', { pageTitle: 'Save your recovery codes', recoveryCodes: codes.secret.split(' '), landing });
  });

  // --- Forgotten password ------------------------------------------------------------------

  app.get('/sign-in/forgot-password', async (request, reply) => {
    return render(request, reply, 'sign-in/forgot-password.njk', { pageTitle: 'Reset your password', values: {} });
  });

  app.post('/sign-in/forgot-password', { config: { rateLimit: { max: 5, timeWindow: '1 minute' } } }, async (request, reply) => {
    const email = field(request.body, 'email');
    const result = await requestPasswordReset(deps, { email, correlationId: request.id });
    if (result.kind === 'invalid') return render(request, reply, 'sign-in/forgot-password.njk', { pageTitle: 'Reset your password', values: { email }, errors: result.errors }, 400);
    // The same answer whether or not the address has an account, on a page of its own (a reload sends nothing again).
    return reply.redirect('/sign-in/forgot-password/sent', 303);
  });

  app.get('/sign-in/forgot-password/sent', async (request, reply) => render(request, reply, 'sign-in/forgot-password-sent.njk', { pageTitle: 'Check your email' }));

  app.get<{ Params: { token: string } }>('/sign-in/reset-password/:token', async (request, reply) => {
    request.session.resetToken = request.params.token.slice(0, 100);
    return reply.redirect('/sign-in/reset-password', 303);
  });

  const resetLinkExpired = (request: FastifyRequest, reply: FastifyReply) => render(request, reply, 'sign-in/reset-link-expired.njk', { pageTitle: 'This link has expired or has been used' }, 404);

  app.get('/sign-in/reset-password', async (request, reply) => {
    const token = request.session.resetToken;
    if (!token || !(await passwordResetLinkUsable(deps, token))) return resetLinkExpired(request, reply);
    return render(request, reply, 'sign-in/reset-password.njk', { pageTitle: 'Choose a new password' });
  });

  app.post('/sign-in/reset-password', { config: SIGN_IN_LIMIT }, async (request, reply) => {
    const token = request.session.resetToken ?? '';
    const result = await resetPassword(deps, { token, newPassword: field(request.body, 'newPassword'), confirmPassword: field(request.body, 'confirmPassword'), correlationId: request.id });
    if (result.kind === 'invalid') return render(request, reply, 'sign-in/reset-password.njk', { pageTitle: 'Choose a new password', errors: result.errors }, 400);
    if (result.kind !== 'ok') return resetLinkExpired(request, reply);
    await request.session.destroy();
    return reply.redirect('/sign-in?passwordReset=1', 303);
  });

  // --- An invitation by e-mail (ADR 0084): choose a password, then set up the authenticator app ---

  // The link's token moves into the session at once, so it is not left in the address bar or history.
  app.get<{ Params: { token: string } }>('/invitation/:token', { config: SIGN_IN_LIMIT }, async (request, reply) => {
    request.session.invitationToken = request.params.token.slice(0, 100);
    return reply.redirect('/invitation', 303);
  });

  const invitationProblem = (request: FastifyRequest, reply: FastifyReply, state: Exclude<InvitationLinkState, 'pending'>) => {
    const problem = invitationLinkProblems[state];
    return render(request, reply, 'sign-in/invitation-problem.njk', { pageTitle: problem.title, problem }, state === 'unknown' ? 404 : 410);
  };
  const acceptPage = (request: FastifyRequest, reply: FastifyReply, errors: { path: string; message: string }[] = []) =>
    render(request, reply, 'sign-in/accept-invitation.njk', { pageTitle: 'Set up your Concord account', days: INVITATION_DAYS, errors }, errors.length ? 400 : 200);

  app.get('/invitation', { config: SIGN_IN_LIMIT }, async (request, reply) => {
    if (request.actor) return reply.redirect(landingPage(request.actor), 303);
    const state = await invitationLinkState(deps, request.session.invitationToken ?? '');
    if (state !== 'pending') return invitationProblem(request, reply, state);
    return acceptPage(request, reply);
  });

  app.post('/invitation', { config: SIGN_IN_LIMIT }, async (request, reply) => {
    if (request.actor) return reply.redirect(landingPage(request.actor), 303);
    const result = await acceptInvitation(deps, {
      token: request.session.invitationToken ?? '',
      newPassword: field(request.body, 'newPassword'),
      confirmPassword: field(request.body, 'confirmPassword'),
      correlationId: request.id,
    });
    if (result.kind === 'invalid') return acceptPage(request, reply, result.errors);
    if (result.kind !== 'ok') return invitationProblem(request, reply, result.kind === 'conflict' ? (result.reason as Exclude<InvitationLinkState, 'pending'>) : 'unknown');
    // The password is set; the second factor comes next, as at a first sign-in (ADR 0017).
    await request.session.regenerate();
    return secondFactor(request, reply, result.value, [result.value.partnershipId]);
  });

  app.post('/sign-out', async (request, reply) => {
    if (request.actor) await recordSignOut(deps, request.actor);
    await request.session.destroy();
    return reply.redirect('/sign-in?signedOut=1', 303);
  });
}
