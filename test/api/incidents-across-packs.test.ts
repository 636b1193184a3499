// Breaches, disputes and complaints from report to closure through the JSON API under the packs
// that the other API tests do not cover, so that each of the three is taken to closure under at
// least three packs (breaches: Sandwell in breaches.test.ts, Wirral and Haringey here; disputes:
// Haringey in disputes.test.ts, Southampton and Wirral here; complaints: Haringey in
// disputes.test.ts, Southampton and Sandwell here). Each pack's own procedure is asserted: who
// leads, which clocks run and when they fall due, who acts at each stage, who hears of a complaint.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { breachCreatedSchema, breachStepResultSchema, breachViewSchema } from '../../src/api/breach-schemas.ts';
import { complaintViewSchema, disputeStepResultSchema, disputeViewSchema } from '../../src/api/disputes-schemas.ts';
import { createApiKey } from '../../src/use-cases/accounts/create-api-key.ts';
import { recordDecision } from '../../src/use-cases/decisions/record-decision.ts';
import { sendDisclosure } from '../../src/use-cases/disclosures/send-disclosure.ts';
import { useTestApp } from '../support/app.ts';
import { openTestDb } from '../support/db.ts';
import { makeStaff } from '../support/factories.ts';
import { must, shareAnswers, sharingPartnership } from '../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });

type Key = { token: string };
async function call(who: Key, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await ctx.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${who.token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}
async function ok(who: Key, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await call(who, method, url, payload);
  assert.ok(res.status === 200 || res.status === 201, `${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A partnership on the pack, with API keys made at `now` (keys last 90 days, so the clock is set first). */
async function partnershipOn(pack: string, now: string) {
  const deps = ctx.t.deps;
  ctx.t.clock.now = new Date(now);
  const p = await sharingPartnership(deps);
  await deps.db.updateTable('partnership').set({ pack }).where('id', '=', p.partnershipId).execute();
  await deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
  const key = async (s: { actor: Parameters<typeof createApiKey>[1] }): Promise<Key> => ({ token: must(await createApiKey(deps, s.actor, { name: 'Case system' })).token });
  const staff = {
    councilIg: await makeStaff(deps, p.partnershipId, p.councilId, ['ig_lead']),
    councilLead: await makeStaff(deps, p.partnershipId, p.councilId, ['designated_safeguarding_lead']),
    policeIg: await makeStaff(deps, p.partnershipId, p.policeId, ['ig_lead']),
    policeCaldicott: await makeStaff(deps, p.partnershipId, p.policeId, ['caldicott_guardian']),
    manager: await makeStaff(deps, p.partnershipId, p.healthId, ['partnership_manager']),
  };
  const keys = {
    social: await key(p.social),
    officer: await key(p.officer),
    nurse: await key(p.nurse),
    policeLead: await key(p.policeLead),
    policeSpoc: await key(p.policeSpoc),
    councilIg: await key(staff.councilIg),
    councilLead: await key(staff.councilLead),
    policeIg: await key(staff.policeIg),
    policeCaldicott: await key(staff.policeCaldicott),
    manager: await key(staff.manager),
  };
  return { ...p, staff, keys };
}

const clocks = (v: { clocks: { id: string; state: string; dueAt: string | null }[] }) => Object.fromEntries(v.clocks.map((c) => [c.id, c]));
const notified = async (partnershipId: string, kind: string) =>
  (await ctx.t.deps.db.selectFrom('notification').select('user_id').where('partnership_id', '=', partnershipId).where('kind', '=', kind).execute()).map((n) => n.user_id).sort();

describe(`incidents and disagreements through the API under three packs each (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('Wirral 2022 breach: the owner of the data leads, the ICO clock is 72 hours, and the police close it', async () => {
    const deps = ctx.t.deps;
    const p = await partnershipOn('wirral-2022@2022.4', '2026-11-20T09:00:00Z');
    const decision = must(
      await recordDecision(deps, p.officer.actor, p.childId, {
        answers: shareAnswers,
        record: { action: 'shared', recipientAgencyId: p.councilId, purposeDetail: 'Safeguarding concern', informationShared: 'Call-outs', reasons: 'Risk of harm' },
      }),
    );
    const label = deps.packs.get('wirral-2022@2022.4')!.informationLevels.find((l) => l.level === 'detailed')!.items[0]!;
    const sent = must(await sendDisclosure(deps, p.officer.actor, { decisionId: decision.decisionId, items: [{ level: 'detailed', label, value: 'Two call-outs', kind: 'fact' }] }));

    ctx.t.clock.now = new Date('2026-11-20T11:00:00Z');
    const { id } = breachCreatedSchema.parse(
      await ok(p.keys.social, 'POST', '/breaches', { what: 'A note e-mailed to the wrong school', how: 'The school phoned', identifiedAt: '2026-11-20T10:30:00Z', disclosureIds: [sent.disclosureId] }),
    );
    const v = breachViewSchema.parse(await ok(p.keys.policeIg, 'GET', `/breaches/${id}`));
    assert.equal(v.leadAgency.id, p.policeId, 'Wirral App. 2 s.5.8: the agency that owns the data leads');
    assert.deepEqual(Object.keys(clocks(v)).sort(), ['ico', 'report-internally']);
    assert.equal(clocks(v).ico!.dueAt, '2026-11-23T10:30:00.000Z', '72 hours from discovery');
    assert.ok((await notified(p.partnershipId, 'breach.involves-your-information')).includes(p.officer.id), 'the sender is told');
    assert.equal((await call(p.keys.nurse, 'GET', `/breaches/${id}`)).status, 404);

    assert.equal((await call(p.keys.policeIg, 'POST', `/breaches/${id}/triage`, { outcome: 'confirm' })).status, 404, 'the reporting agency triages');
    await ok(p.keys.councilIg, 'POST', `/breaches/${id}/triage`, { outcome: 'confirm' });
    await ok(p.keys.councilIg, 'POST', `/breaches/${id}/assess`, { grade: 'risk', note: 'One child; recovered the same day' });
    assert.equal((await call(p.keys.councilIg, 'POST', `/breaches/${id}/ico`, { decision: 'not_reported', reasons: 'x' })).status, 404, 'the lead agency decides');
    await ok(p.keys.policeIg, 'POST', `/breaches/${id}/ico`, { decision: 'reported', reference: 'IC-123456-A1B2', reportedAt: '2026-11-20T10:55:00Z' });
    await ok(p.keys.policeCaldicott, 'POST', `/breaches/${id}/individuals`, { decision: 'not_told', reasons: 'Telling the family could increase the risk to the child' });
    const closed = breachStepResultSchema.parse(await ok(p.keys.policeIg, 'POST', `/breaches/${id}/close`, { outcome: 'Contained', lessons: 'Check the address before sending' }));
    assert.equal(closed.status, 'closed');
    const final = breachViewSchema.parse(await ok(p.keys.policeIg, 'GET', `/breaches/${id}`));
    assert.equal(clocks(final).ico!.state, 'met');
    assert.equal(final.ico.decision, 'reported');
  });

  it('Haringey 2006 breach: the partner in breach leads; five and ten working days; the partners’ meeting starts the minutes clock; closed', async () => {
    const p = await partnershipOn('haringey-2006@2006.4', '2023-12-22T10:00:00Z'); // Friday; 25, 26 December and 1 January are bank holidays
    const { id } = breachCreatedSchema.parse(
      await ok(p.keys.social, 'POST', '/breaches', {
        what: 'A case summary left on a train',
        how: 'Reported by the worker',
        identifiedAt: '2023-12-22T09:00:00Z',
        occurredAt: '2023-12-21T16:00:00Z',
        childIds: [p.childId],
      }),
    );
    let v = breachViewSchema.parse(await ok(p.keys.councilIg, 'GET', `/breaches/${id}`));
    assert.equal(v.leadAgency.id, p.councilId, 'Haringey s.6.2: the partner organisation in breach');
    assert.deepEqual(Object.keys(clocks(v)).sort(), ['breach-report', 'ico', 'minutes', 'notify-partners', 'partners-meeting', 'report-internally']);
    assert.equal(clocks(v)['notify-partners']!.dueAt, '2024-01-03T23:59:59.999Z', 's.6.1: five working days');
    assert.equal(clocks(v)['breach-report']!.dueAt, '2024-01-09T23:59:59.999Z', 's.6.2: ten working days from the breach');

    await ok(p.keys.councilIg, 'POST', `/breaches/${id}/triage`, { outcome: 'confirm' });
    ctx.t.clock.now = new Date('2024-01-12T15:00:00Z');
    await ok(p.keys.councilIg, 'POST', `/breaches/${id}/deadlines/notify-partners`, { metAt: '2023-12-27T09:00:00Z' });
    await ok(p.keys.councilIg, 'POST', `/breaches/${id}/meeting`, { heldAt: '2024-01-12T10:00:00Z', note: 'The council presented its report and withdrew; sanctions agreed' });
    v = breachViewSchema.parse(await ok(p.keys.councilIg, 'GET', `/breaches/${id}`));
    assert.equal(clocks(v)['notify-partners']!.state, 'met');
    assert.equal(clocks(v).minutes!.dueAt, '2024-01-19T23:59:59.999Z', 's.6.6: minutes within five working days of the meeting');
    await ok(p.keys.councilIg, 'POST', `/breaches/${id}/assess`, { grade: 'no likely risk', note: 'The bag was handed in unopened' });
    await ok(p.keys.councilIg, 'POST', `/breaches/${id}/ico`, { decision: 'not_reported', reasons: 'No likely risk: recovered unopened' });
    await ok(p.keys.councilIg, 'POST', `/breaches/${id}/individuals`, { decision: 'not_told', reasons: 'No likely risk' });
    assert.equal(breachStepResultSchema.parse(await ok(p.keys.councilIg, 'POST', `/breaches/${id}/close`, { outcome: 'Recovered', lessons: 'No paper files on journeys' })).status, 'closed');
  });

  it('Southampton 2010 dispute: line managers, then Head of Service after Caldicott advice; both agencies record the impact', async () => {
    const p = await partnershipOn('southampton-2010@2010.4', '2027-03-19T10:00:00Z'); // BST starts 28 March; Good Friday 2 April, Easter Monday 5 April
    const raised = disputeStepResultSchema.parse(
      await ok(p.keys.social, 'POST', '/disputes', { ground: 'request_declined', childId: p.childId, otherAgencyId: p.policeId, summary: 'The police refused the call-outs we asked for.' }),
    );
    assert.equal(raised.stageDueAt, '2027-04-06T22:59:59.999Z', 'Southampton s.13: ten working days, across Easter, in BST');
    assert.deepEqual(await notified(p.partnershipId, 'dispute.raised'), [p.staff.councilLead.id, p.policeLead.id].sort(), 'the line managers of both agencies');
    const view = disputeViewSchema.parse(await ok(p.keys.policeLead, 'GET', `/disputes/${raised.id}`));
    assert.equal(view.stages[0]!.onDeadline, 'remind', 'Southampton: the deadline reminds, it does not escalate');
    assert.equal((await call(p.keys.officer, 'POST', `/disputes/${raised.id}/stage`, { discussed: 'a', outcome: 'not_agreed', reasons: 'b' })).status, 404);
    await ok(p.keys.policeLead, 'POST', `/disputes/${raised.id}/stage`, { discussed: 'Line managers met', outcome: 'not_agreed', reasons: 'Live investigation' });
    assert.equal(disputeStepResultSchema.parse(await ok(p.keys.social, 'POST', `/disputes/${raised.id}/escalate`, { reason: 'Still not resolved' })).stage, 2);
    assert.equal(
      disputeStepResultSchema.parse(await ok(p.keys.policeCaldicott, 'POST', `/disputes/${raised.id}/stage`, { discussed: 'Advice given', outcome: 'agreed', reasons: 'Shared after charge' })).status,
      'concluded',
    );
    await ok(p.keys.social, 'POST', `/disputes/${raised.id}/impact`, { outcome: 'Agreed', impact: 'Strategy discussion delayed a week' });
    assert.equal(disputeStepResultSchema.parse(await ok(p.keys.policeLead, 'POST', `/disputes/${raised.id}/impact`, { outcome: 'Agreed', impact: 'None' })).status, 'closed');
  });

  it('Wirral 2022 dispute: SPoCs first, then the statutory safeguarding partners from any agency', async () => {
    const p = await partnershipOn('wirral-2022@2022.4', '2026-11-20T10:00:00Z');
    const raised = disputeStepResultSchema.parse(
      await ok(p.keys.social, 'POST', '/disputes', { ground: 'not_shared_in_time', childId: p.childId, otherAgencyId: p.policeId, summary: 'Reports arrived after the conference.' }),
    );
    assert.ok((await notified(p.partnershipId, 'dispute.raised')).includes(p.policeSpoc.id), 'Wirral s.5.5: the SPoCs');
    assert.equal((await call(p.keys.manager, 'POST', `/disputes/${raised.id}/escalate`, {})).status, 404, 'the statutory partners do not act at stage one');
    assert.equal(disputeStepResultSchema.parse(await ok(p.keys.policeSpoc, 'POST', `/disputes/${raised.id}/escalate`, { reason: 'Needs the partners' })).stage, 2);
    assert.equal(
      disputeStepResultSchema.parse(await ok(p.keys.manager, 'POST', `/disputes/${raised.id}/stage`, { discussed: 'Scrutiny panel', outcome: 'agreed', reasons: 'Share within 2 days next time' }))
        .status,
      'concluded',
    );
    await ok(p.keys.social, 'POST', `/disputes/${raised.id}/impact`, { outcome: 'Agreed', impact: 'Conference went ahead without police reports' });
    assert.equal(disputeStepResultSchema.parse(await ok(p.keys.officer, 'POST', `/disputes/${raised.id}/impact`, { outcome: 'Agreed', impact: 'Process changed' })).status, 'closed');
  });

  for (const [pack, handlers] of [
    ['southampton-2010@2010.4', (p: Awaited<ReturnType<typeof partnershipOn>>) => [p.staff.policeIg.id]],
    ['sandwell-2022@2022.4', (p: Awaited<ReturnType<typeof partnershipOn>>) => [p.staff.policeIg.id, p.policeLead.id]],
  ] as const) {
    it(`${pack} complaint: routed to the pack’s handlers and answered`, async () => {
      const p = await partnershipOn(pack, '2026-11-20T10:00:00Z');
      const made = complaintViewSchema.parse(
        await ok(p.keys.social, 'POST', '/complaints', {
          agencyId: p.policeId,
          complainant: 'parent_or_carer',
          receivedOn: '2026-11-19',
          childId: p.childId,
          summary: 'A caution was mentioned to the school',
        }),
      );
      assert.equal(made.responseDueAt, '2026-12-17T23:59:59.999Z', '20 working days');
      const told = await notified(p.partnershipId, 'complaint.received');
      for (const id of handlers(p)) assert.ok(told.includes(id), `${pack}: ${id} hears of it`);
      assert.equal(told.includes(p.policeLead.id), handlers(p).includes(p.policeLead.id), 'only Sandwell routes complaints to the safeguarding lead too (s.13.1; App. 1)');
      assert.equal((await call(p.keys.social, 'POST', `/complaints/${made.id}/respond`, { outcome: 'upheld', respondedOn: '2026-12-01', response: 'x' })).status, 404);
      ctx.t.clock.now = new Date('2026-12-01T15:00:00Z');
      const answered = complaintViewSchema.parse(
        await ok(p.keys.policeIg, 'POST', `/complaints/${made.id}/respond`, { outcome: 'partly_upheld', respondedOn: '2026-12-01', response: 'Apology given; staff reminded of the protocol' }),
      );
      assert.equal(answered.status, 'closed');
    });
  }
});
