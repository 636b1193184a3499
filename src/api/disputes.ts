// Disputes, complaints and the register's trend over the JSON API (/api/v1): the same use cases as
// the web pages; out of reach → 404, a broken rule → 422 with a pointer per field, a step that
// cannot happen now → 409. Responses are shaped by the presenters below and described in
// disputes-schemas.ts. Nothing is cached.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import { signedIn } from '../http/auth.ts';
import { recordComplaint } from '../use-cases/complaints/record-complaint.ts';
import { respondToComplaint } from '../use-cases/complaints/respond-to-complaint.ts';
import { type ComplaintView, viewComplaint } from '../use-cases/complaints/view-complaint.ts';
import { escalateDispute } from '../use-cases/disputes/escalate-dispute.ts';
import { listDisputes } from '../use-cases/disputes/list-disputes.ts';
import { raiseDispute } from '../use-cases/disputes/raise-dispute.ts';
import { recordDisputeImpact } from '../use-cases/disputes/record-dispute-impact.ts';
import { recordDisputeStage } from '../use-cases/disputes/record-dispute-stage.ts';
import { type DisputeView, viewDispute } from '../use-cases/disputes/view-dispute.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';
import type { Outcome } from '../use-cases/kernel/outcome.ts';
import { recordScrutinyFinding } from '../use-cases/registers/record-scrutiny-finding.ts';
import { reportRegisterTrend } from '../use-cases/registers/report-register-trend.ts';
import { viewRegister } from '../use-cases/registers/view-register.ts';
import { viewScrutiny } from '../use-cases/registers/view-scrutiny.ts';
import type { complaintViewSchema, disputeListSchema, disputeViewSchema, findingResultSchema, registerSchema, scrutinySchema, trendSchema } from './disputes-schemas.ts';
import { idempotency } from './idempotency.ts';
import { invalidProblem, notFoundProblem, problem } from './problem.ts';

const API = '/api/v1';
const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).header('cache-control', 'no-store').send(body);

function failure(reply: FastifyReply, o: Exclude<Outcome<unknown>, { kind: 'ok' }>) {
  if (o.kind === 'invalid') return invalidProblem(reply, o.errors);
  if (o.kind === 'conflict') return problem(reply, 409, 'Conflict', o.reason);
  return notFoundProblem(reply);
}

/** The body as the use case's input: its shape and content are checked there (422 with field paths). */
const asObject = (body: unknown): never => (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as never;

function disputeView(v: DisputeView) {
  return {
    id: v.id,
    childId: v.childId,
    requestId: v.requestId,
    decisionId: v.decisionId,
    ground: (v.events.find((e) => e.kind === 'raised')?.details.ground ?? null) as never,
    raisedBy: { name: v.raisedBy.name, agencyId: v.raisedBy.agencyId, agencyName: v.raisedBy.agencyName },
    other: v.other,
    pack: v.pack,
    status: v.status,
    stage: v.stage,
    stageDueAt: iso(v.stageDueAt),
    overdue: v.overdue,
    createdAt: iso(v.createdAt),
    concludedAt: isoOrNull(v.concludedAt),
    closedAt: isoOrNull(v.closedAt),
    summary: v.summary,
    stages: v.rules.stages.map((s) => ({ stage: s.stage, name: s.name, who: s.who, actedBy: s.actedBy, within: s.within, onDeadline: s.onDeadline, record: s.record })),
    events: v.events.map((e) => ({ at: iso(e.at), kind: e.kind, stage: e.stage, byName: e.byName, byAgencyName: e.byAgencyName, details: e.details, notes: e.notes })),
    can: v.can,
    links: { self: `${API}/disputes/${v.id}` },
  } satisfies z.input<typeof disputeViewSchema>;
}

function complaintView(c: ComplaintView) {
  return {
    id: c.id,
    agency: c.agency,
    recordedBy: c.recordedBy,
    childId: c.childId,
    requestId: c.requestId,
    disclosureId: c.disclosureId,
    decisionId: c.decisionId,
    complainant: c.complainant as never,
    receivedOn: c.receivedOn,
    responseDueAt: iso(c.responseDueAt),
    overdue: c.overdue,
    status: c.status,
    outcome: c.outcome as never,
    respondedOn: c.respondedOn,
    summary: c.summary,
    response: c.response,
    createdAt: iso(c.createdAt),
    closedAt: isoOrNull(c.closedAt),
    can: c.can,
    links: { self: `${API}/complaints/${c.id}` },
  } satisfies z.input<typeof complaintViewSchema>;
}

export async function disputeApiRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/disputes', async (request, reply) => {
    const rows = await listDisputes(deps, signedIn(request).actor);
    return send(reply, {
      disputes: rows.map((r) => ({
        id: r.id,
        childId: r.childId,
        raisingAgencyName: r.raisingAgencyName,
        otherAgencyName: r.otherAgencyName,
        status: r.status,
        stage: r.stage,
        stageDueAt: iso(r.stageDueAt),
        overdue: r.overdue,
        createdAt: iso(r.createdAt),
        links: { self: `${API}/disputes/${r.id}` },
      })),
    } satisfies z.input<typeof disputeListSchema>);
  });

  app.post('/disputes', async (request, reply) => {
    const result = await raiseDispute(deps, signedIn(request).actor, asObject(request.body), idempotency(request));
    if (result.kind !== 'ok') return failure(reply, result);
    const self = `${API}/disputes/${result.value.disputeId}`;
    return send(reply.header('location', self), { id: result.value.disputeId, status: 'open', stage: 1, stageDueAt: iso(result.value.stageDueAt), links: { self } }, 201);
  });

  app.get<{ Params: { disputeId: string } }>('/disputes/:disputeId', async (request, reply) => {
    const result = await viewDispute(deps, signedIn(request).actor, request.params.disputeId);
    if (result.kind !== 'ok') return failure(reply, result);
    return send(reply, disputeView(result.value));
  });

  const steps = {
    stage: (actor, id, body) => recordDisputeStage(deps, actor, id, body),
    escalate: (actor, id, body) => escalateDispute(deps, actor, id, body),
    impact: (actor, id, body) => recordDisputeImpact(deps, actor, id, body),
  } satisfies Record<string, (actor: ReturnType<typeof signedIn>['actor'], id: string, body: never) => Promise<Outcome<{ status: string; stage?: number; stageDueAt?: Date }>>>;
  for (const [name, run] of Object.entries(steps)) {
    app.post<{ Params: { disputeId: string } }>(`/disputes/:disputeId/${name}`, async (request, reply) => {
      const { disputeId } = request.params;
      const result = await run(signedIn(request).actor, disputeId, asObject(request.body));
      if (result.kind !== 'ok') return failure(reply, result);
      const v = result.value as { status: string; stage?: number; stageDueAt?: Date };
      return send(reply, {
        id: disputeId,
        status: v.status,
        ...(v.stage !== undefined ? { stage: v.stage } : {}),
        ...(v.stageDueAt ? { stageDueAt: iso(v.stageDueAt) } : {}),
        links: { self: `${API}/disputes/${disputeId}` },
      });
    });
  }

  app.post('/complaints', async (request, reply) => {
    const { actor } = signedIn(request);
    const result = await recordComplaint(deps, actor, asObject(request.body), idempotency(request));
    if (result.kind !== 'ok') return failure(reply, result);
    const view = await viewComplaint(deps, actor, result.value.complaintId);
    if (view.kind !== 'ok')
      return send(reply.header('location', `${API}/complaints/${result.value.complaintId}`), { id: result.value.complaintId, links: { self: `${API}/complaints/${result.value.complaintId}` } }, 201);
    return send(reply.header('location', `${API}/complaints/${result.value.complaintId}`), complaintView(view.value), 201);
  });

  app.get<{ Params: { complaintId: string } }>('/complaints/:complaintId', async (request, reply) => {
    const result = await viewComplaint(deps, signedIn(request).actor, request.params.complaintId);
    if (result.kind !== 'ok') return failure(reply, result);
    return send(reply, complaintView(result.value));
  });

  app.post<{ Params: { complaintId: string } }>('/complaints/:complaintId/respond', async (request, reply) => {
    const { actor } = signedIn(request);
    const { complaintId } = request.params;
    const result = await respondToComplaint(deps, actor, complaintId, asObject(request.body));
    if (result.kind !== 'ok') return failure(reply, result);
    const view = await viewComplaint(deps, actor, complaintId);
    if (view.kind !== 'ok') return failure(reply, view);
    return send(reply, complaintView(view.value));
  });

  app.get('/registers', async (request, reply) => {
    const result = await viewRegister(deps, signedIn(request).actor);
    if (result.kind !== 'ok') return failure(reply, result);
    const r = result.value;
    return send(reply, {
      pack: r.pack,
      items: r.items.map((i) => ({
        kind: i.kind,
        id: i.id,
        agencies: i.agencies,
        status: i.status,
        open: i.open,
        stage: i.stage,
        dueAt: iso(i.dueAt),
        overdue: i.overdue,
        openedAt: iso(i.openedAt),
        links: { self: `${API}${i.href}` },
      })),
      trend: r.trend.map((t) => ({ kind: t.kind as never, month: t.month, agency: t.agency, count: t.count })),
      since: iso(r.since),
    } satisfies z.input<typeof registerSchema>);
  });

  app.get('/registers/scrutiny', async (request, reply) => {
    const result = await viewScrutiny(deps, signedIn(request).actor);
    if (result.kind !== 'ok') return failure(reply, result);
    const v = result.value;
    return send(reply, {
      clause: v.rules.clause,
      canRecord: v.canRecord,
      items: v.items.map((i) => ({ ...i, decidedAt: iso(i.decidedAt), findings: i.findings.map((f) => ({ ...f, finding: f.finding as never, at: iso(f.at) })) })),
    } satisfies z.input<typeof scrutinySchema>);
  });

  app.post('/registers/scrutiny/findings', async (request, reply) => {
    const result = await recordScrutinyFinding(deps, signedIn(request).actor, asObject(request.body));
    if (result.kind !== 'ok') return failure(reply, result);
    return send(reply, { findingId: result.value.findingId } satisfies z.input<typeof findingResultSchema>, 201);
  });

  app.get('/registers/trend', async (request, reply) => {
    const publish = (request.query as { publish?: unknown }).publish === 'yes';
    const result = await reportRegisterTrend(deps, { actor: signedIn(request).actor }, { publish });
    if (result.kind !== 'ok') return failure(reply, result);
    const { published, threshold, clause, since, rows } = result.value;
    return send(reply, { published, threshold, clause, since, rows } satisfies z.input<typeof trendSchema>);
  });
}
