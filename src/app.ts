// createApp(deps) builds the whole HTTP application (web pages and JSON API) and never listens,
// so tests build it in-process and drive it with inject() or a browser.
import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { apiNotFound, apiPlugin } from './api/plugin.ts';
import { registerSessions, webPlugin } from './web/plugin.ts';
import type { AppDeps } from './web/types.ts';

export async function createApp({ deps, web, logger }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? false,
    genReqId: () => randomUUID(),
    // Only the configured reverse proxies' X-Forwarded-For is believed; by default none, so the
    // address the sign-in rate limit counts is the connection's own (ADR 0040).
    trustProxy: web.trustProxy?.length ? [...web.trustProxy] : false,
    bodyLimit: 256 * 1024,
    // Opaque address tokens (a sealed search: up to ~300 characters) are one path segment.
    routerOptions: { maxParamLength: 500 },
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-correlation-id', request.id);
  });
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        upgradeInsecureRequests: web.session.cookieSecure ? [] : null,
      },
    },
    strictTransportSecurity: web.session.cookieSecure ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  await registerSessions(app, deps, web.session);
  await app.register(apiPlugin, { prefix: '/api/v1', deps, session: web.session, rateLimit: web.apiRateLimit ?? 0 });
  await app.register(apiNotFound, { prefix: '/api' });
  await app.register(webPlugin, { deps, options: web });
  return app;
}
