// Retention and disposal over the JSON API (/api/v1/disposals): the same use cases as the pages
// and the CLI. Not an IG lead, or another agency's record → 404; bad input → 422 with a pointer per
// field; a record on legal hold → 409. Described in disposal-schemas.ts.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import { signedIn } from '../http/auth.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';
import { fieldErrors, type Outcome } from '../use-cases/kernel/outcome.ts';
import { disposeApprovedForAgency } from '../use-cases/retention/dispose-approved.ts';
import type { DisposalsView } from '../use-cases/retention/list-disposals.ts';
import { listDisposals } from '../use-cases/retention/list-disposals.ts';
import { reviewDisposal } from '../use-cases/retention/review-disposal.ts';
import { viewCertificate } from '../use-cases/retention/view-certificate.ts';
import { type certificateViewSchema, type disposalsSchema, reviewBodySchema } from './disposal-schemas.ts';
import { invalidProblem, notFoundProblem, problem } from './problem.ts';

const API = '/api/v1';
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).header('cache-control', 'no-store').send(body);

function failure(reply: FastifyReply, o: Exclude<Outcome<unknown>, { kind: 'ok' }>) {
  if (o.kind === 'invalid') return invalidProblem(reply, o.errors);
  if (o.kind === 'conflict') return problem(reply, 409, 'Conflict', o.reason);
  return notFoundProblem(reply);
}

type Review = z.input<typeof disposalsSchema>['pending'][number];
const review = (r: DisposalsView['pending'][number]): Review => ({
  id: r.id,
  kind: r.kind as Review['kind'],
  recordId: r.record_id,
  status: r.status as Review['status'],
  rule: r.rule_clause,
  startedAt: r.started_at.toISOString(),
  dueAt: r.due_at.toISOString(),
  deferredUntil: iso(r.deferred_until),
  reason: r.reason,
  holdKind: r.hold_kind as Review['holdKind'],
  decidedBy: r.decided_by_name,
  decidedAt: iso(r.decided_at),
  certificateId: r.certificate_id,
  disposedAt: iso(r.disposed_at),
});

export async function disposalApiRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/disposals', async (request, reply) => {
    const r = await listDisposals(deps, signedIn(request).actor);
    if (r.kind !== 'ok') return failure(reply, r);
    const v = r.value;
    return send(reply, {
      pending: v.pending.map(review),
      approved: v.approved.map(review),
      deferred: v.deferred.map(review),
      held: v.held.map(review),
      disposed: v.disposed.map(review),
      certificates: v.certificates.map((c) => ({
        id: c.id,
        kind: c.kind as Review['kind'],
        count: c.record_count,
        disposedAt: c.disposed_at.toISOString(),
        pack: c.pack,
        rule: c.rule_clause,
        ruleText: c.rule_text,
        approvedBy: c.approved_by_name,
        href: `${API}/disposals/certificates/${c.id}`,
      })),
      disposedByRecipients: v.disposedByRecipients.map((d) => ({
        disclosureId: d.record_id,
        recipient: d.agency_name,
        disposedAt: iso(d.disposed_at),
        certificateId: d.certificate_id,
        rule: d.rule_clause,
      })),
    } satisfies z.input<typeof disposalsSchema>);
  });

  app.post('/disposals/review', async (request, reply) => {
    const body = reviewBodySchema.safeParse(request.body ?? {});
    if (!body.success) return invalidProblem(reply, fieldErrors(body.error.issues));
    const r = await reviewDisposal(deps, signedIn(request).actor, body.data);
    if (r.kind !== 'ok') return failure(reply, r);
    return send(reply, r.value);
  });

  app.post('/disposals/run', async (request, reply) => {
    const r = await disposeApprovedForAgency(deps, signedIn(request).actor);
    if (r.kind !== 'ok') return failure(reply, r);
    return send(reply, r.value);
  });

  app.get<{ Params: { certificateId: string } }>('/disposals/certificates/:certificateId', async (request, reply) => {
    const r = await viewCertificate(deps, signedIn(request).actor, request.params.certificateId);
    if (r.kind !== 'ok') return failure(reply, r);
    const c = r.value;
    return send(reply, {
      id: c.id,
      kind: c.kind as Review['kind'],
      count: c.record_count,
      disposedAt: c.disposed_at.toISOString(),
      pack: c.pack,
      rule: c.rule_clause,
      ruleText: c.rule_text,
      approvedBy: c.approved_by_name,
      agency: c.agency_name,
      href: `${API}/disposals/certificates/${c.id}`,
    } satisfies z.input<typeof certificateViewSchema>);
  });
}
