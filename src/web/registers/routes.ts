// The central register (disputes and complaints across the partnership, open items with their
// clocks, trends by month and agency, and a CSV of the trend that applies the pack's small-number
// rule when it is for use outside the partnership) and the scrutiny view of decisions not to share,
// where a statutory partner records a finding. For the roles the pack names; anyone else: 404.
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { signedIn } from '../../http/auth.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import type { FieldError } from '../../use-cases/kernel/outcome.ts';
import { recordScrutinyFinding } from '../../use-cases/registers/record-scrutiny-finding.ts';
import { reportRegisterTrend } from '../../use-cases/registers/report-register-trend.ts';
import { viewRegister } from '../../use-cases/registers/view-register.ts';
import { viewScrutiny } from '../../use-cases/registers/view-scrutiny.ts';
import { type FormBody, field, render } from '../render.ts';
import { presentRegister, presentScrutiny } from './presenter.ts';

export async function registerRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/registers', async (request, reply) => {
    const result = await viewRegister(deps, signedIn(request).actor);
    if (result.kind !== 'ok') return reply.callNotFound();
    return render(request, reply, 'registers/index.njk', { pageTitle: 'Central register of disputes, complaints and breaches', register: presentRegister(result.value) });
  });

  app.get('/registers/trend.csv', async (request, reply) => {
    const publish = field(request.query, 'publish') === 'yes';
    const result = await reportRegisterTrend(deps, { actor: signedIn(request).actor }, { publish });
    if (result.kind !== 'ok') return reply.callNotFound();
    const csv = stringify(
      result.value.rows.map((r) => [r.kind, r.month, r.agency, r.count]),
      { header: true, columns: ['Kind', 'Month', 'Agency', 'Count'], escape_formulas: true, record_delimiter: 'windows' },
    );
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="register-trend${publish ? '-for-publication' : ''}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });

  async function scrutinyPage(request: FastifyRequest, reply: FastifyReply, form?: { decisionId: string; values: FormBody }, errors: FieldError[] = [], flash?: string) {
    const result = await viewScrutiny(deps, signedIn(request).actor);
    if (result.kind !== 'ok') return reply.callNotFound();
    const stored = request.session.flash;
    if (stored) request.session.flash = undefined;
    return render(
      request,
      reply,
      'registers/scrutiny.njk',
      { pageTitle: 'Scrutiny of decisions not to share', scrutiny: presentScrutiny(result.value, form), errors, flash: flash ?? stored },
      errors.length ? 400 : 200,
    );
  }

  app.get('/registers/scrutiny', async (request, reply) => scrutinyPage(request, reply));

  app.post('/registers/scrutiny/findings', async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const decisionId = field(body, 'decisionId');
    const result = await recordScrutinyFinding(deps, signedIn(request).actor, { subjectId: decisionId, finding: field(body, 'finding') || undefined, note: field(body, 'note') });
    if (result.kind === 'ok') {
      request.session.flash = 'Your finding is recorded.';
      return reply.redirect(`/registers/scrutiny#decision-${decisionId}`, 303);
    }
    if (result.kind !== 'invalid') return reply.callNotFound();
    return scrutinyPage(
      request,
      reply,
      { decisionId, values: body },
      result.errors.map((e) => ({ path: `${decisionId}-${e.path}`, message: e.message })),
    );
  });
}
