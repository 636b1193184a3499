import type { FastifyInstance } from 'fastify';
import { createApiKey } from '../../use-cases/accounts/create-api-key.ts';
import { listApiKeys } from '../../use-cases/accounts/list-api-keys.ts';
import { revokeApiKey } from '../../use-cases/accounts/revoke-api-key.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import { requireSignIn } from '../auth.ts';
import { field, render } from '../render.ts';

export async function accountRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const page = async (request: Parameters<typeof render>[0], reply: Parameters<typeof render>[1], extra: Record<string, unknown> = {}, status = 200) => {
    const keys = await listApiKeys(deps, request.actor!);
    return render(request, reply, 'account/api-keys.njk', { pageTitle: 'API keys', keys, values: {}, ...extra }, status);
  };

  app.get('/account/api-keys', async (request, reply) => {
    if (!requireSignIn(request, reply)) return reply;
    return page(request, reply);
  });

  app.post('/account/api-keys', async (request, reply) => {
    const actor = requireSignIn(request, reply);
    if (!actor) return reply;
    const name = field(request.body, 'name');
    const result = await createApiKey(deps, actor, { name });
    if (result.kind === 'invalid') return page(request, reply, { errors: result.errors, values: { name } }, 400);
    if (result.kind !== 'ok') throw new Error('unexpected outcome');
    return page(request, reply, { created: { name, token: result.value.token } });
  });

  app.post('/account/api-keys/:keyId/revoke', async (request, reply) => {
    const actor = requireSignIn(request, reply);
    if (!actor) return reply;
    const { keyId } = request.params as { keyId: string };
    const result = await revokeApiKey(deps, actor, keyId);
    if (result.kind !== 'ok') return reply.callNotFound();
    return reply.redirect('/account/api-keys', 303);
  });
}
