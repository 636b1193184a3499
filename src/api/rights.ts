// Rights requests over the JSON API (/api/v1/rights-requests): the same use cases as the CLI;
// not found or out of reach → 404, a broken rule → 422 with a pointer per field, a step that
// cannot happen now → 409. Responses are shaped here and described in rights-schemas.ts. Nothing
// is cached (personal data).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { ConsultationAnswer, RightsOutcome } from '../domain/rights.ts';
import type { Actor } from '../domain/staff.ts';
import { signedIn } from '../http/auth.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';
import type { Outcome } from '../use-cases/kernel/outcome.ts';
import { answerConsultation } from '../use-cases/rights/answer-consultation.ts';
import { answerRightsRequest } from '../use-cases/rights/answer-rights-request.ts';
import { askClarification } from '../use-cases/rights/ask-clarification.ts';
import { consultSources } from '../use-cases/rights/consult-sources.ts';
import { downloadResponsePack } from '../use-cases/rights/download-response-pack.ts';
import { extendDeadline } from '../use-cases/rights/extend-deadline.ts';
import { listConsultations } from '../use-cases/rights/list-consultations.ts';
import { listRightsRequestsFor } from '../use-cases/rights/list-rights-requests.ts';
import { logRightsRequest } from '../use-cases/rights/log-rights-request.ts';
import { produceResponsePack } from '../use-cases/rights/produce-response-pack.ts';
import { receiveClarification } from '../use-cases/rights/receive-clarification.ts';
import { verifyIdentity } from '../use-cases/rights/verify-identity.ts';
import { viewConsultation } from '../use-cases/rights/view-consultation.ts';
import { viewRightsRequest } from '../use-cases/rights/view-rights-request.ts';
import { withholdItem } from '../use-cases/rights/withhold-item.ts';
import { invalidProblem, notFoundProblem, problem } from './problem.ts';
import type { consultationListSchema, consultationViewSchema, rightsListSchema, rightsViewSchema } from './rights-schemas.ts';

const API = '/api/v1';
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).header('cache-control', 'no-store').send(body);

function failure(reply: FastifyReply, o: Exclude<Outcome<unknown>, { kind: 'ok' }>) {
  if (o.kind === 'invalid') return invalidProblem(reply, o.errors);
  if (o.kind === 'conflict') return problem(reply, 409, 'Conflict', o.reason);
  if (o.kind === 'forbidden') return problem(reply, 403, 'Forbidden', o.reason);
  return notFoundProblem(reply);
}

type Step = (deps: Deps, actor: Actor, requestId: string, input: unknown) => Promise<Outcome<{ status: string; dueAt: Date | null }>>;
type Params = { Params: { requestId: string } };
const entry = (e: { ref: string; section: 'decision' | 'request' | 'disclosure'; at: Date; title: string; text: string; sourceAgencyId: string; sourceAgencyName: string }) => ({
  ref: e.ref,
  section: e.section,
  at: e.at.toISOString(),
  title: e.title,
  text: e.text,
  sourceAgency: { id: e.sourceAgencyId, name: e.sourceAgencyName },
});
const consultation = (c: { id: string; source_agency_id: string; source_agency_name: string; asked_at: Date; due_at: Date; answered_at: Date | null; exemption: string | null }) => ({
  id: c.id,
  sourceAgency: { id: c.source_agency_id, name: c.source_agency_name },
  askedAt: c.asked_at.toISOString(),
  dueAt: c.due_at.toISOString(),
  answeredAt: iso(c.answered_at),
  answer: c.exemption as ConsultationAnswer | null,
});

export async function rightsApiRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/rights-requests', async (request, reply) => {
    const o = await listRightsRequestsFor(deps, signedIn(request).actor);
    if (o.kind !== 'ok') return failure(reply, o);
    return send(reply, {
      requests: o.value.map((r) => ({
        id: r.id,
        kind: r.kind as 'access',
        requesterKind: r.requester_kind as 'parent',
        status: r.status as 'open',
        receivedAt: r.received_at.toISOString(),
        verifiedAt: iso(r.verified_at),
        dueAt: iso(r.due_at),
        outcome: r.outcome as RightsOutcome | null,
        answeredAt: iso(r.answered_at),
        href: `${API}/rights-requests/${r.id}`,
      })),
    } satisfies z.input<typeof rightsListSchema>);
  });

  app.post('/rights-requests', async (request, reply) => {
    const o = await logRightsRequest(deps, signedIn(request).actor, request.body);
    if (o.kind !== 'ok') return failure(reply, o);
    return send(reply, { id: o.value.requestId, status: o.value.status, links: { self: `${API}/rights-requests/${o.value.requestId}` } }, 201);
  });

  app.get('/rights-requests/consultations', async (request, reply) => {
    const o = await listConsultations(deps, signedIn(request).actor);
    if (o.kind !== 'ok') return failure(reply, o);
    return send(reply, {
      consultations: o.value.map((c) => ({ ...consultation(c), requestId: c.request_id, handlingAgencyName: c.handling_agency_name })),
    } satisfies z.input<typeof consultationListSchema>);
  });

  app.get<{ Params: { consultationId: string } }>('/rights-requests/consultations/:consultationId', async (request, reply) => {
    const o = await viewConsultation(deps, signedIn(request).actor, request.params.consultationId);
    if (o.kind !== 'ok') return failure(reply, o);
    const c = o.value.consultation;
    return send(reply, {
      consultation: { ...consultation(c), requestId: c.request_id, handlingAgencyName: c.handling_agency_name },
      reasons: o.value.reasons,
      entries: o.value.entries.map(entry),
    } satisfies z.input<typeof consultationViewSchema>);
  });

  app.post<{ Params: { consultationId: string } }>('/rights-requests/consultations/:consultationId', async (request, reply) => {
    const o = await answerConsultation(deps, signedIn(request).actor, request.params.consultationId, request.body);
    if (o.kind !== 'ok') return failure(reply, o);
    return reply.code(204).send();
  });

  app.get<Params>('/rights-requests/:requestId', async (request, reply) => {
    const o = await viewRightsRequest(deps, signedIn(request).actor, request.params.requestId);
    if (o.kind !== 'ok') return failure(reply, o);
    const v = o.value;
    const r = v.request;
    return send(reply, {
      id: r.id,
      kind: r.kind as 'access',
      requesterKind: r.requester_kind as 'parent',
      status: r.status as 'open',
      receivedAt: r.received_at.toISOString(),
      verifiedAt: iso(r.verified_at),
      dueAt: iso(v.clock.dueAt),
      outcome: r.outcome as RightsOutcome | null,
      answeredAt: iso(r.answered_at),
      href: `${API}/rights-requests/${r.id}`,
      childId: r.child_id,
      summary: v.summary,
      evidence: v.evidence,
      reasons: v.reasons,
      extensionMonths: r.extension_months,
      clock: { state: v.clockState, startsAt: iso(v.clock.startsAt), firstDueAt: iso(v.clock.firstDueAt), dueAt: iso(v.clock.dueAt), pausedDays: v.clock.pausedDays },
      access: v.access && { entries: v.access.entries.map(entry), sources: v.access.sources.map((s) => ({ id: s.agencyId, name: s.name, entries: s.entries })) },
      consultations: v.consultations.map(consultation),
      withheld: v.withheld.map((w) => ({ ...w, withheldAt: w.withheldAt.toISOString() })),
      packs: v.packs.map((p) => ({ id: p.id, producedAt: p.produced_at.toISOString(), byteSize: p.byte_size, sha256: p.sha256, href: `${API}/rights-requests/${r.id}/packs/${p.id}` })),
    } satisfies z.input<typeof rightsViewSchema>);
  });

  const steps: [string, Step][] = [
    ['identity', verifyIdentity],
    ['clarification-asked', askClarification],
    ['clarification-received', receiveClarification],
    ['extension', extendDeadline],
    ['answer', answerRightsRequest],
  ];
  for (const [path, step] of steps)
    app.post<Params>(`/rights-requests/:requestId/${path}`, async (request, reply) => {
      const o = await step(deps, signedIn(request).actor, request.params.requestId, request.body);
      if (o.kind !== 'ok') return failure(reply, o);
      return send(reply, { id: request.params.requestId, status: o.value.status, dueAt: iso(o.value.dueAt), links: { self: `${API}/rights-requests/${request.params.requestId}` } });
    });

  app.post<Params>('/rights-requests/:requestId/consultations', async (request, reply) => {
    const o = await consultSources(deps, signedIn(request).actor, request.params.requestId);
    if (o.kind !== 'ok') return failure(reply, o);
    return reply.code(204).send();
  });

  app.post<Params>('/rights-requests/:requestId/withheld', async (request, reply) => {
    const o = await withholdItem(deps, signedIn(request).actor, request.params.requestId, request.body);
    if (o.kind !== 'ok') return failure(reply, o);
    return reply.code(204).send();
  });

  app.post<Params>('/rights-requests/:requestId/packs', async (request, reply) => {
    const o = await produceResponsePack(deps, signedIn(request).actor, request.params.requestId);
    if (o.kind !== 'ok') return failure(reply, o);
    return send(reply, { id: o.value.packId, byteSize: o.value.byteSize, links: { download: `${API}/rights-requests/${request.params.requestId}/packs/${o.value.packId}` } }, 201);
  });

  app.get<{ Params: { requestId: string; packId: string } }>('/rights-requests/:requestId/packs/:packId', async (request, reply) => {
    const o = await downloadResponsePack(deps, signedIn(request).actor, request.params.requestId, request.params.packId);
    if (o.kind !== 'ok') return failure(reply, o);
    return reply.code(200).header('cache-control', 'no-store').header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${o.value.filename}"`).send(o.value.pdf);
  });
}
