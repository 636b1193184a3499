import type { FastifyInstance } from 'fastify';
import { signedIn } from '../../http/auth.ts';
import { createApiKey } from '../../use-cases/accounts/create-api-key.ts';
import { listApiKeys } from '../../use-cases/accounts/list-api-keys.ts';
import { revokeApiKey } from '../../use-cases/accounts/revoke-api-key.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import { field, render } from '../render.ts';

export async function accountRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const page = async (request: Parameters<typeof render>[0], reply: Parameters<typeof render>[1], extra: Record<string, unknown> = {}, status = 200) => {
    const now = deps.now();
    const keys = (await listApiKeys(deps, signedIn(request).actor)).map((k) => ({ ...k, expired: !k.revoked_at && k.expires_at !== null && k.expires_at <= now }));
    return render(request, reply, 'account/api-keys.njk', { pageTitle: 'API keys', keys, values: {}, ...extra }, status);
  };

  app.get('/account/api-keys', async (request, reply) => page(request, reply));

  app.post('/account/api-keys', async (request, reply) => {
    const { actor } = signedIn(request);
    const name = field(request.body, 'name');
    const result = await createApiKey(deps, actor, { name });
    if (result.kind === 'invalid') return page(request, reply, { errors: result.errors, values: { name } }, 400);
    if (result.kind !== 'ok') throw new Error('unexpected outcome');
    return page(request, reply, { created: { name, token: result.value.token, expiresAt: result.value.expiresAt } });
  });

  app.post<{ Params: { keyId: string } }>('/account/api-keys/:keyId/revoke', async (request, reply) => {
    const { actor } = signedIn(request);
    const { keyId } = request.params;
    const result = await revokeApiKey(deps, actor, keyId);
    if (result.kind !== 'ok') return reply.callNotFound();
    return reply.redirect('/account/api-keys', 303);
  });
}
