// Disputes, complaints and the register's trend through the JSON API (API keys), under the
// Haringey 2006 pack (DPOs or Caldicott guardians, then director-level mediation): raise → stage
// not agreed → escalate → mediation agreed → both agencies' impact → closed; a complaint from
// report to answer; the trend with the small-number rule. Every response is parsed with its schema.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  complaintViewSchema,
  disputeListSchema,
  disputeStepResultSchema,
  disputeViewSchema,
  findingResultSchema,
  registerSchema,
  scrutinySchema,
  trendSchema,
} from '../../src/api/disputes-schemas.ts';
import { openApiDocument } from '../../src/api/openapi.ts';
import { createApiKey } from '../../src/use-cases/accounts/create-api-key.ts';
import { recordDecision } from '../../src/use-cases/decisions/record-decision.ts';
import { useTestApp } from '../support/app.ts';
import { openTestDb } from '../support/db.ts';
import { makeStaff } from '../support/factories.ts';
import { must, shareAnswers, sharingPartnership } from '../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });

const call = (method: 'GET' | 'POST', url: string, who?: { token: string }, payload?: unknown) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: who ? { authorization: `Bearer ${who.token}` } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });

describe(`disputes API (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('takes a dispute and a complaint from report to closure; 404 outside; the trend follows the small-number rule', async () => {
    const deps = ctx.t.deps;
    const p = await sharingPartnership(deps);
    await deps.db.updateTable('partnership').set({ pack: 'haringey-2006@2006.4' }).where('id', '=', p.partnershipId).execute();
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');
    const key = async (s: { actor: Parameters<typeof createApiKey>[1] }) => ({ token: must(await createApiKey(deps, s.actor, { name: 'Case system' })).token });
    const councilDpo = await makeStaff(deps, p.partnershipId, p.councilId, ['ig_lead']);
    const policeDpo = await makeStaff(deps, p.partnershipId, p.policeId, ['caldicott_guardian']);
    const director = await makeStaff(deps, p.partnershipId, p.healthId, ['partnership_manager']);
    const [social, cdpo, pdpo, boss, nurse, officer] = await Promise.all([p.social, councilDpo, policeDpo, director, p.nurse, p.officer].map(key));

    const bad = await call('POST', '/disputes', social!, { ground: 'nope', summary: 7 });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.deepEqual(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
      ['ground', 'otherAgencyId', 'summary'],
    );

    const made = await call('POST', '/disputes', social!, { ground: 'not_shared_in_time', childId: p.childId, otherAgencyId: p.policeId, summary: 'The police did not share in time' });
    assert.equal(made.statusCode, 201);
    const created = disputeStepResultSchema.parse(made.json());
    assert.equal(created.stageDueAt, '2026-12-04T23:59:59.999Z');
    const id = created.id;

    const view = disputeViewSchema.parse((await call('GET', `/disputes/${id}`, pdpo!)).json());
    assert.equal(view.stages.length, 2);
    assert.equal(view.stages[0]!.onDeadline, 'escalate', 'Haringey s.12.2');
    assert.deepEqual(view.stages[1]!.actedBy, ['partnership_manager']);
    assert.equal((await call('GET', `/disputes/${id}`, nurse!)).statusCode, 404);
    assert.equal((await call('POST', `/disputes/${id}/stage`, officer!, { discussed: 'x', outcome: 'agreed', reasons: 'y' })).statusCode, 404, 'a practitioner does not act at stage one');

    disputeStepResultSchema.parse((await call('POST', `/disputes/${id}/stage`, pdpo!, { discussed: 'DPOs met', outcome: 'not_agreed', reasons: 'Different views of necessity' })).json());
    const esc = disputeStepResultSchema.parse((await call('POST', `/disputes/${id}/escalate`, cdpo!, { reason: 'Mediation needed' })).json());
    assert.equal(esc.stage, 2);
    assert.equal((await call('POST', `/disputes/${id}/escalate`, cdpo!, {})).statusCode, 404, 'the DPO does not act at stage two');
    assert.equal((await call('POST', `/disputes/${id}/impact`, social!, { outcome: 'x', impact: 'y' })).statusCode, 409, 'still open');
    assert.equal(
      disputeStepResultSchema.parse((await call('POST', `/disputes/${id}/stage`, boss!, { discussed: 'Mediator met both', outcome: 'agreed', reasons: 'Share within 2 days next time' })).json())
        .status,
      'concluded',
    );
    assert.equal(disputeStepResultSchema.parse((await call('POST', `/disputes/${id}/impact`, social!, { outcome: 'Agreed', impact: 'Late plan' })).json()).status, 'concluded');
    assert.equal(disputeStepResultSchema.parse((await call('POST', `/disputes/${id}/impact`, pdpo!, { outcome: 'Agreed', impact: 'Process changed' })).json()).status, 'closed');
    const list = disputeListSchema.parse((await call('GET', '/disputes', social!)).json());
    assert.deepEqual(
      list.disputes.map((d) => [d.id, d.status]),
      [[id, 'closed']],
    );

    // A complaint.
    const c = await call('POST', '/complaints', social!, { agencyId: p.policeId, complainant: 'child_or_young_person', receivedOn: '2026-11-20', summary: 'Shared my address' });
    assert.equal(c.statusCode, 201);
    const complaint = complaintViewSchema.parse(c.json());
    assert.equal(
      (await call('POST', `/complaints/${complaint.id}/respond`, pdpo!, { outcome: 'not_upheld', respondedOn: '2026-11-20', response: 'Shared lawfully' })).statusCode,
      404,
      'Haringey inherits the baseline: the IG lead handles complaints',
    );
    const policeIg = await key(await makeStaff(deps, p.partnershipId, p.policeId, ['ig_lead']));
    const answered = complaintViewSchema.parse(
      (await call('POST', `/complaints/${complaint.id}/respond`, policeIg, { outcome: 'not_upheld', respondedOn: '2026-11-20', response: 'Shared lawfully' })).json(),
    );
    assert.equal(answered.status, 'closed');
    assert.equal((await call('GET', `/complaints/${complaint.id}`, nurse!)).statusCode, 404);

    // The trend: exact for the register keeper; suppressed when published; 404 for others.
    const exact = trendSchema.parse((await call('GET', '/registers/trend', boss!)).json());
    assert.deepEqual(
      exact.rows.map((r) => r.count),
      ['1', '1'],
    );
    const published = trendSchema.parse((await call('GET', '/registers/trend?publish=yes', boss!)).json());
    assert.deepEqual(
      published.rows.map((r) => r.count),
      ['10 or fewer', '10 or fewer'],
    );
    assert.equal((await call('GET', '/registers/trend', social!)).statusCode, 404);

    // The central register and scrutiny, for the register keeper only.
    const register = registerSchema.parse((await call('GET', '/registers', boss!)).json());
    assert.deepEqual(register.items.map((i) => i.kind).sort(), ['complaint', 'dispute']);
    assert.ok(register.items.every((i) => !i.open && i.links.self.startsWith('/api/v1/')));
    assert.equal((await call('GET', '/registers', social!)).statusCode, 404);
    await deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
    const notShared = must(
      await recordDecision(deps, p.officer.actor, p.childId, {
        answers: shareAnswers,
        record: { action: 'not_shared', recipientAgencyId: p.councilId, purposeDetail: 'Request', reasons: 'Prejudice to an investigation' },
      }),
    );
    const scrutiny = scrutinySchema.parse((await call('GET', '/registers/scrutiny', boss!)).json());
    assert.deepEqual(
      scrutiny.items.map((i) => [i.decisionId, i.reasons]),
      [[notShared.decisionId, 'Prejudice to an investigation']],
    );
    assert.equal((await call('GET', '/registers/scrutiny', social!)).statusCode, 404);
    const noFinding = await call('POST', '/registers/scrutiny/findings', boss!, { subjectId: notShared.decisionId });
    assert.equal(noFinding.statusCode, 422);
    assert.deepEqual(
      noFinding
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
      ['finding', 'note'],
    );
    const finding = await call('POST', '/registers/scrutiny/findings', boss!, { subjectId: notShared.decisionId, finding: 'reasonable_with_learning', note: 'Record the investigation reference' });
    assert.equal(finding.statusCode, 201);
    findingResultSchema.parse(finding.json());
    assert.equal((await call('POST', '/registers/scrutiny/findings', social!, { subjectId: notShared.decisionId, finding: 'reasonable', note: 'x' })).statusCode, 404);
    const after = scrutinySchema.parse((await call('GET', '/registers/scrutiny', boss!)).json());
    assert.deepEqual(
      after.items[0]!.findings.map((f) => [f.finding, f.note]),
      [['reasonable_with_learning', 'Record the investigation reference']],
    );

    const doc = openApiDocument();
    for (const path of ['/disputes', '/disputes/{disputeId}', '/disputes/{disputeId}/escalate', '/complaints', '/registers', '/registers/scrutiny', '/registers/scrutiny/findings', '/registers/trend'])
      assert.ok(path in doc.paths, path);
  });
});
