// Decisions after they are recorded, through the JSON API: a designated manager approves or refuses
// sharing against the advice (Haringey 2006 s.4.6), a decision to share is withdrawn, and the
// decision says what it has led to. Responses are parsed with their schemas; refusals are problem+json.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { z } from 'zod';
import { openApiDocument } from '../../src/api/openapi.ts';
import { decisionStepResultSchema, decisionViewSchema, problemSchema } from '../../src/api/schemas.ts';
import { createApiKey } from '../../src/use-cases/accounts/create-api-key.ts';
import { recordDecision } from '../../src/use-cases/decisions/record-decision.ts';
import { useTestApp } from '../support/app.ts';
import { openTestDb } from '../support/db.ts';
import type { makeStaff } from '../support/factories.ts';
import { must, shareAnswers, sharingPartnership } from '../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });

const call = (method: 'GET' | 'POST', url: string, who: { token: string }, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: { authorization: `Bearer ${who.token}` }, ...(payload !== undefined ? { payload: payload as object } : {}) });

function expectBody<S extends z.ZodType>(res: LightMyRequestResponse, status: number, schema: S): z.output<S> {
  assert.equal(res.statusCode, status, res.body);
  assert.equal(res.headers['cache-control'], 'no-store');
  const parsed = schema.safeParse(res.json());
  if (!parsed.success) assert.fail(`the response does not match its schema: ${JSON.stringify(parsed.error.issues)}\n${res.body}`);
  return parsed.data;
}
function expectProblem(res: LightMyRequestResponse, status: number) {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  return problemSchema.parse(res.json());
}

async function partnership() {
  const p = await sharingPartnership(ctx.t.deps);
  await ctx.t.deps.db.updateTable('partnership').set({ pack: 'haringey-2006@2006.4' }).where('id', '=', p.partnershipId).execute();
  await ctx.t.deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
  const keyed = async (s: Awaited<ReturnType<typeof makeStaff>>) => ({ ...s, token: must(await createApiKey(ctx.t.deps, s.actor, { name: 'Case system' })).token });
  return { ...p, officer: await keyed(p.officer), policeLead: await keyed(p.policeLead), nurse: await keyed(p.nurse) };
}

const record = (to: string) => ({ action: 'shared', recipientAgencyId: to, purposeDetail: 'Safety planning', informationShared: 'Notes', reasons: 'A serious crime' });

describe(`JSON API: a decision after it is recorded (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('Haringey 2006 s.4.6: the designated manager approves through the API; the decision says it is not sent yet', async () => {
    const p = await partnership();
    const id = must(await recordDecision(ctx.t.deps, p.officer.actor, p.childId, { answers: { ...shareAnswers, harm: 'serious_crime' }, record: record(p.councilId) })).decisionId;
    const waiting = expectBody(await call('GET', `/api/v1/decisions/${id}`, p.officer), 200, decisionViewSchema);
    assert.equal(waiting.state, 'awaiting_approval');
    assert.equal(waiting.approval.status, 'pending');
    assert.deepEqual(waiting.sendBlockers, ['awaiting_approval']);

    expectProblem(await call('POST', `/api/v1/decisions/${id}/approval`, p.officer, { answer: 'approve' }), 404);
    expectProblem(await call('POST', `/api/v1/decisions/${id}/approval`, p.nurse, { answer: 'approve' }), 404);
    const missing = expectProblem(await call('POST', `/api/v1/decisions/${id}/approval`, p.policeLead, { answer: 'refuse' }), 422);
    assert.deepEqual(
      missing.errors?.map((e) => e.pointer),
      ['/note'],
    );
    expectProblem(await call('POST', `/api/v1/decisions/${id}/approval`, p.policeLead, { answer: 'maybe' }), 422);
    const approved = expectBody(await call('POST', `/api/v1/decisions/${id}/approval`, p.policeLead, { answer: 'approve', note: 'Proportionate' }), 200, decisionStepResultSchema);
    assert.deepEqual([approved.state, approved.approvalStatus], ['decided_not_sent', 'approved']);
    expectProblem(await call('POST', `/api/v1/decisions/${id}/approval`, p.policeLead, { answer: 'refuse', note: 'No' }), 409);
    const view = expectBody(await call('GET', `/api/v1/decisions/${id}`, p.officer), 200, decisionViewSchema);
    assert.equal(view.approval.note, 'Proportionate');
    assert.deepEqual(view.sendBlockers, []);
  });

  it('withdraws a decision to share through the API, with a reason', async () => {
    const p = await partnership();
    const id = must(await recordDecision(ctx.t.deps, p.officer.actor, p.childId, { answers: shareAnswers, record: record(p.councilId) })).decisionId;
    const empty = expectProblem(await call('POST', `/api/v1/decisions/${id}/withdrawal`, p.officer, { reason: ' ' }), 422);
    assert.deepEqual(
      empty.errors?.map((e) => e.pointer),
      ['/reason'],
    );
    expectProblem(await call('POST', `/api/v1/decisions/${id}/withdrawal`, p.nurse, { reason: 'x' }), 404);
    const done = expectBody(await call('POST', `/api/v1/decisions/${id}/withdrawal`, p.officer, { reason: 'No longer needed' }), 200, decisionStepResultSchema);
    assert.equal(done.state, 'withdrawn');
    expectProblem(await call('POST', `/api/v1/decisions/${id}/withdrawal`, p.officer, { reason: 'again' }), 409);
    const child = await call('GET', `/api/v1/children/${p.childId}`, p.officer);
    assert.equal(child.json().decisions[0].state, 'withdrawn');
  });

  it('documents both operations in the OpenAPI document', () => {
    const paths = openApiDocument().paths as Record<string, { post?: { operationId: string } }>;
    assert.equal(paths['/decisions/{decisionId}/approval']?.post?.operationId, 'answerDecisionApproval');
    assert.equal(paths['/decisions/{decisionId}/withdrawal']?.post?.operationId, 'withdrawDecision');
  });
});
