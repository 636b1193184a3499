// The partnership's e-mail outbox, for its administrators and partnership manager (everyone else:
// "Page not found"). With the local outbox (EMAIL_NOTIFIER=outbox) this is where e-mails are read.
import type { FastifyInstance } from 'fastify';
import { signedIn } from '../../http/auth.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import { listOutbox } from '../../use-cases/notifications/list-outbox.ts';
import { render } from '../render.ts';
import { presentOutbox } from './presenter.ts';

export async function outboxRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/outbox', async (request, reply) => {
    const { actor, staff } = signedIn(request);
    const result = await listOutbox(deps, actor);
    if (result.kind !== 'ok') return reply.callNotFound();
    return render(request, reply, 'outbox/index.njk', { pageTitle: 'E-mail outbox', partnershipName: staff.partnershipName, outbox: presentOutbox(result.value) });
  });
}
