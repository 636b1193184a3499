// Break-glass access (ADR 0050): ask for time-limited access to a child your agency does not work
// with (after a fresh second factor), approve or refuse where the pack asks, and review it as the
// child's lead agency. Thin handlers over src/use-cases/break-glass/; forms work without JavaScript.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { composeDate } from '../../domain/dates.ts';
import { signedIn } from '../../http/auth.ts';
import { decideBreakGlass } from '../../use-cases/break-glass/decide-break-glass.ts';
import { listBreakGlass } from '../../use-cases/break-glass/list-break-glass.ts';
import { requestBreakGlass } from '../../use-cases/break-glass/request-break-glass.ts';
import { reviewBreakGlass } from '../../use-cases/break-glass/review-break-glass.ts';
import { viewBreakGlass } from '../../use-cases/break-glass/view-break-glass.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import type { FieldError } from '../../use-cases/kernel/outcome.ts';
import { stepUpSatisfied } from '../auth.ts';
import { field, render } from '../render.ts';
import { breakGlassPage } from './presenter.ts';

export async function breakGlassRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/break-glass', async (request, reply) => {
    const r = await listBreakGlass(deps, signedIn(request).actor);
    return render(request, reply, 'break-glass/list.njk', { pageTitle: 'Emergency access', items: r.kind === 'ok' ? r.value : [] });
  });

  const form = (request: FastifyRequest, reply: FastifyReply, values: Record<string, string> = {}, errors: FieldError[] = [], status = 200) =>
    render(request, reply, 'break-glass/new.njk', { pageTitle: 'Ask for emergency access to a child’s record', values, errors }, status);

  app.get('/break-glass/new', async (request, reply) => {
    if (!stepUpSatisfied(request, reply, deps.now(), '/break-glass/new')) return reply;
    return form(request, reply);
  });

  app.post('/break-glass/new', async (request, reply) => {
    // Break-glass is a sensitive action: a fresh second factor first (ADR 0017).
    if (!stepUpSatisfied(request, reply, deps.now(), '/break-glass/new')) return reply;
    const b = request.body;
    const values = {
      nhsNumber: field(b, 'nhsNumber'),
      'dateOfBirth-day': field(b, 'dateOfBirth-day'),
      'dateOfBirth-month': field(b, 'dateOfBirth-month'),
      'dateOfBirth-year': field(b, 'dateOfBirth-year'),
      reason: field(b, 'reason'),
    };
    const r = await requestBreakGlass(deps, signedIn(request).actor, {
      nhsNumber: values.nhsNumber,
      dateOfBirth: composeDate(values['dateOfBirth-day'], values['dateOfBirth-month'], values['dateOfBirth-year']),
      reason: values.reason,
    });
    if (r.kind === 'invalid') return form(request, reply, values, r.errors, 400);
    if (r.kind === 'conflict' || r.kind === 'forbidden') return form(request, reply, values, [{ path: 'nhsNumber', message: r.reason }], 400);
    if (r.kind !== 'ok') return reply.callNotFound();
    return reply.redirect(r.value.status === 'granted' ? `/children/${r.value.childId}` : `/break-glass/${r.value.id}`, 303);
  });

  const show = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, errors: FieldError[] = [], values: Record<string, string> = {}) => {
    const r = await viewBreakGlass(deps, signedIn(request).actor, request.params.id);
    if (r.kind !== 'ok') return reply.callNotFound();
    return render(request, reply, 'break-glass/show.njk', { pageTitle: 'Emergency access', ...breakGlassPage(r.value), errors, values }, errors.length ? 400 : 200);
  };

  app.get<{ Params: { id: string } }>('/break-glass/:id', async (request, reply) => show(request, reply));

  for (const answer of ['approve', 'refuse'] as const) {
    app.post<{ Params: { id: string } }>(`/break-glass/:id/${answer}`, async (request, reply) => {
      if (!stepUpSatisfied(request, reply, deps.now(), `/break-glass/${request.params.id}`)) return reply;
      const r = await decideBreakGlass(deps, signedIn(request).actor, request.params.id, answer);
      if (r.kind === 'conflict') return show(request, reply, [{ path: 'answer', message: r.reason }]);
      if (r.kind !== 'ok') return reply.callNotFound();
      return reply.redirect(`/break-glass/${request.params.id}`, 303);
    });
  }

  app.post<{ Params: { id: string } }>('/break-glass/:id/review', async (request, reply) => {
    const values = { outcome: field(request.body, 'outcome'), note: field(request.body, 'note'), reportBreach: field(request.body, 'reportBreach') };
    const r = await reviewBreakGlass(deps, signedIn(request).actor, request.params.id, {
      outcome: values.outcome || undefined,
      note: values.note,
      reportBreach: values.reportBreach === 'yes',
    });
    if (r.kind === 'invalid') return show(request, reply, r.errors, values);
    if (r.kind === 'conflict') return show(request, reply, [{ path: 'outcome', message: r.reason }], values);
    if (r.kind !== 'ok') return reply.callNotFound();
    return reply.redirect(r.value.breachId ? `/breaches/${r.value.breachId}` : `/break-glass/${request.params.id}`, 303);
  });
}
