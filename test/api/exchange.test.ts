// Requests and disclosures through the JSON API, with each agency's system calling as one of its
// staff (API keys): request → triage → allocate → more information → decision (context) → send with
// an attachment → open (read receipt) → onward agreement refused, then agreed → onward disclosure →
// inaccuracy → correction reaches every recipient → acknowledgements. Every response is parsed with
// its schema (the same one the OpenAPI document is generated from); refusals are problem+json.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { z } from 'zod';
import {
  agreementAnsweredSchema,
  agreementsRequestedSchema,
  agreementViewSchema,
  correctionAcknowledgedSchema,
  correctionDecidedSchema,
  correctionViewSchema,
  disclosureCreatedSchema,
  disclosureListsSchema,
  disclosureRevokedSchema,
  disclosureViewSchema,
  inaccuracyReportedSchema,
  requestCreatedSchema,
  requestQueuesSchema,
  requestStepResultSchema,
  requestViewSchema,
} from '../../src/api/exchange-schemas.ts';
import { problemSchema, recordedDecisionSchema } from '../../src/api/schemas.ts';
import { createApiKey } from '../../src/use-cases/accounts/create-api-key.ts';
import { decideCorrection } from '../../src/use-cases/corrections/decide-correction.ts';
import { reportInaccuracy } from '../../src/use-cases/corrections/report-inaccuracy.ts';
import { recordDecision } from '../../src/use-cases/decisions/record-decision.ts';
import { openDisclosure } from '../../src/use-cases/disclosures/open-disclosure.ts';
import { sendDisclosure } from '../../src/use-cases/disclosures/send-disclosure.ts';
import type { Deps } from '../../src/use-cases/kernel/deps.ts';
import { answerOnwardAgreement } from '../../src/use-cases/onward-agreements/answer-onward-agreement.ts';
import { requestOnwardAgreement } from '../../src/use-cases/onward-agreements/request-onward-agreement.ts';
import { allocateRequest } from '../../src/use-cases/requests/allocate-request.ts';
import { makeRequest } from '../../src/use-cases/requests/make-request.ts';
import { triageRequest } from '../../src/use-cases/requests/triage-request.ts';
import { Client, useTestApp } from '../support/app.ts';
import { openTestDb } from '../support/db.ts';
import { auditOf, type makeStaff } from '../support/factories.ts';
import { must, requestInput, shareAnswers, sharingPartnership } from '../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });

const label = 'case notes, assessments and plans';

type Person = Awaited<ReturnType<typeof makeStaff>> & { token: string };

/** The sharing partnership (test/support/sharing.ts), each person with an API key. */
async function partnership(deps: Deps) {
  const p = await sharingPartnership(deps);
  const keyed = async (s: Awaited<ReturnType<typeof makeStaff>>): Promise<Person> => ({ ...s, token: must(await createApiKey(deps, s.actor, { name: 'Case system' })).token });
  return {
    ...p,
    social: await keyed(p.social),
    policeSpoc: await keyed(p.policeSpoc),
    officer: await keyed(p.officer),
    policeLead: await keyed(p.policeLead),
    schoolLead: await keyed(p.schoolLead),
    nurse: await keyed(p.nurse),
  };
}

const requestBody = requestInput;

const call = (method: 'GET' | 'POST', url: string, who?: { token: string }, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: who ? { authorization: `Bearer ${who.token}` } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });

/** The response, which must have `status` and match `schema` exactly (no undocumented fields). */
function expectBody<S extends z.ZodType>(res: LightMyRequestResponse, status: number, schema: S): z.output<S> {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/json/);
  // Personal data is never cached (the older decision route predates this file and is checked in api.test.ts).
  if ((schema as z.ZodType) !== recordedDecisionSchema) assert.equal(res.headers['cache-control'], 'no-store');
  const parsed = schema.safeParse(res.json());
  if (!parsed.success) assert.fail(`the response does not match its schema: ${JSON.stringify(parsed.error.issues)}\n${res.body}`);
  return parsed.data;
}

/** A problem+json response with `status`; returns it parsed. */
function expectProblem(res: LightMyRequestResponse, status: number) {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  return problemSchema.parse(res.json());
}

/** A 422 problem; returns its JSON pointers. */
const pointers = (res: LightMyRequestResponse) => (expectProblem(res, 422).errors ?? []).map((e) => e.pointer);

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

describe(`JSON API: requests and disclosures (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('runs the whole journey across agencies through the API, audited at every step', async () => {
    const p = await partnership(ctx.t.deps);
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z'); // a Friday

    // 1. The council's system asks the police.
    const madeRes = await call('POST', `/api/v1/children/${p.childId}/requests`, p.social, requestBody(p.policeId));
    const made = expectBody(madeRes, 201, requestCreatedSchema);
    assert.equal(madeRes.headers.location, `/api/v1/requests/${made.id}`);
    assert.equal(made.links.self, madeRes.headers.location);
    assert.equal(made.dueAt, '2026-11-23T23:59:59.999Z', 'end of Monday, Europe/London');
    const id = made.id;

    const queues = expectBody(await call('GET', '/api/v1/requests', p.policeSpoc), 200, requestQueuesSchema);
    assert.deepEqual(
      queues.incoming.map((r) => [r.id, r.status, r.href]),
      [[id, 'submitted', `/api/v1/requests/${id}`]],
    );
    assert.equal(queues.isLead, true);
    const mine = expectBody(await call('GET', '/api/v1/requests', p.social), 200, requestQueuesSchema);
    assert.deepEqual(
      mine.outgoing.map((r) => r.id),
      [id],
    );

    // 2. Triage: every scrutiny check, from the request itself; then allocation.
    const toTriage = expectBody(await call('GET', `/api/v1/requests/${id}`, p.policeSpoc), 200, requestViewSchema);
    assert.equal(toTriage.side, 'receiving');
    assert.equal(toTriage.can.triage, true);
    assert.equal(toTriage.informationNeeded, 'Any call-outs to the home address in the last 12 months');
    const checks = toTriage.scrutiny.checks.map((c) => c.id);
    assert.deepEqual(checks, ['purpose', 'necessary', 'consent']);
    assert.ok(toTriage.allocatable.some((s) => s.id === p.officer.id));
    assert.deepEqual(pointers(await call('POST', `/api/v1/requests/${id}/triage`, p.policeSpoc, { outcome: 'accept', checks: ['purpose'] })), ['/checks']);
    const accepted = expectBody(await call('POST', `/api/v1/requests/${id}/triage`, p.policeSpoc, { outcome: 'accept', checks }), 200, requestStepResultSchema);
    assert.deepEqual(accepted, { id, status: 'accepted', links: { self: `/api/v1/requests/${id}` } });
    assert.match(expectProblem(await call('POST', `/api/v1/requests/${id}/triage`, p.policeSpoc, { outcome: 'accept', checks }), 409).detail ?? '', /awaiting allocation/);
    assert.deepEqual(pointers(await call('POST', `/api/v1/requests/${id}/allocate`, p.policeSpoc, { allocateTo: p.nurse.id })), ['/allocateTo']);
    assert.equal(expectBody(await call('POST', `/api/v1/requests/${id}/allocate`, p.policeSpoc, { allocateTo: p.officer.id }), 200, requestStepResultSchema).status, 'allocated');

    // 3. More information, asked and given.
    assert.equal(expectBody(await call('POST', `/api/v1/requests/${id}/ask`, p.officer, { note: 'Which address?' }), 200, requestStepResultSchema).status, 'more_info');
    expectProblem(await call('POST', `/api/v1/requests/${id}/ask`, p.officer, { note: 'again' }), 409);
    assert.equal(expectBody(await call('POST', `/api/v1/requests/${id}/provide`, p.social, { note: 'The mother’s address' }), 200, requestStepResultSchema).status, 'allocated');
    const seen = expectBody(await call('GET', `/api/v1/requests/${id}`, p.officer), 200, requestViewSchema);
    assert.deepEqual(
      seen.events.map((e) => e.kind),
      ['submitted', 'accept', 'allocate', 'ask_more', 'provide_more'],
    );
    assert.equal(seen.events.at(-1)?.note, 'The mother’s address');
    assert.equal(seen.can.respond, true);

    // 4. The decision answers the request (context.requestId), so it must name the council.
    const record = { action: 'shared', recipientAgencyId: p.councilId, purposeDetail: 'Strategy discussion', informationShared: 'Call-outs', reasons: 'Asking would increase risk' };
    const wrong = await call('POST', `/api/v1/children/${p.childId}/decisions`, p.officer, { answers: shareAnswers, record: { ...record, recipientAgencyId: p.schoolId }, context: { requestId: id } });
    assert.deepEqual(pointers(wrong), ['/record/recipientAgencyId']);
    const decision = expectBody(await call('POST', `/api/v1/children/${p.childId}/decisions`, p.officer, { answers: shareAnswers, record, context: { requestId: id } }), 201, recordedDecisionSchema);

    // 5. Share part of what was asked, with an attachment (base64 in the JSON body).
    const items = [
      { level: 'detailed', label, value: 'Two call-outs for domestic abuse, 3 March and 9 August 2026', kind: 'fact' },
      { level: 'detailed', label, value: 'Officers felt the mother was frightened', kind: 'opinion' },
    ];
    const attachment = { filename: 'incident log.txt', contentType: 'text/plain', contentBase64: b64('incident log 2026-03-03') };
    assert.deepEqual(pointers(await call('POST', '/api/v1/disclosures', p.officer, { decisionId: decision.id, items })), ['/scope'], 'an answer says whether it shares all or part');
    const sentRes = await call('POST', '/api/v1/disclosures', p.officer, {
      decisionId: decision.id,
      scope: 'share_part',
      items,
      freeText: 'Older records are being checked.',
      attachments: [attachment],
    });
    const sent = expectBody(sentRes, 201, disclosureCreatedSchema);
    assert.equal(sentRes.headers.location, `/api/v1/disclosures/${sent.id}`);
    assert.match(
      expectProblem(await call('POST', '/api/v1/disclosures', p.officer, { decisionId: decision.id, scope: 'share_all', freeText: 'again' }), 409).detail ?? '',
      /already been sent under this decision/,
    );
    const answered = expectBody(await call('GET', `/api/v1/requests/${id}`, p.social), 200, requestViewSchema);
    assert.equal(answered.status, 'answered');
    assert.deepEqual(
      answered.disclosures.map((d) => d.href),
      [`/api/v1/disclosures/${sent.id}`],
    );

    // 6. The social worker opens it (the read receipt) and downloads the attachment.
    const opened = expectBody(await call('GET', `/api/v1/disclosures/${sent.id}`, p.social), 200, disclosureViewSchema);
    assert.equal(opened.side, 'recipient');
    assert.equal(opened.status, 'opened');
    assert.deepEqual(
      opened.items.map((i) => [i.kind, i.value, i.originator.agencyName]),
      [
        ['fact', items[0]!.value, 'Police'],
        ['opinion', items[1]!.value, 'Police'],
      ],
    );
    assert.equal(opened.freeText, 'Older records are being checked.');
    assert.equal(opened.attachments.length, 1);
    const file = await call('GET', opened.attachments[0]!.href, p.social);
    assert.equal(file.statusCode, 200);
    assert.equal(file.body, 'incident log 2026-03-03');
    assert.match(String(file.headers['content-type']), /^text\/plain/);
    assert.equal(file.headers['content-disposition'], `attachment; filename="incident log.txt"; filename*=UTF-8''incident%20log.txt`);
    assert.equal(file.headers['cache-control'], 'no-store');
    const senderView = expectBody(await call('GET', `/api/v1/disclosures/${sent.id}`, p.officer), 200, disclosureViewSchema);
    assert.equal(senderView.side, 'sender');
    assert.equal(senderView.openings.length, 1);
    assert.match(expectProblem(await call('POST', `/api/v1/disclosures/${sent.id}/revoke`, p.officer, {}), 409).detail ?? '', /already been opened/);
    const lists = expectBody(await call('GET', '/api/v1/disclosures', p.social), 200, disclosureListsSchema);
    assert.deepEqual(
      lists.received.map((d) => [d.id, d.status, d.href]),
      [[sent.id, 'opened', `/api/v1/disclosures/${sent.id}`]],
    );
    assert.deepEqual(
      expectBody(await call('GET', '/api/v1/disclosures', p.officer), 200, disclosureListsSchema).sent.map((d) => d.id),
      [sent.id],
    );

    // 7. Onward to the school: blocked without the police's agreement; refused; then agreed.
    const onwardDecision = {
      answers: shareAnswers,
      record: { action: 'shared', recipientAgencyId: p.schoolId, purposeDetail: 'School safety plan', informationShared: 'Police call-outs', reasons: 'Risk' },
      context: { sourceDisclosureId: sent.id },
    };
    const blocked = await call('POST', `/api/v1/children/${p.childId}/decisions`, p.social, onwardDecision);
    assert.deepEqual(pointers(blocked), ['/record/action']);
    assert.match(blocked.json().errors[0].message, /Police has not agreed/);
    const askRes = await call('POST', `/api/v1/disclosures/${sent.id}/agreements`, p.social, { toAgencyId: p.schoolId, purpose: 'The school needs to plan for her safety' });
    const asked = expectBody(askRes, 201, agreementsRequestedSchema);
    assert.equal(asked.agreements.length, 1);
    assert.equal(askRes.headers.location, asked.agreements[0]!.href);
    expectProblem(await call('POST', `/api/v1/disclosures/${sent.id}/agreements`, p.social, { toAgencyId: p.schoolId, purpose: 'Again' }), 409);
    const waiting = expectBody(await call('GET', '/api/v1/disclosures', p.policeLead), 200, disclosureListsSchema).waiting;
    assert.deepEqual(
      waiting.map((w) => [w.kind, w.href]),
      [['agreement', asked.agreements[0]!.href]],
    );
    const agreement = expectBody(await call('GET', asked.agreements[0]!.href, p.officer), 200, agreementViewSchema);
    assert.equal(agreement.purpose, 'The school needs to plan for her safety');
    assert.deepEqual(
      agreement.items.map((i) => i.value),
      [items[0]!.value, items[1]!.value],
    );
    assert.equal(agreement.canAnswer, true);
    assert.deepEqual(pointers(await call('POST', `${asked.agreements[0]!.href}/answer`, p.officer, { answer: 'refuse' })), ['/reasons']);
    assert.equal(
      expectBody(await call('POST', `${asked.agreements[0]!.href}/answer`, p.officer, { answer: 'refuse', reasons: 'Not before the strategy meeting' }), 200, agreementAnsweredSchema).status,
      'refused',
    );
    expectProblem(await call('POST', `${asked.agreements[0]!.href}/answer`, p.officer, { answer: 'agree' }), 409);
    const again = expectBody(
      await call('POST', `/api/v1/disclosures/${sent.id}/agreements`, p.social, { toAgencyId: p.schoolId, purpose: 'After the strategy meeting' }),
      201,
      agreementsRequestedSchema,
    );
    // Issue 15: the originator answers item by item, a reason for each refusal; errors point into `items`.
    const againView = expectBody(await call('GET', again.agreements[0]!.href, p.policeLead), 200, agreementViewSchema);
    const [keep, hold] = againView.items.map((i) => i.id) as [string, string];
    assert.deepEqual(
      pointers(
        await call('POST', `${again.agreements[0]!.href}/answer`, p.policeLead, {
          items: [
            { itemId: keep, answer: 'agree' },
            { itemId: hold, answer: 'refuse' },
          ],
        }),
      ),
      ['/items/1/reason'],
    );
    assert.deepEqual(pointers(await call('POST', `${again.agreements[0]!.href}/answer`, p.policeLead, { items: [{ itemId: keep, answer: 'agree' }] })), ['/items']);
    assert.deepEqual(
      expectBody(
        await call('POST', `${again.agreements[0]!.href}/answer`, p.policeLead, {
          items: [
            { itemId: keep, answer: 'agree' },
            { itemId: hold, answer: 'refuse', reason: 'Opinion for the strategy meeting only' },
          ],
        }),
        200,
        agreementAnsweredSchema,
      ),
      { id: again.agreements[0]!.id, status: 'partly_agreed', agreed: 1, refused: 1 },
    );
    const answeredView = expectBody(await call('GET', again.agreements[0]!.href, p.policeLead), 200, agreementViewSchema);
    assert.deepEqual(
      answeredView.items.map((i) => [i.agreed, i.reason]),
      [
        [true, null],
        [false, 'Opinion for the strategy meeting only'],
      ],
    );
    // The police sent it: never an onward recipient.
    assert.deepEqual(pointers(await call('POST', `/api/v1/disclosures/${sent.id}/agreements`, p.social, { toAgencyId: p.policeId, purpose: 'Back' })), ['/toAgencyId']);
    const onwardOk = expectBody(await call('POST', `/api/v1/children/${p.childId}/decisions`, p.social, onwardDecision), 201, recordedDecisionSchema);
    const onward = expectBody(
      await call('POST', '/api/v1/disclosures', p.social, {
        decisionId: onwardOk.id,
        sourceItemIds: [opened.items[0]!.id],
        items: [{ level: 'minimum', label: 'who is working with the child and how to contact them', value: 'Sam, social worker', kind: 'fact' }],
      }),
      201,
      disclosureCreatedSchema,
    );
    const atSchool = expectBody(await call('GET', `/api/v1/disclosures/${onward.id}`, p.schoolLead), 200, disclosureViewSchema);
    assert.equal(atSchool.scope, 'onward');
    assert.deepEqual(
      atSchool.items.map((i) => i.originator.agencyName),
      ['Police', 'Council'],
      'each item keeps its originator',
    );
    assert.equal(atSchool.items[0]!.originItemId, opened.items[0]!.originItemId);

    // 8. The school reports an inaccuracy; the police correct it; it reaches the council and the school.
    const itemId = atSchool.items[0]!.id;
    assert.deepEqual(pointers(await call('POST', `/api/v1/disclosures/${onward.id}/inaccuracies`, p.schoolLead, { itemId, description: ' ' })), ['/description']);
    const reportedRes = await call('POST', `/api/v1/disclosures/${onward.id}/inaccuracies`, p.schoolLead, { itemId, description: 'The second call-out was 9 July, not 9 August' });
    const reported = expectBody(reportedRes, 201, inaccuracyReportedSchema);
    assert.equal(reportedRes.headers.location, `/api/v1/corrections/${reported.id}`);
    expectProblem(await call('POST', `/api/v1/disclosures/${onward.id}/inaccuracies`, p.schoolLead, { itemId, description: 'Again' }), 409);
    const toDecide = expectBody(await call('GET', reported.links.self, p.officer), 200, correctionViewSchema);
    assert.equal(toDecide.originalValue, items[0]!.value);
    assert.equal(toDecide.canDecide, true);
    const reporterView = expectBody(await call('GET', reported.links.self, p.schoolLead), 200, correctionViewSchema);
    assert.deepEqual([reporterView.canDecide, reporterView.originalValue], [false, null]);
    expectProblem(await call('POST', `${reported.links.self}/decision`, p.social, { decision: 'correct', correctedValue: 'x' }), 404);
    assert.deepEqual(pointers(await call('POST', `${reported.links.self}/decision`, p.officer, { decision: 'correct' })), ['/correctedValue']);
    const correctedValue = 'Two call-outs for domestic abuse, 3 March and 9 July 2026';
    const decided = expectBody(
      await call('POST', `${reported.links.self}/decision`, p.officer, { decision: 'correct', correctedValue, note: 'Checked against the incident log' }),
      200,
      correctionDecidedSchema,
    );
    assert.deepEqual(decided, { id: reported.id, status: 'corrected', deliveredTo: 2 });
    expectProblem(await call('POST', `${reported.links.self}/decision`, p.officer, { decision: 'reject', note: 'x' }), 409);

    for (const [who, disclosureId] of [
      [p.social, sent.id],
      [p.schoolLead, onward.id],
    ] as const) {
      const pending = expectBody(await call('GET', '/api/v1/disclosures', who), 200, disclosureListsSchema).waiting;
      assert.deepEqual(
        pending.map((w) => [w.kind, w.id, w.href]),
        [['acknowledgement', reported.id, `/api/v1/disclosures/${disclosureId}`]],
      );
      const view = expectBody(await call('GET', `/api/v1/disclosures/${disclosureId}`, who), 200, disclosureViewSchema);
      const c = view.items[0]!.corrections[0]!;
      assert.equal(c.correctedValue, correctedValue);
      const ack = expectBody(await call('POST', `/api/v1/disclosures/${disclosureId}/corrections/${c.id}/acknowledge`, who), 200, correctionAcknowledgedSchema);
      assert.deepEqual([ack.correctionId, ack.disclosureId, ack.acknowledgedAt], [c.id, disclosureId, ctx.t.clock.now.toISOString()]);
      expectProblem(await call('POST', `/api/v1/disclosures/${disclosureId}/corrections/${c.id}/acknowledge`, who), 409);
    }
    const done = expectBody(await call('GET', reported.links.self, p.officer), 200, correctionViewSchema);
    assert.deepEqual(
      done.deliveries.map((d) => [d.agencyName, d.acknowledgedAt !== null]),
      [
        ['Council', true],
        ['School', true],
      ],
    );

    // Every step is audited as coming through the API, and no payload text is in the audit log.
    const audit = (await auditOf(ctx.t.deps, p.partnershipId)).filter((e) => e.via === 'api');
    const actions = new Set(audit.map((e) => e.action));
    for (const a of [
      'request.created',
      'request.listed',
      'request.viewed',
      'request.accepted',
      'request.allocated',
      'request.more-info-asked',
      'request.more-info-given',
      'decision.recorded',
      'disclosure.sent',
      'request.answered',
      'disclosure.opened',
      'disclosure.viewed',
      'disclosure.listed',
      'disclosure.attachment-downloaded',
      'onward-agreement.requested',
      'onward-agreement.viewed',
      'onward-agreement.answered',
      'correction.reported',
      'correction.viewed',
      'correction.decided',
      'correction.acknowledged',
    ]) {
      assert.ok(actions.has(a), `audited via the API: ${a}`);
    }
    assert.ok(!JSON.stringify(audit).includes('call-outs'), 'no payload in the audit log');
  });

  it('returns, resubmits, declines citing the decision, and withdraws', async () => {
    const p = await partnership(ctx.t.deps);
    const { id } = expectBody(await call('POST', `/api/v1/children/${p.childId}/requests`, p.social, requestBody(p.policeId, { urgency: 'routine' })), 201, requestCreatedSchema);
    assert.deepEqual(pointers(await call('POST', `/api/v1/requests/${id}/triage`, p.policeSpoc, { outcome: 'return' })), ['/note']);
    assert.equal(
      expectBody(await call('POST', `/api/v1/requests/${id}/triage`, p.policeSpoc, { outcome: 'return', note: 'Say which incidents you mean' }), 200, requestStepResultSchema).status,
      'returned',
    );
    assert.equal(expectBody(await call('POST', `/api/v1/requests/${id}/resubmit`, p.social, { note: 'Incidents since March' }), 200, requestStepResultSchema).status, 'submitted');
    must(await triageRequest(ctx.t.deps, p.policeSpoc.actor, id, { outcome: 'accept', checks: ['purpose', 'necessary', 'consent'] }));
    must(await allocateRequest(ctx.t.deps, p.policeSpoc.actor, id, { allocateTo: p.officer.id }));
    assert.deepEqual(pointers(await call('POST', `/api/v1/requests/${id}/decline`, p.officer, { decisionId: '', note: 'No' })), ['/decisionId'], 'record the decision first');
    const notShared = expectBody(
      await call('POST', `/api/v1/children/${p.childId}/decisions`, p.officer, {
        answers: shareAnswers,
        record: { action: 'not_shared', recipientAgencyId: p.councilId, purposeDetail: 'Request', reasons: 'Live investigation' },
        context: { requestId: id },
      }),
      201,
      recordedDecisionSchema,
    );
    const note = 'A live criminal investigation would be prejudiced; we will share after charge.';
    assert.equal(expectBody(await call('POST', `/api/v1/requests/${id}/decline`, p.officer, { decisionId: notShared.id, note }), 200, requestStepResultSchema).status, 'declined');
    const seen = expectBody(await call('GET', `/api/v1/requests/${id}`, p.social), 200, requestViewSchema);
    assert.deepEqual([seen.status, seen.response, seen.responseDecisionId, seen.events.at(-1)?.note], ['declined', 'decline', notShared.id, note]);
    assert.ok(seen.closedAt);
    assert.match(expectProblem(await call('POST', `/api/v1/requests/${id}/withdraw`, p.social, { note: 'Too late' }), 409).detail ?? '', /declined/);

    const other = expectBody(await call('POST', `/api/v1/children/${p.childId}/requests`, p.social, requestBody(p.policeId)), 201, requestCreatedSchema);
    assert.equal(expectBody(await call('POST', `/api/v1/requests/${other.id}/withdraw`, p.social, { note: 'No longer needed' }), 200, requestStepResultSchema).status, 'withdrawn');
  });

  it('revokes unopened information: the recipient sees only that it was withdrawn', async () => {
    const p = await partnership(ctx.t.deps);
    const proactive = expectBody(
      await call('POST', `/api/v1/children/${p.childId}/decisions`, p.social, {
        answers: shareAnswers,
        record: { action: 'shared', recipientAgencyId: p.schoolId, purposeDetail: 'Plan', informationShared: 'x', reasons: 'Risk' },
      }),
      201,
      recordedDecisionSchema,
    );
    const sent = expectBody(await call('POST', '/api/v1/disclosures', p.social, { decisionId: proactive.id, freeText: 'Plan for Monday' }), 201, disclosureCreatedSchema);
    // The school's leads hear of it, in the app and by e-mail, without personal data; the sender does not notify themselves.
    const notes = await ctx.t.deps.db.selectFrom('notification').select(['user_id', 'kind', 'link']).where('partnership_id', '=', p.partnershipId).execute();
    assert.deepEqual(notes, [{ user_id: p.schoolLead.id, kind: 'disclosure.received', link: `/disclosures/${sent.id}` }]);
    const mails = await ctx.t.deps.db.selectFrom('email_outbox').select(['to_address', 'subject', 'body']).where('partnership_id', '=', p.partnershipId).execute();
    assert.deepEqual(
      mails.map((m) => m.to_address),
      [p.schoolLead.email],
    );
    assert.ok(!/Plan for Monday|Ann|Example/.test(mails[0]!.subject + mails[0]!.body));
    const revoked = expectBody(await call('POST', `/api/v1/disclosures/${sent.id}/revoke`, p.social, { reason: 'Sent too early' }), 200, disclosureRevokedSchema);
    assert.equal(revoked.revokedAt, ctx.t.clock.now.toISOString());
    expectProblem(await call('POST', `/api/v1/disclosures/${sent.id}/revoke`, p.social), 409);
    const view = expectBody(await call('GET', `/api/v1/disclosures/${sent.id}`, p.schoolLead), 200, disclosureViewSchema);
    assert.deepEqual([view.status, view.available, view.freeText], ['revoked', false, null]);
  });

  it('sends once under a decision, even when sends race (the others are 409s)', async () => {
    const p = await partnership(ctx.t.deps);
    const d = must(
      await recordDecision(ctx.t.deps, p.social.actor, p.childId, {
        answers: shareAnswers,
        record: { action: 'shared', recipientAgencyId: p.schoolId, purposeDetail: 'Plan', informationShared: 'x', reasons: 'Risk' },
      }),
    );
    const body = { decisionId: d.decisionId, items: [{ level: 'minimum', label: 'who is working with the child and how to contact them', value: 'Sam, social worker', kind: 'fact' }] };
    // On PostgreSQL several of them read before any has written: the unique index decides.
    const all = await Promise.all(Array.from({ length: 6 }, () => call('POST', '/api/v1/disclosures', p.social, body)));
    assert.deepEqual(all.map((r) => r.statusCode).sort(), [201, 409, 409, 409, 409, 409]);
    for (const r of all.filter((x) => x.statusCode === 409)) assert.match(expectProblem(r, 409).detail ?? '', /already been sent under this decision/);
    const rows = await ctx.t.deps.db.selectFrom('disclosure').select('id').where('decision_id', '=', d.decisionId).execute();
    assert.equal(rows.length, 1);
    const sentEvents = (await auditOf(ctx.t.deps, p.partnershipId)).filter((e) => e.action === 'disclosure.sent');
    assert.deepEqual(
      sentEvents.map((e) => e.subject_id),
      [rows[0]!.id],
      'one disclosure, one audit event',
    );
  });

  it('answers 404 on every endpoint to staff of an agency outside the exchange, and audits the attempts', async () => {
    const p = await partnership(ctx.t.deps);
    const deps = ctx.t.deps;
    // The state, built through the use cases: an answered request, a disclosure with an attachment, an agreement, a correction.
    const { requestId } = must(await makeRequest(deps, p.social.actor, p.childId, requestBody(p.policeId)));
    must(await triageRequest(deps, p.policeSpoc.actor, requestId, { outcome: 'accept', checks: ['purpose', 'necessary', 'consent'] }));
    must(await allocateRequest(deps, p.policeSpoc.actor, requestId, { allocateTo: p.officer.id }));
    const d = must(
      await recordDecision(deps, p.officer.actor, p.childId, {
        answers: shareAnswers,
        record: { action: 'shared', recipientAgencyId: p.councilId, purposeDetail: 'Strategy', informationShared: 'Call-outs', reasons: 'Risk' },
        context: { requestId },
      }),
    );
    const { disclosureId } = must(
      await sendDisclosure(deps, p.officer.actor, { decisionId: d.decisionId, scope: 'share_all', items: [{ level: 'detailed', label, value: 'Two call-outs', kind: 'fact' }] }, [
        { filename: 'log.txt', contentType: 'text/plain', content: Buffer.from('log') },
      ]),
    );
    const opened = must(await openDisclosure(deps, p.social.actor, disclosureId));
    const { agreementIds } = must(await requestOnwardAgreement(deps, p.social.actor, disclosureId, { toAgencyId: p.schoolId, purpose: 'Safety plan' }));
    must(await answerOnwardAgreement(deps, p.officer.actor, agreementIds[0]!, { answer: 'agree' }));
    const { correctionId } = must(await reportInaccuracy(deps, p.social.actor, disclosureId, { itemId: opened.items[0]!.id, description: 'Three call-outs' }));
    must(await decideCorrection(deps, p.officer.actor, correctionId, { decision: 'correct', correctedValue: 'Three call-outs' }));

    const nurse = p.nurse;
    const attempts: [string, 'GET' | 'POST', string, unknown?][] = [
      ['request.created', 'POST', `/api/v1/children/${p.childId}/requests`, requestBody(p.policeId)],
      [
        'decision.recorded',
        'POST',
        `/api/v1/children/${p.childId}/decisions`,
        { answers: shareAnswers, record: { action: 'shared', recipientAgencyId: p.councilId, purposeDetail: 'x', informationShared: 'y', reasons: 'z' }, context: { requestId } },
      ],
      ['request.viewed', 'GET', `/api/v1/requests/${requestId}`],
      ['request.accepted', 'POST', `/api/v1/requests/${requestId}/triage`, { outcome: 'accept', checks: ['purpose', 'necessary', 'consent'] }],
      ['request.allocated', 'POST', `/api/v1/requests/${requestId}/allocate`, { allocateTo: nurse.id }],
      ['request.more-info-asked', 'POST', `/api/v1/requests/${requestId}/ask`, { note: 'Which?' }],
      ['request.more-info-given', 'POST', `/api/v1/requests/${requestId}/provide`, { note: 'This' }],
      ['request.resubmitted', 'POST', `/api/v1/requests/${requestId}/resubmit`, { note: 'Again' }],
      ['request.withdrawn', 'POST', `/api/v1/requests/${requestId}/withdraw`, { note: 'Stop' }],
      ['request.declined', 'POST', `/api/v1/requests/${requestId}/decline`, { decisionId: d.decisionId, note: 'No' }],
      ['disclosure.opened', 'GET', `/api/v1/disclosures/${disclosureId}`],
      ['disclosure.attachment-downloaded', 'GET', `/api/v1/disclosures/${disclosureId}/attachments/${opened.attachments[0]!.id}`],
      ['disclosure.revoked', 'POST', `/api/v1/disclosures/${disclosureId}/revoke`, {}],
      ['onward-agreement.requested', 'POST', `/api/v1/disclosures/${disclosureId}/agreements`, { toAgencyId: p.schoolId, purpose: 'x' }],
      ['correction.reported', 'POST', `/api/v1/disclosures/${disclosureId}/inaccuracies`, { itemId: opened.items[0]!.id, description: 'x' }],
      ['correction.acknowledged', 'POST', `/api/v1/disclosures/${disclosureId}/corrections/${correctionId}/acknowledge`],
      ['onward-agreement.viewed', 'GET', `/api/v1/agreements/${agreementIds[0]}`],
      ['onward-agreement.answered', 'POST', `/api/v1/agreements/${agreementIds[0]}/answer`, { answer: 'refuse', reasons: 'x' }],
      ['correction.viewed', 'GET', `/api/v1/corrections/${correctionId}`],
      ['correction.decided', 'POST', `/api/v1/corrections/${correctionId}/decision`, { decision: 'reject', note: 'x' }],
    ];
    for (const [, method, url, payload] of attempts) {
      const res = await call(method, url, nurse, payload);
      assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
      assert.equal(expectProblem(res, 404).title, 'Not found');
    }
    // Ids that are not ids are not found either (and reveal nothing).
    for (const url of [
      '/api/v1/requests/not-a-uuid',
      '/api/v1/disclosures/not-a-uuid',
      '/api/v1/agreements/not-a-uuid',
      '/api/v1/corrections/not-a-uuid',
      `/api/v1/disclosures/${disclosureId}/attachments/not-a-uuid`,
    ]) {
      expectProblem(await call('GET', url, p.social), 404);
    }
    // The lists show nothing of it; sending under someone else's decision is refused exactly as under none.
    const requests = expectBody(await call('GET', '/api/v1/requests', nurse), 200, requestQueuesSchema);
    assert.deepEqual([requests.incoming, requests.outgoing], [[], []]);
    const disclosures = expectBody(await call('GET', '/api/v1/disclosures', nurse), 200, disclosureListsSchema);
    assert.deepEqual([disclosures.received, disclosures.sent, disclosures.waiting], [[], [], []]);
    const theirs = expectProblem(await call('POST', '/api/v1/disclosures', nurse, { decisionId: d.decisionId, freeText: 'x' }), 422).errors;
    const none = expectProblem(await call('POST', '/api/v1/disclosures', nurse, { decisionId: '7d1c4d8e-2f4b-4c37-9a51-0b7e7f1d2c3a', freeText: 'x' }), 422).errors;
    assert.deepEqual(theirs, none);

    const denied = (await auditOf(deps, p.partnershipId)).filter((e) => e.actor_user_id === nurse.id && e.outcome === 'denied').map((e) => e.action);
    for (const [action] of attempts) assert.ok(denied.includes(action), `the refused attempt is audited: ${action}`);
    // Nothing changed.
    const row = await deps.db.selectFrom('info_request').select('status').where('id', '=', requestId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'answered');
  });

  it('refuses malformed bodies with 422 and a JSON pointer to each field', async () => {
    const p = await partnership(ctx.t.deps);
    const { requestId } = must(await makeRequest(ctx.t.deps, p.social.actor, p.childId, requestBody(p.policeId)));

    // The request's own rules (the domain's schema), and unknown fields.
    const bad = await call('POST', `/api/v1/children/${p.childId}/requests`, p.social, requestBody(p.policeId, { urgency: 'whenever', consent: 'refused', consentDetail: '', colour: 'blue' }));
    assert.deepEqual(pointers(bad).sort(), ['/_', '/urgency'], 'an unknown field is refused at the root');
    assert.deepEqual(pointers(await call('POST', `/api/v1/children/${p.childId}/requests`, p.social, requestBody(p.policeId, { toAgencyId: p.councilId }))), ['/toAgencyId']);

    // Step bodies: types and required fields.
    assert.deepEqual(pointers(await call('POST', `/api/v1/requests/${requestId}/triage`, p.policeSpoc, { outcome: 'maybe', checks: 'purpose' })), ['/outcome', '/checks']);
    assert.deepEqual(pointers(await call('POST', `/api/v1/requests/${requestId}/triage`, p.policeSpoc, { outcome: 'accept', checks: [], extra: 1 })), ['/_']);
    assert.deepEqual(pointers(await call('POST', `/api/v1/requests/${requestId}/ask`, p.officer, {})), ['/note']);
    assert.deepEqual(pointers(await call('POST', `/api/v1/requests/${requestId}/withdraw`, p.social, { note: 42 })), ['/note']);
    assert.deepEqual(pointers(await call('POST', `/api/v1/requests/${requestId}/withdraw`, p.social, { note: 'x'.repeat(5001) })), ['/note'], 'the use case keeps the length rule');

    // The decision's context.
    const decide = (context: unknown) =>
      call('POST', `/api/v1/children/${p.childId}/decisions`, p.social, {
        answers: shareAnswers,
        record: { action: 'shared', recipientAgencyId: p.schoolId, purposeDetail: 'x', informationShared: 'y', reasons: 'z' },
        context,
      });
    assert.deepEqual(pointers(await decide({ requestId: 5 })), ['/context/requestId']);
    assert.deepEqual(pointers(await decide('a request')), ['/context']);
    assert.deepEqual(pointers(await decide({ request: requestId })), ['/context']);
    assert.deepEqual(pointers(await decide({ requestId })), ['/context/requestId'], 'the council cannot answer its own request');
    assert.deepEqual(pointers(await decide({ sourceDisclosureId: 'not-a-uuid' })), ['/context/sourceDisclosureId']);

    // Disclosures: the body, attachments and their base64, all reported together.
    const d = must(
      await recordDecision(ctx.t.deps, p.social.actor, p.childId, {
        answers: shareAnswers,
        record: { action: 'shared', recipientAgencyId: p.schoolId, purposeDetail: 'Plan', informationShared: 'x', reasons: 'Risk' },
      }),
    );
    expectProblem(await call('POST', '/api/v1/disclosures', p.social, [1, 2]), 422);
    assert.deepEqual(pointers(await call('POST', '/api/v1/disclosures', p.social, { decisionId: d.decisionId, freeText: 'x', attachments: 'a file' })), ['/attachments']);
    const badFile = await call('POST', '/api/v1/disclosures', p.social, {
      decisionId: d.decisionId,
      items: [{ level: 'detailed', label, value: 'x', kind: 'rumour' }],
      attachments: [
        { filename: 'a.txt', contentType: 'text/plain', contentBase64: 'not base64!' },
        { filename: 'b.txt', contentType: 'text/plain' },
      ],
    });
    assert.deepEqual(pointers(badFile), ['/items/0/kind', '/attachments/0/contentBase64', '/attachments/1/contentBase64']);
    assert.match(badFile.json().errors[1].message, /a\.txt is not valid base64/);
    assert.deepEqual(
      pointers(
        await call('POST', '/api/v1/disclosures', p.social, { decisionId: d.decisionId, attachments: [{ filename: 'a.exe', contentType: 'application/x-msdownload', contentBase64: b64('MZ') }] }),
      ),
      ['/attachments/0'],
    );
    assert.deepEqual(pointers(await call('POST', '/api/v1/disclosures', p.social, { decisionId: d.decisionId, items: [{ level: 'detailed', label: 'gossip', value: 'x', kind: 'fact' }] })), [
      '/items/0/label',
    ]);
    assert.deepEqual(pointers(await call('POST', '/api/v1/disclosures', p.social, { decisionId: d.decisionId })), ['/items'], 'something must be sent');
    // Nothing was sent under the decision by any of those.
    const count = await ctx.t.deps.db
      .selectFrom('disclosure')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('decision_id', '=', d.decisionId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  it('accepts attachments up to the limit on POST /disclosures only (a larger body elsewhere is 413)', async () => {
    const p = await partnership(ctx.t.deps);
    const d = must(
      await recordDecision(ctx.t.deps, p.social.actor, p.childId, {
        answers: shareAnswers,
        record: { action: 'shared', recipientAgencyId: p.schoolId, purposeDetail: 'Plan', informationShared: 'x', reasons: 'Risk' },
      }),
    );
    const pdf = Buffer.alloc(1536 * 1024, 0x25); // 1.5 MB: 2 MB of base64, far over the API's usual 256 KiB body limit
    const sent = expectBody(
      await call('POST', '/api/v1/disclosures', p.social, {
        decisionId: d.decisionId,
        freeText: 'The plan',
        attachments: [{ filename: 'plan.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') }],
      }),
      201,
      disclosureCreatedSchema,
    );
    const view = expectBody(await call('GET', `/api/v1/disclosures/${sent.id}`, p.schoolLead), 200, disclosureViewSchema);
    assert.deepEqual(
      view.attachments.map((a) => [a.filename, a.size]),
      [['plan.pdf', pdf.length]],
    );
    const file = await call('GET', view.attachments[0]!.href, p.schoolLead);
    assert.ok(file.rawPayload.equals(pdf));

    const huge = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/disclosures',
      headers: { authorization: `Bearer ${p.social.token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ decisionId: d.decisionId, freeText: 'x'.repeat(10 * 1024 * 1024) }),
    });
    assert.match(expectProblem(huge, 413).detail ?? '', /larger than this endpoint accepts/);
    const elsewhere = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/children/${p.childId}/requests`,
      headers: { authorization: `Bearer ${p.social.token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(requestBody(p.policeId, { reason: 'x'.repeat(300 * 1024) })),
    });
    expectProblem(elsewhere, 413);
  });

  it('accepts a signed-in session, with the CSRF token required for writes', async () => {
    const p = await partnership(ctx.t.deps);
    const { requestId } = must(await makeRequest(ctx.t.deps, p.social.actor, p.childId, requestBody(p.policeId)));
    const c = new Client(ctx.app);
    await c.signIn(p.social.email);
    const read = await ctx.app.inject({ method: 'GET', url: `/api/v1/requests/${requestId}`, headers: { cookie: c.cookie } });
    expectBody(read, 200, requestViewSchema);
    const noToken = await ctx.app.inject({ method: 'POST', url: `/api/v1/requests/${requestId}/withdraw`, headers: { cookie: c.cookie }, payload: { note: 'Not needed' } });
    expectProblem(noToken, 403);
    const withToken = await ctx.app.inject({ method: 'POST', url: `/api/v1/requests/${requestId}/withdraw`, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: { note: 'Not needed' } });
    assert.equal(expectBody(withToken, 200, requestStepResultSchema).status, 'withdrawn');
  });

  it('describes every new path in the OpenAPI document, with schemas for every body', async () => {
    const doc = (await call('GET', '/api/v1/openapi.json')).json();
    const expected = [
      '/children/{childId}/requests',
      '/requests',
      '/requests/{requestId}',
      ...['triage', 'allocate', 'ask', 'provide', 'resubmit', 'withdraw', 'decline'].map((s) => `/requests/{requestId}/${s}`),
      '/disclosures',
      '/disclosures/{disclosureId}',
      '/disclosures/{disclosureId}/attachments/{attachmentId}',
      '/disclosures/{disclosureId}/revoke',
      '/disclosures/{disclosureId}/agreements',
      '/disclosures/{disclosureId}/inaccuracies',
      '/disclosures/{disclosureId}/corrections/{correctionId}/acknowledge',
      '/agreements/{agreementId}',
      '/agreements/{agreementId}/answer',
      '/corrections/{correctionId}',
      '/corrections/{correctionId}/decision',
    ];
    for (const path of expected) assert.ok(doc.paths[path], `documented: ${path}`);
    assert.ok(doc.components.schemas.RecordDecision.properties.context.properties.requestId, 'the decision context is documented');

    // Every operation: a unique id, its path parameters declared, every $ref resolving, and a
    // schema for every JSON body it takes or returns.
    const ids = new Set<string>();
    const refs: string[] = [];
    const collect = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === '$ref' && typeof x === 'string' ? refs.push(x) : collect(x);
    };
    for (const [path, ops] of Object.entries(
      doc.paths as Record<
        string,
        Record<
          string,
          {
            operationId: string;
            parameters?: { name: string; in: string }[];
            requestBody?: { content: Record<string, { schema: unknown }> };
            responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
          }
        >
      >,
    )) {
      for (const [method, op] of Object.entries(ops)) {
        assert.ok(op.operationId && !ids.has(op.operationId), `${method} ${path}: a unique operationId`);
        ids.add(op.operationId);
        const declared = (op.parameters ?? [])
          .filter((x) => x.in === 'path')
          .map((x) => x.name)
          .sort();
        assert.deepEqual(declared, [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort(), `${method} ${path}: path parameters`);
        for (const [status, r] of Object.entries(op.responses)) {
          for (const [type, c] of Object.entries(r.content ?? {})) assert.ok(c.schema, `${method} ${path} ${status} ${type}: a schema`);
        }
        if (op.requestBody) for (const c of Object.values(op.requestBody.content)) assert.ok(c.schema);
        collect(op);
      }
    }
    for (const r of refs) {
      const [, section, name] = /^#\/components\/(schemas|parameters)\/(\w+)$/.exec(r) ?? [];
      assert.ok(section && name && (doc.components as Record<string, Record<string, unknown>>)[section]?.[name], `resolves: ${r}`);
    }
    // The response schemas are the strict ones the API is tested against: nothing undocumented.
    assert.equal(doc.components.schemas.Disclosure.additionalProperties, false);
    assert.equal(doc.components.schemas.Disclosure.properties.sentAt.format, 'date-time');
    assert.deepEqual(Object.keys(doc.paths['/disclosures/{disclosureId}/attachments/{attachmentId}'].get.responses['200'].content).sort(), [
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'image/jpeg',
      'image/png',
      'text/plain',
    ]);
  });
});
