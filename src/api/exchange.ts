// Requests and disclosures between agencies over the JSON API (/api/v1): the same use cases as the
// web pages, their outcomes mapped to HTTP (not found or out of reach → 404, a broken rule → 422
// with a pointer per field, a step that cannot happen now → 409 with the reason). Every response
// is shaped by a presenter below and described by a schema in exchange-schemas.ts; dates are ISO
// 8601 strings. Nothing here is cached (personal data).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Level } from '../domain/decision/answers.ts';
import {
  type AgreementStatus,
  type AttachmentInput,
  type CorrectionStatus,
  type DisclosureScope,
  type DisclosureStatus,
  type ItemKind,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
} from '../domain/disclosures.ts';
import type { Urgency } from '../domain/requests.ts';
import type { Actor } from '../domain/staff.ts';
import { signedIn } from '../http/auth.ts';
import { acknowledgeCorrection } from '../use-cases/corrections/acknowledge-correction.ts';
import { decideCorrection } from '../use-cases/corrections/decide-correction.ts';
import { reportInaccuracy } from '../use-cases/corrections/report-inaccuracy.ts';
import { viewCorrection } from '../use-cases/corrections/view-correction.ts';
import { downloadAttachment } from '../use-cases/disclosures/download-attachment.ts';
import type { DisclosureListRow } from '../use-cases/disclosures/list-disclosures.ts';
import { listDisclosures } from '../use-cases/disclosures/list-disclosures.ts';
import { type DisclosureView, openDisclosure } from '../use-cases/disclosures/open-disclosure.ts';
import { revokeDisclosure } from '../use-cases/disclosures/revoke-disclosure.ts';
import { sendDisclosure } from '../use-cases/disclosures/send-disclosure.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';
import { type FieldError, fieldErrors, type Outcome } from '../use-cases/kernel/outcome.ts';
import { answerOnwardAgreement } from '../use-cases/onward-agreements/answer-onward-agreement.ts';
import { requestOnwardAgreement } from '../use-cases/onward-agreements/request-onward-agreement.ts';
import { viewOnwardAgreement } from '../use-cases/onward-agreements/view-onward-agreement.ts';
import { allocateRequest } from '../use-cases/requests/allocate-request.ts';
import { askForMoreInformation } from '../use-cases/requests/ask-for-more-information.ts';
import { declineRequest } from '../use-cases/requests/decline-request.ts';
import { listRequests, type RequestListRow } from '../use-cases/requests/list-requests.ts';
import { makeRequest } from '../use-cases/requests/make-request.ts';
import { provideMoreInformation } from '../use-cases/requests/provide-more-information.ts';
import { resubmitRequest } from '../use-cases/requests/resubmit-request.ts';
import { triageRequest } from '../use-cases/requests/triage-request.ts';
import { type RequestView, viewRequest } from '../use-cases/requests/view-request.ts';
import { withdrawRequest } from '../use-cases/requests/withdraw-request.ts';
import {
  type agreementViewSchema,
  allocateBodySchema,
  answerAgreementBodySchema,
  askBodySchema,
  attachmentBodySchema,
  type correctionViewSchema,
  DISCLOSURE_BODY_LIMIT,
  decideCorrectionBodySchema,
  declineBodySchema,
  type disclosureListsSchema,
  type disclosureViewSchema,
  provideBodySchema,
  reportInaccuracyBodySchema,
  requestAgreementBodySchema,
  type requestQueuesSchema,
  type requestViewSchema,
  resubmitBodySchema,
  revokeBodySchema,
  sendDisclosureBodySchema,
  triageBodySchema,
  withdrawBodySchema,
} from './exchange-schemas.ts';
import { idempotency } from './idempotency.ts';
import { invalidProblem, notFoundProblem, problem } from './problem.ts';

const API = '/api/v1';
const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

type Failure = Exclude<Outcome<unknown>, { kind: 'ok' }>;

/** A use case's refusal as problem+json. "forbidden" is answered as not found: existence is never revealed. */
function failure(reply: FastifyReply, o: Failure) {
  switch (o.kind) {
    case 'invalid':
      return invalidProblem(reply, o.errors);
    case 'conflict':
      return problem(reply, 409, 'Conflict', o.reason);
    default:
      return notFoundProblem(reply);
  }
}

const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).header('cache-control', 'no-store').send(body);

/** The body, checked for shape against `schema`; field errors carry paths into the body. */
function parseBody<S extends z.ZodType>(schema: S, body: unknown): { ok: true; value: z.output<S> } | { ok: false; errors: FieldError[] } {
  const parsed = schema.safeParse(body ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: fieldErrors(parsed.error.issues) };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decode attachments sent as base64, with an error at each one that is not valid base64. */
export function decodeAttachments(raw: unknown): { attachments: AttachmentInput[]; errors: FieldError[] } {
  if (raw === undefined || raw === null) return { attachments: [], errors: [] };
  if (!Array.isArray(raw)) return { attachments: [], errors: [{ path: 'attachments', message: 'Send attachments as a list of {filename, contentType, contentBase64}' }] };
  if (raw.length > MAX_ATTACHMENTS) return { attachments: [], errors: [{ path: 'attachments', message: `Attach at most ${MAX_ATTACHMENTS} files` }] };
  const attachments: AttachmentInput[] = [];
  const errors: FieldError[] = [];
  raw.forEach((one, i) => {
    const parsed = attachmentBodySchema.safeParse(one);
    if (!parsed.success) {
      errors.push(...fieldErrors(parsed.error.issues).map((e) => ({ path: e.path === '_' ? `attachments.${i}` : `attachments.${i}.${e.path}`, message: e.message })));
      return;
    }
    const a = parsed.data;
    const text = a.contentBase64.replace(/[\r\n]/g, '');
    // Cheap bound before decoding: base64 is 4 characters for every 3 bytes.
    if (text.length > Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 4) {
      errors.push({ path: `attachments.${i}.contentBase64`, message: `${a.filename} must be smaller than 2 MB` });
      return;
    }
    if (!BASE64.test(text)) {
      errors.push({
        path: `attachments.${i}.contentBase64`,
        message: `The content of ${a.filename} is not valid base64: use the standard alphabet (A–Z, a–z, 0–9, + and /) with = padding to a multiple of 4 characters`,
      });
      return;
    }
    attachments.push({ filename: a.filename, contentType: a.contentType, content: Buffer.from(text, 'base64') });
  });
  return { attachments, errors };
}

/** Content-Disposition for a download: an ASCII fallback name and the exact name (RFC 6266, RFC 8187). */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const exact = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

// ---------------------------------------------------------------------------------------------
// Presenters: use-case values → the documented JSON
// ---------------------------------------------------------------------------------------------

const requestRow = (r: RequestListRow) => ({
  id: r.id,
  childId: r.childId,
  childName: r.childName,
  fromAgencyName: r.fromAgencyName,
  fromUserName: r.fromUserName,
  toAgencyName: r.toAgencyName,
  allocatedName: r.allocatedName,
  urgency: r.urgency as Urgency,
  purpose: r.purpose,
  status: r.status,
  dueAt: iso(r.dueAt),
  overdue: r.overdue,
  escalationLevel: r.escalationLevel,
  createdAt: iso(r.createdAt),
  href: `${API}/requests/${r.id}`,
});

function requestView(r: RequestView) {
  return {
    id: r.id,
    childId: r.childId,
    child: r.child,
    from: r.from,
    to: r.to,
    allocated: r.allocated,
    purpose: r.purpose,
    lawfulBasis: r.lawfulBasis,
    urgency: r.urgency as Urgency,
    pack: r.pack,
    status: r.status,
    dueAt: iso(r.dueAt),
    overdue: r.overdue,
    escalationLevel: r.escalationLevel,
    createdAt: iso(r.createdAt),
    closedAt: isoOrNull(r.closedAt),
    response: r.response,
    responseDecisionId: r.responseDecisionId,
    informationNeeded: r.informationNeeded,
    reason: r.reason,
    consent: r.consent,
    consentDetail: r.consentDetail,
    events: r.events.map((e) => ({ id: e.id, at: iso(e.at), kind: e.kind, byName: e.byName, byAgencyName: e.byAgencyName, details: e.details, note: e.note })),
    disclosures: r.disclosures.map((d) => ({ id: d.id, sentAt: iso(d.sentAt), status: d.status as DisclosureStatus, scope: d.scope as DisclosureScope, href: `${API}/disclosures/${d.id}` })),
    can: r.can,
    side: r.side,
    scrutiny: { checks: r.rules.scrutiny.checks.map((c) => ({ id: c.id, text: c.text })), clause: r.rules.scrutiny.clause },
    allocatable: r.allocatable,
  } satisfies z.input<typeof requestViewSchema>;
}

const disclosureRow = (d: DisclosureListRow) => ({
  id: d.id,
  childId: d.childId,
  childName: d.childName,
  fromAgencyName: d.fromAgencyName,
  fromUserName: d.fromUserName,
  toAgencyName: d.toAgencyName,
  scope: d.scope as DisclosureScope,
  status: d.status,
  sentAt: iso(d.sentAt),
  expiresAt: iso(d.expiresAt),
  firstOpenedAt: isoOrNull(d.firstOpenedAt),
  href: `${API}/disclosures/${d.id}`,
});

function disclosureView(d: DisclosureView) {
  return {
    id: d.id,
    childId: d.childId,
    childName: d.childName,
    side: d.side,
    from: d.from,
    to: d.to,
    requestId: d.requestId,
    decisionId: d.decisionId,
    sourceDisclosureId: d.sourceDisclosureId,
    pack: d.pack,
    scope: d.scope as DisclosureScope,
    status: d.status,
    sentAt: iso(d.sentAt),
    expiresAt: iso(d.expiresAt),
    firstOpenedAt: isoOrNull(d.firstOpenedAt),
    revokedAt: isoOrNull(d.revokedAt),
    available: d.available,
    items: d.items.map((i) => ({
      id: i.id,
      originItemId: i.originItemId,
      level: i.level as Level,
      label: i.label,
      kind: i.kind as ItemKind,
      value: i.value,
      originator: { agencyId: i.originator.agencyId, agencyName: i.originator.agencyName, userName: i.originator.userName, at: iso(i.originator.at) },
      corrections: i.corrections.map((c) => ({
        id: c.id,
        status: c.status as CorrectionStatus,
        correctedValue: c.correctedValue,
        note: c.note,
        decidedAt: isoOrNull(c.decidedAt),
        acknowledgedAt: isoOrNull(c.acknowledgedAt),
        reportedByMyAgency: c.reportedByMyAgency,
      })),
    })),
    freeText: d.freeText,
    attachments: d.attachments.map((a) => ({ id: a.id, filename: a.filename, contentType: a.contentType, size: a.size, href: `${API}/disclosures/${d.id}/attachments/${a.id}` })),
    openings: d.openings.map((o) => ({ at: iso(o.at), byName: o.byName })),
    agreements: d.agreements.map((g) => ({ ...g, status: g.status as AgreementStatus, requestedAt: iso(g.requestedAt), answeredAt: isoOrNull(g.answeredAt) })),
    can: d.can,
  } satisfies z.input<typeof disclosureViewSchema>;
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

type Step = (deps: Deps, actor: Actor, requestId: string, input: never) => Promise<Outcome<{ status: string }>>;

export async function exchangeApiRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  // --- Requests -------------------------------------------------------------------------------

  app.post<{ Params: { childId: string } }>('/children/:childId/requests', async (request, reply) => {
    const { childId } = request.params;
    const result = await makeRequest(deps, signedIn(request).actor, childId, request.body ?? {}, idempotency(request));
    if (result.kind !== 'ok') return failure(reply, result);
    const self = `${API}/requests/${result.value.requestId}`;
    return send(
      reply.header('location', self),
      { id: result.value.requestId, childId, status: 'submitted', dueAt: iso(result.value.dueAt), lawfulBasis: result.value.lawfulBasis, links: { self } },
      201,
    );
  });

  app.get('/requests', async (request, reply) => {
    const q = await listRequests(deps, signedIn(request).actor);
    return send(reply, { incoming: q.incoming.map(requestRow), outgoing: q.outgoing.map(requestRow), isLead: q.isLead } satisfies z.input<typeof requestQueuesSchema>);
  });

  app.get<{ Params: { requestId: string } }>('/requests/:requestId', async (request, reply) => {
    const { requestId } = request.params;
    const result = await viewRequest(deps, signedIn(request).actor, requestId);
    if (result.kind !== 'ok') return failure(reply, result);
    return send(reply, requestView(result.value));
  });

  // Each step of a request's life: the body's shape, then the use case.
  const steps: [string, z.ZodType, Step][] = [
    ['triage', triageBodySchema, triageRequest as Step],
    ['allocate', allocateBodySchema, allocateRequest as Step],
    ['ask', askBodySchema, askForMoreInformation as Step],
    ['provide', provideBodySchema, provideMoreInformation as Step],
    ['resubmit', resubmitBodySchema, resubmitRequest as Step],
    ['withdraw', withdrawBodySchema, withdrawRequest as Step],
    ['decline', declineBodySchema, declineRequest as Step],
  ];
  for (const [name, schema, useCase] of steps) {
    app.post<{ Params: { requestId: string } }>(`/requests/:requestId/${name}`, async (request, reply) => {
      const { requestId } = request.params;
      const body = parseBody(schema, request.body);
      if (!body.ok) return invalidProblem(reply, body.errors);
      const result = await useCase(deps, signedIn(request).actor, requestId, body.value as never);
      if (result.kind !== 'ok') return failure(reply, result);
      return send(reply, { id: requestId, status: result.value.status, links: { self: `${API}/requests/${requestId}` } });
    });
  }

  // --- Disclosures ----------------------------------------------------------------------------

  app.post('/disclosures', { bodyLimit: DISCLOSURE_BODY_LIMIT }, async (request, reply) => {
    const raw = request.body ?? {};
    if (typeof raw !== 'object' || Array.isArray(raw)) return invalidProblem(reply, [{ path: '_', message: 'Send an object with decisionId and what you are sharing' }]);
    const { attachments: rawAttachments, ...input } = raw as Record<string, unknown>;
    const decoded = decodeAttachments(rawAttachments);
    if (decoded.errors.length) {
      // Report the rest of the body's errors too, so that one round trip shows them all.
      const rest = parseBody(sendDisclosureBodySchema.omit({ attachments: true }), input);
      return invalidProblem(reply, [...(rest.ok ? [] : rest.errors), ...decoded.errors]);
    }
    const result = await sendDisclosure(deps, signedIn(request).actor, input, decoded.attachments);
    if (result.kind !== 'ok') return failure(reply, result);
    const self = `${API}/disclosures/${result.value.disclosureId}`;
    return send(reply.header('location', self), { id: result.value.disclosureId, status: 'sent', expiresAt: iso(result.value.expiresAt), links: { self } }, 201);
  });

  app.get('/disclosures', async (request, reply) => {
    const l = await listDisclosures(deps, signedIn(request).actor);
    return send(reply, {
      received: l.received.map(disclosureRow),
      sent: l.sent.map(disclosureRow),
      // The web links (/agreements/…, /corrections/…, /disclosures/…) have API twins at the same paths.
      waiting: l.waiting.map((w) => ({ id: w.id, kind: w.kind, childName: w.childName, agencyName: w.agencyName, at: iso(w.at), href: `${API}${w.link}` })),
      isLead: l.isLead,
    } satisfies z.input<typeof disclosureListsSchema>);
  });

  app.get<{ Params: { disclosureId: string } }>('/disclosures/:disclosureId', async (request, reply) => {
    const { disclosureId } = request.params;
    const result = await openDisclosure(deps, signedIn(request).actor, disclosureId);
    if (result.kind !== 'ok') return failure(reply, result);
    return send(reply, disclosureView(result.value));
  });

  app.get<{ Params: { disclosureId: string; attachmentId: string } }>('/disclosures/:disclosureId/attachments/:attachmentId', async (request, reply) => {
    const { disclosureId, attachmentId } = request.params;
    const result = await downloadAttachment(deps, signedIn(request).actor, disclosureId, attachmentId);
    if (result.kind !== 'ok') return failure(reply, result);
    const f = result.value;
    return reply
      .code(200)
      .header('cache-control', 'no-store')
      .header('content-type', f.contentType)
      .header('content-disposition', contentDisposition(f.filename))
      .header('x-content-type-options', 'nosniff')
      .send(f.content);
  });

  app.post<{ Params: { disclosureId: string } }>('/disclosures/:disclosureId/revoke', async (request, reply) => {
    const { disclosureId } = request.params;
    const body = parseBody(revokeBodySchema, request.body);
    if (!body.ok) return invalidProblem(reply, body.errors);
    const result = await revokeDisclosure(deps, signedIn(request).actor, disclosureId, body.value);
    if (result.kind !== 'ok') return failure(reply, result);
    return send(reply, { id: disclosureId, status: 'revoked', revokedAt: iso(result.value.revokedAt) });
  });

  app.post<{ Params: { disclosureId: string } }>('/disclosures/:disclosureId/agreements', async (request, reply) => {
    const { disclosureId } = request.params;
    const body = parseBody(requestAgreementBodySchema, request.body);
    if (!body.ok) return invalidProblem(reply, body.errors);
    const result = await requestOnwardAgreement(deps, signedIn(request).actor, disclosureId, body.value);
    if (result.kind !== 'ok') return failure(reply, result);
    const agreements = result.value.agreementIds.map((id) => ({ id, href: `${API}/agreements/${id}` }));
    if (agreements.length === 1) reply.header('location', agreements[0]!.href);
    return send(reply, { agreements }, 201);
  });

  app.post<{ Params: { disclosureId: string } }>('/disclosures/:disclosureId/inaccuracies', async (request, reply) => {
    const { disclosureId } = request.params;
    const body = parseBody(reportInaccuracyBodySchema, request.body);
    if (!body.ok) return invalidProblem(reply, body.errors);
    const result = await reportInaccuracy(deps, signedIn(request).actor, disclosureId, body.value);
    if (result.kind !== 'ok') return failure(reply, result);
    const self = `${API}/corrections/${result.value.correctionId}`;
    return send(reply.header('location', self), { id: result.value.correctionId, status: 'reported', links: { self } }, 201);
  });

  app.post<{ Params: { disclosureId: string; correctionId: string } }>('/disclosures/:disclosureId/corrections/:correctionId/acknowledge', async (request, reply) => {
    const { disclosureId, correctionId } = request.params;
    const result = await acknowledgeCorrection(deps, signedIn(request).actor, disclosureId, correctionId);
    if (result.kind !== 'ok') return failure(reply, result);
    return send(reply, { correctionId, disclosureId, acknowledgedAt: iso(result.value.acknowledgedAt) });
  });

  // --- Onward agreements and corrections ------------------------------------------------------

  app.get<{ Params: { agreementId: string } }>('/agreements/:agreementId', async (request, reply) => {
    const { agreementId } = request.params;
    const result = await viewOnwardAgreement(deps, signedIn(request).actor, agreementId);
    if (result.kind !== 'ok') return failure(reply, result);
    const g = result.value;
    return send(reply, {
      ...g,
      status: g.status as AgreementStatus,
      requestedBy: { ...g.requestedBy, at: iso(g.requestedBy.at) },
      answeredAt: isoOrNull(g.answeredAt),
      items: g.items.map((i) => ({ id: i.id, label: i.label, kind: i.kind as ItemKind, value: i.value, originatedAt: iso(i.originatedAt), agreed: i.agreed, reason: i.reason })),
    } satisfies z.input<typeof agreementViewSchema>);
  });

  app.post<{ Params: { agreementId: string } }>('/agreements/:agreementId/answer', async (request, reply) => {
    const { agreementId } = request.params;
    const body = parseBody(answerAgreementBodySchema, request.body);
    if (!body.ok) return invalidProblem(reply, body.errors);
    const result = await answerOnwardAgreement(deps, signedIn(request).actor, agreementId, body.value);
    if (result.kind === 'invalid') {
      // An item's error names it by id: point into the body's `items` at its answer, or at `items`
      // when the item was left out.
      const at = (itemId: string) => body.value.items?.findIndex((i) => i.itemId === itemId) ?? -1;
      const errors = result.errors.map((e) => {
        const m = /^items\.([^.]+)\.(answer|reason)$/.exec(e.path);
        if (!m) return e;
        const n = at(m[1]!);
        return { ...e, path: n < 0 ? 'items' : `items.${n}.${m[2]}` };
      });
      return invalidProblem(reply, errors);
    }
    if (result.kind !== 'ok') return failure(reply, result);
    return send(reply, { id: agreementId, status: result.value.status as 'agreed' | 'partly_agreed' | 'refused', agreed: result.value.agreed, refused: result.value.refused });
  });

  app.get<{ Params: { correctionId: string } }>('/corrections/:correctionId', async (request, reply) => {
    const { correctionId } = request.params;
    const result = await viewCorrection(deps, signedIn(request).actor, correctionId);
    if (result.kind !== 'ok') return failure(reply, result);
    const c = result.value;
    return send(reply, {
      ...c,
      status: c.status as CorrectionStatus,
      kind: c.kind as ItemKind,
      reportedBy: { ...c.reportedBy, at: iso(c.reportedBy.at) },
      decidedAt: isoOrNull(c.decidedAt),
      deliveries: c.deliveries.map((x) => ({ ...x, deliveredAt: iso(x.deliveredAt), acknowledgedAt: isoOrNull(x.acknowledgedAt) })),
      clock: c.clock && { ...c.clock, dueAt: iso(c.clock.dueAt) },
    } satisfies z.input<typeof correctionViewSchema>);
  });

  app.post<{ Params: { correctionId: string } }>('/corrections/:correctionId/decision', async (request, reply) => {
    const { correctionId } = request.params;
    const body = parseBody(decideCorrectionBodySchema, request.body);
    if (!body.ok) return invalidProblem(reply, body.errors);
    const result = await decideCorrection(deps, signedIn(request).actor, correctionId, body.value);
    if (result.kind !== 'ok') return failure(reply, result);
    return send(reply, { id: correctionId, status: result.value.status, deliveredTo: result.value.deliveredTo });
  });
}
