import type { FastifyInstance } from 'fastify';
import { safeReturnPath } from '../../domain/credentials.ts';
import { signedIn } from '../../http/auth.ts';
import { changePassword } from '../../use-cases/accounts/change-password.ts';
import { createApiKey } from '../../use-cases/accounts/create-api-key.ts';
import { listApiKeys } from '../../use-cases/accounts/list-api-keys.ts';
import { listPartnershipsToSwitchTo } from '../../use-cases/accounts/list-partnerships-to-switch-to.ts';
import { revokeApiKey } from '../../use-cases/accounts/revoke-api-key.ts';
import { switchPartnership } from '../../use-cases/accounts/switch-partnership.ts';
import { verifySecondFactor } from '../../use-cases/accounts/verify-second-factor.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import { stepUpSatisfied } from '../auth.ts';
import { field, formSubmission, render } from '../render.ts';
import { keepToShowOnce, takeShownOnce } from '../shown-once.ts';

export async function accountRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const page = async (request: Parameters<typeof render>[0], reply: Parameters<typeof render>[1], extra: Record<string, unknown> = {}, status = 200) => {
    const now = deps.now();
    const keys = (await listApiKeys(deps, signedIn(request).actor)).map((k) => ({ ...k, expired: !k.revoked_at && k.expires_at !== null && k.expires_at <= now }));
    return render(request, reply, 'account/api-keys.njk', { pageTitle: 'API keys', keys, values: {}, ...extra }, status);
  };

  // The secret is shown once, on the page the creation redirects to (post-redirect-get, ADR 0072),
  // so a reload shows the list and neither the secret again nor a second key.
  app.get('/account/api-keys', async (request, reply) => {
    const created = takeShownOnce(deps, request, 'api-key');
    const notice = request.session.notice;
    request.session.notice = undefined;
    return page(request, reply, created ? { created: { name: created.about.name, token: created.secret, expiresAt: new Date(created.about.expiresAt!) } } : { notice });
  });

  app.post('/account/api-keys', async (request, reply) => {
    const { actor } = signedIn(request);
    // Creating a key is a sensitive action: a fresh second factor first (ADR 0017).
    if (!stepUpSatisfied(request, reply, deps.now(), '/account/api-keys')) return reply;
    const name = field(request.body, 'name');
    const result = await createApiKey(deps, actor, { name }, formSubmission(request.body));
    if (result.kind === 'invalid') return page(request, reply, { errors: result.errors, values: { name } }, 400);
    if (result.kind === 'conflict') request.session.notice = result.reason;
    else if (result.kind === 'ok') keepToShowOnce(deps, request, 'api-key', result.value.token, { name, expiresAt: result.value.expiresAt.toISOString() });
    else throw new Error('unexpected outcome');
    return reply.redirect('/account/api-keys', 303);
  });

  app.post<{ Params: { keyId: string } }>('/account/api-keys/:keyId/revoke', async (request, reply) => {
    const { actor } = signedIn(request);
    const { keyId } = request.params;
    const result = await revokeApiKey(deps, actor, keyId);
    if (result.kind !== 'ok') return reply.callNotFound();
    return reply.redirect('/account/api-keys', 303);
  });

  // --- Switching partnership (ADR 0076) ----------------------------------------------------

  const switchPage = async (request: Parameters<typeof render>[0], reply: Parameters<typeof render>[1], errors: { path: string; message: string }[] = [], status = 200) => {
    const { actor, staff } = signedIn(request);
    const listed = await listPartnershipsToSwitchTo(deps, actor, { email: staff.email, opened: request.session.auth?.partnerships ?? [] });
    const accounts = listed.kind === 'ok' ? listed.value : [];
    return render(request, reply, 'account/switch-partnership.njk', { pageTitle: 'Switch partnership', current: staff.partnershipName, accounts, errors }, status);
  };

  app.get('/account/partnership', async (request, reply) => switchPage(request, reply));

  app.post('/account/partnership', async (request, reply) => {
    const { actor, staff } = signedIn(request);
    const auth = request.session.auth!;
    const result = await switchPartnership(deps, actor, { email: staff.email, opened: auth.partnerships ?? [], partnershipId: field(request.body, 'partnershipId') });
    if (result.kind === 'invalid') return switchPage(request, reply, result.errors, 400);
    if (result.kind !== 'ok') return reply.callNotFound();
    // A new session id for the new account; its second factor is proved again before a sensitive action.
    await request.session.regenerate();
    const now = deps.now().getTime();
    request.session.auth = { userId: result.value.userId, partnershipId: result.value.partnershipId, signedInAt: auth.signedInAt, lastSeenAt: now, partnerships: auth.partnerships ?? [] };
    return reply.redirect('/children', 303);
  });

  // --- Changing one's password (ADR 0018) --------------------------------------------------

  app.get('/account/password', async (request, reply) => {
    const changed = request.session.flash === 'password-changed';
    if (changed) request.session.flash = undefined;
    return render(request, reply, 'account/password.njk', { pageTitle: 'Change your password', changed });
  });

  app.post('/account/password', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    const { actor } = signedIn(request);
    const result = await changePassword(deps, actor, {
      currentPassword: field(request.body, 'currentPassword'),
      newPassword: field(request.body, 'newPassword'),
      confirmPassword: field(request.body, 'confirmPassword'),
      currentSessionId: request.session.sessionId,
    });
    if (result.kind === 'invalid') return render(request, reply, 'account/password.njk', { pageTitle: 'Change your password', errors: result.errors }, 400);
    if (result.kind !== 'ok') return reply.callNotFound();
    request.session.flash = 'password-changed';
    return reply.redirect('/account/password', 303);
  });

  // --- Step-up: confirm it is you before a sensitive action (ADR 0017) ---------------------

  const confirmPage = (request: Parameters<typeof render>[0], reply: Parameters<typeof render>[1], returnTo: string, errors: { path: string; message: string }[] = []) =>
    render(request, reply, 'account/confirm-identity.njk', { pageTitle: 'Confirm it is you', returnTo, errors }, errors.length ? 400 : 200);

  app.get('/account/confirm-identity', async (request, reply) => {
    return confirmPage(request, reply, safeReturnPath((request.query as Record<string, string | undefined>).returnTo));
  });

  app.post('/account/confirm-identity', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    const { actor } = signedIn(request);
    const returnTo = safeReturnPath(field(request.body, 'returnTo'));
    const result = await verifySecondFactor(deps, actor, { code: field(request.body, 'code'), purpose: 'step-up', correlationId: request.id });
    if (result.kind !== 'ok')
      return confirmPage(request, reply, returnTo, result.kind === 'invalid' ? result.errors : [{ path: 'code', message: 'Enter the 6-digit code from your authenticator app' }]);
    const auth = request.session.auth;
    if (auth) request.session.auth = { ...auth, mfaAt: deps.now().getTime() };
    return reply.redirect(returnTo, 303);
  });
}
