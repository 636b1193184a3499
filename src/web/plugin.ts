// The server-rendered web application: security plugins, sessions, CSRF, views and journeys.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import session from '@fastify/session';
import fastifyStatic from '@fastify/static';
import view from '@fastify/view';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resolveSessionUser, type SessionAuth, type SessionSettings, signedIn } from '../http/auth.ts';
import { requestInputErrors } from '../http/input.ts';
import { destroyWebSession, loadWebSession, saveWebSession } from '../use-cases/accounts/web-sessions.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';
import { countUnreadNotifications } from '../use-cases/notifications/count-unread-notifications.ts';
import { accessAlertRoutes } from './access-alerts/routes.ts';
import { accountRoutes } from './account/routes.ts';
import { agencyRoutes } from './agencies/routes.ts';
import { agreementRoutes } from './agreements/routes.ts';
import { assetAddresses, assetCacheHeaders, compressPage } from './assets.ts';
import { auditRoutes } from './audit/routes.ts';
import { signInRequired } from './auth.ts';
import { breachRoutes } from './breaches/routes.ts';
import { breakGlassRoutes } from './break-glass/routes.ts';
import { childrenRoutes } from './children/routes.ts';
import { decisionRoutes } from './decisions/routes.ts';
import { disclosureRoutes } from './disclosures/routes.ts';
import { disposalRoutes } from './disposals/routes.ts';
import { disputeRoutes } from './disputes/routes.ts';
import { formAddresses } from './form-addresses.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { configureNunjucks } from './nunjucks.ts';
import { outboxRoutes } from './outbox/routes.ts';
import { pageRoutes } from './pages/routes.ts';
import { protocolRoutes } from './protocol/routes.ts';
import { registerRoutes } from './registers/routes.ts';
import { render } from './render.ts';
import { requestRoutes } from './requests/routes.ts';
import { rightsRoutes } from './rights/routes.ts';
import { signInRoutes } from './sign-in/routes.ts';
import { staffRoutes } from './staff/routes.ts';
import type { WebOptions } from './types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export const SESSION_COOKIE = 'concord_session';

export async function registerSessions(app: FastifyInstance, deps: Deps, settings: SessionSettings) {
  await app.register(cookie);
  const idleMs = settings.idleMinutes * 60_000;
  await app.register(session, {
    cookieName: SESSION_COOKIE,
    secret: settings.secret,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: settings.cookieSecure, path: '/', maxAge: idleMs },
    store: {
      set(id, s, cb) {
        const auth = (s as { auth?: SessionAuth }).auth;
        saveWebSession(deps, id, {
          data: JSON.parse(JSON.stringify(s)) as Record<string, unknown>,
          // The idle time-out is enforced on every request (src/http/auth.ts) so that the person can be
          // told why they were signed out; the row itself lives no longer than the absolute limit.
          expiresAt: new Date(deps.now().getTime() + settings.maxHours * 3_600_000),
          userId: auth?.userId ?? null,
          partnershipId: auth?.partnershipId ?? null,
        }).then(() => cb(), cb);
      },
      get(id, cb) {
        loadWebSession(deps, id).then(
          (data) => cb(null, (data ?? null) as never),
          (err: Error) => cb(err, null as never),
        );
      },
      destroy(id, cb) {
        destroyWebSession(deps, id).then(() => cb(), cb);
      },
    },
  });
  await app.register(csrf, { sessionPlugin: '@fastify/session', getToken: (req) => (req.body as Record<string, string> | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string | undefined) });
}

export async function webPlugin(app: FastifyInstance, opts: { deps: Deps; options: WebOptions }) {
  const { deps, options } = opts;
  await app.register(formbody);
  await app.register(rateLimit, { global: false });
  // Page assets: fingerprinted names cached for a year, precompressed copies chosen by Accept-Encoding (ADR 0075).
  await app.register(fastifyStatic, {
    root: options.publicDir,
    prefix: '/',
    wildcard: true,
    index: false,
    decorateReply: false,
    cacheControl: false,
    preCompressed: true,
    setHeaders: assetCacheHeaders,
  });
  app.addHook('onSend', compressPage);
  // Templates live with their journey (src/web/<journey>/*.njk); shared ones in src/web/views.
  const env = configureNunjucks([path.join(here, 'views'), here]);
  env.addGlobal('asset', assetAddresses(options.publicDir));
  await app.register(view, { engine: { nunjucks: { configure: () => env } }, templates: path.join(here, 'views'), production: true });

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const state = await resolveSessionUser(deps, options.session, request, 'web');
    if (state === 'ok') {
      const { staff } = signedIn(request);
      let unread: Promise<number> | undefined;
      request.unreadNotifications = () => (unread ??= countUnreadNotifications(deps, staff));
    }
    if (state === 'expired' && request.method === 'GET' && !request.url.startsWith('/sign-in')) {
      return reply.redirect('/sign-in?expired=1');
    }
    if (request.method === 'POST') {
      await new Promise<void>((resolve, reject) => {
        app.csrfProtection(request, reply, (err?: Error) => (err ? reject(err) : resolve()));
      });
    }
    // NUL and other control characters are refused here, for every page's fields (src/http/input.ts).
    const inputErrors = requestInputErrors(request);
    if (inputErrors.length) {
      return render(
        request,
        reply,
        'error.njk',
        {
          pageTitle: 'There is a problem with what you entered',
          statusCode: 400,
          heading: 'There is a problem with what you entered',
          body: [
            'A field contains a character that cannot be accepted, such as a NUL or another control character. These are usually pasted in by mistake and cannot be seen.',
            'Go back, retype the field and try again. Nothing was saved.',
          ],
          errors: inputErrors,
        },
        400,
      );
    }
  });

  const pageAbove = formAddresses(app);
  app.setNotFoundHandler(async (request, reply) => {
    const above = request.method === 'GET' ? pageAbove(request.url.split('?')[0]!) : undefined;
    if (above !== undefined) return reply.redirect(above, 303);
    return render(request, reply, 'error.njk', { pageTitle: 'Page not found', statusCode: 404, heading: 'Page not found' }, 404);
  });
  app.setErrorHandler(async (error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      return render(request, reply, 'error.njk', { pageTitle: 'Your form expired', statusCode: 403, heading: 'Your form expired' }, 403);
    }
    if (error.statusCode === 429) {
      return render(request, reply, 'error.njk', { pageTitle: 'Too many attempts', statusCode: 429, heading: 'Too many attempts', body: 'Wait a minute, then try again.' }, 429);
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return render(
        request,
        reply,
        'error.njk',
        { pageTitle: 'There is a problem', statusCode: error.statusCode, heading: 'There is a problem with your request', body: 'Go back and try again.' },
        error.statusCode,
      );
    }
    request.log.error({ err: { type: error.name, code: error.code, stack: error.stack } }, 'request failed');
    return render(request, reply, 'error.njk', { pageTitle: 'Sorry, there is a problem with the service', statusCode: 500, heading: 'Sorry, there is a problem with the service' }, 500);
  });

  await app.register(pageRoutes);
  await app.register(signInRoutes, { deps });
  // The journeys are for signed-in staff: without a session, each of their pages redirects to
  // /sign-in.
  await app.register(signInRequired(childrenRoutes), { deps });
  await app.register(signInRequired(breakGlassRoutes), { deps });
  await app.register(signInRequired(accessAlertRoutes), { deps });
  await app.register(signInRequired(decisionRoutes), { deps });
  await app.register(signInRequired(accountRoutes), { deps });
  await app.register(signInRequired(auditRoutes), { deps });
  await app.register(signInRequired(protocolRoutes), { deps });
  await app.register(signInRequired(notificationRoutes), { deps });
  await app.register(signInRequired(outboxRoutes), { deps });
  await app.register(signInRequired(requestRoutes), { deps });
  await app.register(signInRequired(disclosureRoutes), { deps });
  await app.register(signInRequired(disputeRoutes), { deps });
  await app.register(signInRequired(registerRoutes), { deps });
  await app.register(signInRequired(breachRoutes), { deps });
  await app.register(signInRequired(staffRoutes), { deps });
  await app.register(signInRequired(agencyRoutes), { deps });
  await app.register(signInRequired(agreementRoutes), { deps });
  await app.register(signInRequired(disposalRoutes), { deps });
  await app.register(signInRequired(rightsRoutes), { deps });
}
