// The breach register over the JSON API (/api/v1/breaches) and returning a disclosure: the same
// use cases as the web pages; not found or out of reach → 404, a broken rule → 422 with a pointer
// per field, a step that cannot happen now → 409. Responses are shaped here and described in
// breach-schemas.ts; dates are ISO 8601. Nothing is cached (personal data).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../domain/staff.ts';
import { signedIn } from '../http/auth.ts';
import { addBreachAction } from '../use-cases/breaches/add-breach-action.ts';
import { assessBreach } from '../use-cases/breaches/assess-breach.ts';
import { closeBreach } from '../use-cases/breaches/close-breach.ts';
import { listBreachRegister } from '../use-cases/breaches/list-breaches.ts';
import { recordBreachMeeting } from '../use-cases/breaches/record-breach-meeting.ts';
import { recordDeadlineMet } from '../use-cases/breaches/record-deadline-met.ts';
import { recordIcoDecision } from '../use-cases/breaches/record-ico-decision.ts';
import { recordIndividualsDecision } from '../use-cases/breaches/record-individuals-decision.ts';
import { reportBreach } from '../use-cases/breaches/report-breach.ts';
import { triageBreach } from '../use-cases/breaches/triage-breach.ts';
import { type BreachView, viewBreach } from '../use-cases/breaches/view-breach.ts';
import { returnDisclosure } from '../use-cases/disclosures/return-disclosure.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';
import type { Outcome } from '../use-cases/kernel/outcome.ts';
import type { breachRegisterSchema, breachViewSchema } from './breach-schemas.ts';
import { idempotency } from './idempotency.ts';
import { invalidProblem, notFoundProblem, problem } from './problem.ts';

const API = '/api/v1';
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).header('cache-control', 'no-store').send(body);

function failure(reply: FastifyReply, o: Exclude<Outcome<unknown>, { kind: 'ok' }>) {
  if (o.kind === 'invalid') return invalidProblem(reply, o.errors);
  if (o.kind === 'conflict') return problem(reply, 409, 'Conflict', o.reason);
  return notFoundProblem(reply);
}

function breachView({ procedure: _procedure, ...v }: BreachView) {
  return {
    ...v,
    kind: v.kind as 'reported' | 'returned_disclosure',
    reportedAt: v.reportedAt.toISOString(),
    identifiedAt: v.identifiedAt.toISOString(),
    occurredAt: iso(v.occurredAt),
    assessedAt: iso(v.assessedAt),
    triagedAt: iso(v.triagedAt),
    meetingAt: iso(v.meetingAt),
    closedAt: iso(v.closedAt),
    disclosures: v.disclosures.map((d) => ({ ...d, sentAt: d.sentAt.toISOString() })),
    ico: { decision: v.ico.decision as 'reported' | 'not_reported' | null, reference: v.ico.reference, reportedAt: iso(v.ico.reportedAt), decidedAt: iso(v.ico.decidedAt) },
    individuals: { decision: v.individuals.decision as 'told' | 'not_told' | null, toldAt: iso(v.individuals.toldAt), decidedAt: iso(v.individuals.decidedAt) },
    clocks: v.clocks.map(({ metByConcord: _m, ...c }) => ({ ...c, startedAt: iso(c.startedAt), dueAt: iso(c.dueAt), metAt: iso(c.metAt) })),
    events: v.events.map((e) => ({ ...e, at: e.at.toISOString() })),
  } satisfies z.input<typeof breachViewSchema>;
}

type Step = (deps: Deps, actor: Actor, breachId: string, input: unknown) => Promise<Outcome<{ status: string }>>;

export async function breachApiRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/breaches', async (request, reply) => {
    const r = await listBreachRegister(deps, signedIn(request).actor);
    return send(reply, {
      scope: r.scope,
      breaches: r.rows.map((b) => ({
        id: b.id,
        kind: b.kind as 'reported' | 'returned_disclosure',
        status: b.status as 'reported',
        severity: b.severity,
        reportedAt: b.reported_at.toISOString(),
        identifiedAt: b.identified_at.toISOString(),
        closedAt: iso(b.closed_at),
        reportingAgency: { id: b.reporting_agency_id, name: b.reporting_agency_name },
        leadAgency: { id: b.lead_agency_id, name: b.lead_agency_name },
        icoDecision: b.ico_decision as 'reported' | 'not_reported' | null,
        nextDueAt: b.closed_at || !b.next_due_at ? null : new Date(b.next_due_at).toISOString(),
        overdueClocks: b.closed_at ? 0 : Number(b.overdue_clocks ?? 0),
        href: `${API}/breaches/${b.id}`,
      })),
    } satisfies z.input<typeof breachRegisterSchema>);
  });

  app.post('/breaches', async (request, reply) => {
    const result = await reportBreach(deps, signedIn(request).actor, request.body ?? {}, idempotency(request));
    if (result.kind !== 'ok') return failure(reply, result);
    const self = `${API}/breaches/${result.value.breachId}`;
    return send(reply.header('location', self), { id: result.value.breachId, links: { self } }, 201);
  });

  app.get<{ Params: { breachId: string } }>('/breaches/:breachId', async (request, reply) => {
    const result = await viewBreach(deps, signedIn(request).actor, request.params.breachId);
    if (result.kind !== 'ok') return failure(reply, result);
    return send(reply, breachView(result.value));
  });

  const steps: [string, Step][] = [
    ['triage', triageBreach],
    ['assess', assessBreach],
    ['ico', recordIcoDecision],
    ['individuals', recordIndividualsDecision],
    ['meeting', recordBreachMeeting],
    ['actions', addBreachAction],
    ['close', closeBreach],
  ];
  for (const [name, useCase] of steps) {
    app.post<{ Params: { breachId: string } }>(`/breaches/:breachId/${name}`, async (request, reply) => {
      const { breachId } = request.params;
      const result = await useCase(deps, signedIn(request).actor, breachId, request.body ?? {});
      if (result.kind !== 'ok') return failure(reply, result);
      return send(reply, { id: breachId, status: result.value.status, links: { self: `${API}/breaches/${breachId}` } });
    });
  }
  app.post<{ Params: { breachId: string; deadlineId: string } }>('/breaches/:breachId/deadlines/:deadlineId', async (request, reply) => {
    const { breachId, deadlineId } = request.params;
    const result = await recordDeadlineMet(deps, signedIn(request).actor, breachId, deadlineId, request.body ?? {});
    if (result.kind !== 'ok') return failure(reply, result);
    return send(reply, { id: breachId, status: result.value.status, links: { self: `${API}/breaches/${breachId}` } });
  });

  app.post<{ Params: { disclosureId: string } }>('/disclosures/:disclosureId/return', async (request, reply) => {
    const result = await returnDisclosure(deps, signedIn(request).actor, request.params.disclosureId, request.body ?? {});
    if (result.kind !== 'ok') return failure(reply, result);
    const self = `${API}/breaches/${result.value.breachId}`;
    return send(reply.header('location', self), { id: result.value.breachId, links: { self } }, 201);
  });
}
