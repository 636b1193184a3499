// /access-alerts: the unusual-access alerts of the reviewer's agency (ADR 0085) — a list (open
// ones, or all) and one alert, acknowledged while it is looked into and closed with a note. Thin
// handlers over src/use-cases/access-alerts/; forms work without JavaScript.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessAlertAction } from '../../domain/access-alerts.ts';
import { signedIn } from '../../http/auth.ts';
import { answerAccessAlert } from '../../use-cases/access-alerts/answer-access-alert.ts';
import { listAgencyAccessAlerts } from '../../use-cases/access-alerts/list-access-alerts.ts';
import { viewAccessAlert } from '../../use-cases/access-alerts/view-access-alert.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import type { FieldError } from '../../use-cases/kernel/outcome.ts';
import { field, render } from '../render.ts';
import { alertRows, alertView } from './presenter.ts';

export async function accessAlertRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/access-alerts', async (request, reply) => {
    const all = (request.query as Record<string, string | undefined>).show === 'all';
    const r = await listAgencyAccessAlerts(deps, signedIn(request).actor, { all });
    if (r.kind !== 'ok') return reply.callNotFound();
    const flash = request.session.flash;
    request.session.flash = undefined;
    return render(request, reply, 'access-alerts/list.njk', { pageTitle: 'Access alerts', all, flash, rows: alertRows(r.value) });
  });

  async function page(request: FastifyRequest<{ Params: { alertId: string } }>, reply: FastifyReply, form: { values?: Record<string, string>; errors?: FieldError[]; problem?: string } = {}) {
    const r = await viewAccessAlert(deps, signedIn(request).actor, request.params.alertId);
    if (r.kind !== 'ok') return reply.callNotFound();
    const flash = request.session.flash;
    request.session.flash = undefined;
    const errors = form.errors ?? [];
    return render(
      request,
      reply,
      'access-alerts/show.njk',
      { pageTitle: 'Access alert', alert: alertView(r.value), values: form.values ?? {}, errors, problem: form.problem, flash },
      errors.length || form.problem ? 400 : 200,
    );
  }

  app.get<{ Params: { alertId: string } }>('/access-alerts/:alertId', async (request, reply) => page(request, reply));

  for (const action of ['acknowledge', 'close'] as AccessAlertAction[]) {
    app.post<{ Params: { alertId: string } }>(`/access-alerts/:alertId/${action}`, async (request, reply) => {
      const note = field(request.body, 'note');
      const r = await answerAccessAlert(deps, signedIn(request).actor, request.params.alertId, action, { note });
      if (r.kind === 'ok') {
        request.session.flash = action === 'close' ? 'The alert is closed.' : 'The alert is acknowledged: close it with a note when you have looked into it.';
        return reply.redirect(`/access-alerts/${r.value.alertId}`, 303);
      }
      if (r.kind === 'invalid') return page(request, reply, { values: { note }, errors: r.errors });
      if (r.kind === 'conflict') return page(request, reply, { problem: r.reason });
      return reply.callNotFound();
    });
  }
}
