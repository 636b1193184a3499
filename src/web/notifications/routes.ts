// The signed-in person's notifications: the list, "Mark all as read", and opening one (marks it
// read and goes where it points). Someone else's notification is "Page not found".
import type { FastifyInstance } from 'fastify';
import { signedIn } from '../../http/auth.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import { listNotifications } from '../../use-cases/notifications/list-notifications.ts';
import { markNotificationsRead } from '../../use-cases/notifications/mark-notifications-read.ts';
import { openNotification } from '../../use-cases/notifications/open-notification.ts';
import { render } from '../render.ts';
import { presentNotifications } from './presenter.ts';

export async function notificationRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/notifications', async (request, reply) => {
    const { actor } = signedIn(request);
    const flash = request.session.flash;
    if (flash) request.session.flash = undefined;
    const notifications = presentNotifications(await listNotifications(deps, actor));
    return render(request, reply, 'notifications/index.njk', { pageTitle: 'Notifications', notifications, flash });
  });

  app.post('/notifications/read', async (request, reply) => {
    const { actor } = signedIn(request);
    const result = await markNotificationsRead(deps, actor);
    if (result.kind !== 'ok') throw new Error('unexpected outcome');
    request.session.flash = 'All your notifications are marked as read.';
    return reply.redirect('/notifications', 303);
  });

  app.get<{ Params: { notificationId: string } }>('/notifications/:notificationId/open', async (request, reply) => {
    const { actor } = signedIn(request);
    const { notificationId } = request.params;
    const result = await openNotification(deps, actor, notificationId);
    if (result.kind !== 'ok') return reply.callNotFound();
    return reply.redirect(result.value.link, 303);
  });
}
