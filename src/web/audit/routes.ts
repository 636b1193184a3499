// The audit pages: "who has seen this child's record" (the child's lead agency and IG staff), and
// an agency's own access log for its IG staff to download. Out of reach is "Page not found".
import type { FastifyInstance } from 'fastify';
import { isAuditStaff } from '../../domain/access-log.ts';
import { signedIn } from '../../http/auth.ts';
import { accessLogCsv, accessLogJson, exportAgencyAccessLog } from '../../use-cases/audit/export-agency-access-log.ts';
import { viewChildAccessLog } from '../../use-cases/children/view-child-access-log.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import { stepUpSatisfied } from '../auth.ts';
import { field, render } from '../render.ts';
import { exportForm, presentAccessLog } from './presenter.ts';

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'agency';

export async function auditRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get<{ Params: { childId: string } }>('/children/:childId/access-log', async (request, reply) => {
    const { actor } = signedIn(request);
    const { childId } = request.params;
    const raw = (request.query as { page?: string }).page;
    const page = raw === undefined ? 1 : /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : Number.NaN;
    if (Number.isNaN(page)) return reply.callNotFound();
    const result = await viewChildAccessLog(deps, actor, childId, page);
    if (result.kind !== 'ok' || result.value.page > result.value.pages) return reply.callNotFound();
    const log = presentAccessLog(result.value);
    return render(request, reply, 'audit/access-log.njk', { pageTitle: `Who has seen ${log.childName}'s record`, log });
  });

  app.get('/audit/export', async (request, reply) => {
    const { actor, staff } = signedIn(request);
    if (!isAuditStaff(actor)) return reply.callNotFound();
    return render(request, reply, 'audit/export.njk', { pageTitle: "Download your agency's access log", agencyName: staff.agencyName, form: exportForm({}) });
  });

  app.post('/audit/export', async (request, reply) => {
    const { actor, staff } = signedIn(request);
    // An export of who saw which child is a sensitive action: a fresh second factor first (ADR 0017).
    if (isAuditStaff(actor) && !stepUpSatisfied(request, reply, deps.now(), '/audit/export')) return reply;
    const values = { format: field(request.body, 'format'), period: field(request.body, 'period') };
    const result = await exportAgencyAccessLog(deps, actor, values);
    if (result.kind === 'not_found') return reply.callNotFound();
    if (result.kind === 'invalid') {
      return render(request, reply, 'audit/export.njk', { pageTitle: "Download your agency's access log", agencyName: staff.agencyName, form: exportForm(values), errors: result.errors }, 400);
    }
    if (result.kind !== 'ok') throw new Error('unexpected outcome');
    const e = result.value;
    const name = `access-log-${slug(e.agencyName)}-${e.generatedAt.slice(0, 10)}.${values.format}`;
    return reply
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .type(values.format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8')
      .send(values.format === 'json' ? accessLogJson(e) : accessLogCsv(e));
  });
}
