// The disposition review (/disposals): an agency's IG lead sees records whose retention has ended,
// approves, defers with a reason, places on legal hold or releases them in one form, disposes of
// what is approved, and reads certificates of disposal. Anyone else: the 404 page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../domain/staff.ts';
import { signedIn } from '../../http/auth.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import type { FieldError } from '../../use-cases/kernel/outcome.ts';
import { disposeApprovedForAgency } from '../../use-cases/retention/dispose-approved.ts';
import { listDisposals } from '../../use-cases/retention/list-disposals.ts';
import { reviewDisposal } from '../../use-cases/retention/review-disposal.ts';
import { viewCertificate } from '../../use-cases/retention/view-certificate.ts';
import { type FormBody, field, render } from '../render.ts';
import { presentCertificate, presentDisposals } from './presenter.ts';

const takeFlash = (request: FastifyRequest) => {
  const flash = request.session.flash;
  if (flash) request.session.flash = undefined;
  return flash;
};
const list = (body: FormBody, name: string) => [body[name] ?? []].flat().filter(Boolean);

export async function disposalRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  async function page(request: FastifyRequest, reply: FastifyReply, actor: Actor, values: FormBody = {}, errors: FieldError[] = [], problem?: string) {
    const r = await listDisposals(deps, actor);
    if (r.kind !== 'ok') return reply.callNotFound();
    const review = presentDisposals(r.value, list(values, 'reviewIds'));
    return render(
      request,
      reply,
      'disposals/index.njk',
      {
        pageTitle: 'Records due for disposal',
        review,
        holdItems: review.holdKinds.map((k) => ({ ...k, checked: field(values, 'holdKind') === k.value })),
        values,
        errors,
        problem,
        flash: takeFlash(request),
      },
      errors.length || problem ? 400 : 200,
    );
  }

  app.get('/disposals', async (request, reply) => page(request, reply, signedIn(request).actor));

  app.post('/disposals/review', async (request, reply) => {
    const { actor } = signedIn(request);
    const body = (request.body ?? {}) as FormBody;
    const action = field(body, 'action');
    const r = await reviewDisposal(deps, actor, {
      reviewIds: list(body, 'reviewIds'),
      action,
      reason: field(body, action === 'defer' ? 'deferReason' : action === 'hold' ? 'holdReason' : action === 'release' ? 'releaseReason' : 'approveNote'),
      deferUntil: field(body, 'deferUntil'),
      holdKind: field(body, 'holdKind'),
    });
    if (r.kind === 'ok') {
      const said = { approved: 'approved for disposal', deferred: 'deferred', held: 'placed on legal hold', pending: 'released from legal hold', disposed: 'disposed of' } as const;
      request.session.flash = `${r.value.decided} record${r.value.decided === 1 ? '' : 's'} ${said[r.value.status]}.`;
      return reply.redirect('/disposals', 303);
    }
    if (r.kind === 'invalid') {
      // The reason field shown is the one under the chosen action.
      const field = { defer: 'deferReason', hold: 'holdReason', release: 'releaseReason', approve: 'approveNote' }[action] ?? 'reason';
      return page(
        request,
        reply,
        actor,
        body,
        r.errors.map((e) => (e.path === 'reason' ? { ...e, path: field } : e)),
      );
    }
    if (r.kind === 'conflict') return page(request, reply, actor, body, [], r.reason);
    return reply.callNotFound();
  });

  app.post('/disposals/run', async (request, reply) => {
    const r = await disposeApprovedForAgency(deps, signedIn(request).actor);
    if (r.kind !== 'ok') return reply.callNotFound();
    request.session.flash = r.value.disposed
      ? `${r.value.disposed} record${r.value.disposed === 1 ? '' : 's'} disposed of beyond recovery. ${r.value.certificates.length} certificate${r.value.certificates.length === 1 ? '' : 's'} of disposal issued.`
      : 'There were no approved records to dispose of.';
    return reply.redirect('/disposals', 303);
  });

  app.get<{ Params: { certificateId: string } }>('/disposals/certificates/:certificateId', async (request, reply) => {
    const r = await viewCertificate(deps, signedIn(request).actor, request.params.certificateId);
    if (r.kind !== 'ok') return reply.callNotFound();
    return render(request, reply, 'disposals/certificate.njk', { pageTitle: 'Certificate of disposal', certificate: presentCertificate(r.value) });
  });
}
