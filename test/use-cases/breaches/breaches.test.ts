// The breach register on a real database: each pack's procedure (Wirral 2022, Haringey 2006,
// Sandwell 2022), clocks across a bank holiday and a clock change, reminders and escalation from the
// job, access (404 out of scope, the manager's metadata-only view), and returning a disclosure.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addBreachAction } from '../../../src/use-cases/breaches/add-breach-action.ts';
import { assessBreach } from '../../../src/use-cases/breaches/assess-breach.ts';
import { closeBreach } from '../../../src/use-cases/breaches/close-breach.ts';
import { listBreachRegister } from '../../../src/use-cases/breaches/list-breaches.ts';
import { recordBreachMeeting } from '../../../src/use-cases/breaches/record-breach-meeting.ts';
import { recordDeadlineMet } from '../../../src/use-cases/breaches/record-deadline-met.ts';
import { recordIcoDecision } from '../../../src/use-cases/breaches/record-ico-decision.ts';
import { recordIndividualsDecision } from '../../../src/use-cases/breaches/record-individuals-decision.ts';
import { reportBreach } from '../../../src/use-cases/breaches/report-breach.ts';
import { runBreachClocks } from '../../../src/use-cases/breaches/run-breach-clocks.ts';
import { triageBreach } from '../../../src/use-cases/breaches/triage-breach.ts';
import { viewBreach } from '../../../src/use-cases/breaches/view-breach.ts';
import { viewChild } from '../../../src/use-cases/children/view-child.ts';
import { recordDecision } from '../../../src/use-cases/decisions/record-decision.ts';
import { openDisclosure } from '../../../src/use-cases/disclosures/open-disclosure.ts';
import { returnDisclosure } from '../../../src/use-cases/disclosures/return-disclosure.ts';
import { sendDisclosure } from '../../../src/use-cases/disclosures/send-disclosure.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { makeStaff } from '../../support/factories.ts';
import { must, shareAnswers, sharingPartnership } from '../../support/sharing.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

const PACKS = { wirral: 'wirral-2022@2022.4', haringey: 'haringey-2006@2006.4', sandwell: 'sandwell-2022@2022.4' };

async function world(pack: string) {
  const p = await sharingPartnership(t.deps);
  await t.deps.db.updateTable('partnership').set({ pack }).where('id', '=', p.partnershipId).execute();
  const councilIg = await makeStaff(t.deps, p.partnershipId, p.councilId, ['ig_lead']);
  const policeIg = await makeStaff(t.deps, p.partnershipId, p.policeId, ['ig_lead']);
  const policeCaldicott = await makeStaff(t.deps, p.partnershipId, p.policeId, ['caldicott_guardian']);
  const healthIg = await makeStaff(t.deps, p.partnershipId, p.healthId, ['ig_lead']);
  const manager = await makeStaff(t.deps, p.partnershipId, p.councilId, ['partnership_manager']);
  await t.deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
  return { ...p, councilIg, policeIg, policeCaldicott, healthIg, manager };
}

/** The police officer sends the council information about the child, without a request. */
async function policeSendsToCouncil(p: Awaited<ReturnType<typeof world>>) {
  const decision = must(
    await recordDecision(t.deps, p.officer.actor, p.childId, {
      answers: shareAnswers,
      record: { action: 'shared', recipientAgencyId: p.councilId, purposeDetail: 'Safeguarding concern', informationShared: 'Call-outs', reasons: 'Risk of harm' },
    }),
  );
  const pack = await t.deps.db.selectFrom('partnership').select('pack').where('id', '=', p.partnershipId).executeTakeFirstOrThrow();
  const label = t.deps.packs.get(pack.pack)!.informationLevels.find((l) => l.level === 'detailed')!.items[0]!;
  return must(await sendDisclosure(t.deps, p.officer.actor, { decisionId: decision.decisionId, items: [{ level: 'detailed', label, value: 'Two call-outs', kind: 'fact' }] }));
}

const report = (over: Record<string, unknown> = {}) => ({
  what: 'A strategy meeting note e-mailed to the wrong school',
  how: 'Found when the school phoned to say so',
  identifiedAt: t.clock.now.toISOString(),
  ...over,
});
const clocksOf = (v: { clocks: { id: string; dueAt: Date | null; state: string; metAt: Date | null }[] }) => Object.fromEntries(v.clocks.map((c) => [c.id, c]));

describe(`the breach register (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('Wirral 2022: the owner of the data leads, is told at once, and the ICO clock runs 72 hours across the change to GMT', async () => {
    const p = await world(PACKS.wirral);
    t.clock.now = new Date('2025-10-24T09:00:00Z');
    const sent = await policeSendsToCouncil(p);
    // Found at 12:00 BST on Friday 24 October 2025; the clocks go back on Sunday 26 October.
    t.clock.now = new Date('2025-10-24T11:00:00Z');
    const { breachId } = must(await reportBreach(t.deps, p.social.actor, report({ disclosureIds: [sent.disclosureId] })));
    const v = must(await viewBreach(t.deps, p.councilIg.actor, breachId));
    assert.equal(v.leadAgency.id, p.policeId, 'Wirral App. 2 s.5.8: the agency that owns the data leads');
    const c = clocksOf(v);
    assert.deepEqual(Object.keys(c).sort(), ['ico', 'report-internally']);
    assert.equal(c.ico!.dueAt!.toISOString(), '2025-10-27T11:00:00.000Z', '72 elapsed hours: 11:00 GMT on the wall clock, an hour earlier than 12:00');
    assert.equal(c['report-internally']!.state, 'met', 'reporting in Concord is the internal report');
    assert.deepEqual(
      v.children.map((x) => x.id),
      [p.childId],
      'the disclosure’s child is linked',
    );
    // The police (owner and sender) are told at once: its IG lead and the officer who sent it.
    const notes = await t.deps.db.selectFrom('notification').select(['user_id', 'kind']).where('partnership_id', '=', p.partnershipId).where('kind', 'like', 'breach.%').execute();
    assert.ok(notes.some((n) => n.user_id === p.policeIg.id && n.kind === 'breach.reported'));
    assert.ok(notes.some((n) => n.user_id === p.officer.id && n.kind === 'breach.involves-your-information'));
    assert.ok(
      notes.some((n) => n.user_id === p.councilIg.id && n.kind === 'breach.reported'),
      'the reporting agency’s IG lead triages',
    );

    // Triage by the council's IG lead; the joint assessment; the police decide and close.
    assert.equal((await triageBreach(t.deps, p.policeIg.actor, breachId, { outcome: 'confirm' })).kind, 'not_found', 'only the reporting agency triages');
    assert.equal(must(await triageBreach(t.deps, p.councilIg.actor, breachId, { outcome: 'confirm', note: 'Confirmed with the school' })).status, 'investigating');
    assert.equal((await assessBreach(t.deps, p.councilIg.actor, breachId, { grade: 'catastrophic', note: 'x' })).kind, 'invalid', 'only the pack’s grades');
    must(await assessBreach(t.deps, p.councilIg.actor, breachId, { grade: 'risk', agencyIds: [p.policeId], note: 'One child, sensitive detail, recovered same day' }));
    assert.equal((await closeBreach(t.deps, p.policeIg.actor, breachId, { outcome: 'o', lessons: 'l' })).kind, 'conflict', 'decisions first');
    assert.equal((await recordIcoDecision(t.deps, p.councilIg.actor, breachId, { decision: 'not_reported', reasons: 'x' })).kind, 'not_found', 'the lead agency decides');
    t.clock.now = new Date('2025-10-25T12:00:00Z');
    assert.equal((await recordIcoDecision(t.deps, p.policeIg.actor, breachId, { decision: 'reported' })).kind, 'invalid');
    must(await recordIcoDecision(t.deps, p.policeIg.actor, breachId, { decision: 'reported', reference: 'IC-123456-A1B2', reportedAt: '2025-10-25T10:00:00Z' }));
    must(await recordIndividualsDecision(t.deps, p.policeCaldicott.actor, breachId, { decision: 'not_told', reasons: 'Telling the family could increase the risk to the child' }));
    must(await addBreachAction(t.deps, p.policeIg.actor, breachId, { note: 'School confirmed deletion in writing' }));
    must(await closeBreach(t.deps, p.policeIg.actor, breachId, { outcome: 'Contained', lessons: 'Check the address book entry before sending' }));
    const closed = must(await viewBreach(t.deps, p.policeIg.actor, breachId));
    assert.equal(closed.status, 'closed');
    assert.equal(clocksOf(closed).ico!.state, 'met');
    assert.deepEqual(
      closed.events.map((e) => e.kind),
      ['reported', 'confirm', 'assess', 'decide_ico', 'decide_individuals', 'add_action', 'close'],
    );
    assert.deepEqual(closed.events.at(-1)!.note, { outcome: 'Contained', lessons: 'Check the address book entry before sending' });
    const sealed = await t.deps.db.selectFrom('breach').select('sealed').where('id', '=', breachId).executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(sealed).includes('strategy meeting'), 'the narrative is sealed');
  });

  it('Haringey 2006: the partner in breach leads; five working days across Christmas; the minutes clock starts at the meeting', async () => {
    const p = await world(PACKS.haringey);
    t.clock.now = new Date('2023-12-22T10:00:00Z'); // Friday 22 December 2023
    const { breachId } = must(await reportBreach(t.deps, p.social.actor, report({ childIds: [p.childId], occurredAt: '2023-12-21T16:00:00Z' })));
    let v = must(await viewBreach(t.deps, p.councilIg.actor, breachId));
    assert.equal(v.leadAgency.id, p.councilId, 'Haringey s.6.2: the partner organisation in breach');
    const c = clocksOf(v);
    assert.deepEqual(Object.keys(c).sort(), ['breach-report', 'ico', 'minutes', 'notify-partners', 'partners-meeting', 'report-internally']);
    // 25, 26 December and 1 January are bank holidays: 27, 28, 29 Dec, 2, 3 Jan.
    assert.equal(c['notify-partners']!.dueAt!.toISOString(), '2024-01-03T23:59:59.999Z', 's.6.1: five working days from being identified');
    assert.equal(c['breach-report']!.dueAt!.toISOString(), '2024-01-09T23:59:59.999Z', 's.6.2: ten working days from the breach (Thursday 21 December)');
    assert.equal(c.minutes!.state, 'waiting');
    assert.equal(c.minutes!.dueAt, null, 'no meeting yet');

    must(await triageBreach(t.deps, p.councilIg.actor, breachId, { outcome: 'confirm' }));
    assert.equal((await recordDeadlineMet(t.deps, p.councilIg.actor, breachId, 'ico', { metAt: t.clock.now.toISOString() })).kind, 'conflict', 'the ICO clock is met by the ICO decision');
    t.clock.now = new Date('2024-01-05T12:00:00Z');
    must(await recordDeadlineMet(t.deps, p.councilIg.actor, breachId, 'notify-partners', { metAt: '2024-01-04T09:00:00Z' }));
    assert.equal(clocksOf(must(await viewBreach(t.deps, p.councilIg.actor, breachId)))['notify-partners']!.state, 'met_late');

    // s.6.3–6.6: the meeting on Friday 12 January starts the minutes clock: five working days.
    t.clock.now = new Date('2024-01-12T15:00:00Z');
    must(await recordBreachMeeting(t.deps, p.councilIg.actor, breachId, { heldAt: '2024-01-12T10:00:00Z', note: 'The council presented its report and withdrew; sanctions agreed' }));
    v = must(await viewBreach(t.deps, p.councilIg.actor, breachId));
    assert.equal(clocksOf(v).minutes!.dueAt!.toISOString(), '2024-01-19T23:59:59.999Z');
    assert.equal(clocksOf(v).minutes!.state, 'running');
    assert.equal((await recordBreachMeeting(t.deps, p.councilIg.actor, breachId, { heldAt: '2024-01-12T10:00:00Z', note: 'again' })).kind, 'conflict');
  });

  it('Sandwell 2022: the agency whose employee disclosed leads; the baseline’s 24-hour internal report is late when reported late', async () => {
    const p = await world(PACKS.sandwell);
    const sent = await policeSendsToCouncil(p);
    t.clock.now = new Date(t.clock.now.getTime() + 2 * 86_400_000);
    const { breachId } = must(
      await reportBreach(t.deps, p.officer.actor, report({ identifiedAt: new Date(t.clock.now.getTime() - 30 * 3_600_000).toISOString(), disclosureIds: [sent.disclosureId] })),
    );
    const v = must(await viewBreach(t.deps, p.policeIg.actor, breachId));
    assert.equal(v.leadAgency.id, p.policeId, 'Sandwell s.13.2: the agency whose employee disclosed the information');
    assert.deepEqual(Object.keys(clocksOf(v)).sort(), ['ico', 'report-internally']);
    assert.equal(clocksOf(v)['report-internally']!.state, 'met_late', 'reported 30 hours after it was found');
  });

  it('the job reminds at three quarters of the time, escalates once when a deadline passes, and stops when the breach closes', async () => {
    const p = await world(PACKS.wirral);
    t.clock.now = new Date('2026-03-02T09:00:00Z');
    await runBreachClocks(t.deps); // the other tests' breaches, long overdue by now
    const sent = await policeSendsToCouncil(p);
    const { breachId } = must(await reportBreach(t.deps, p.social.actor, report({ disclosureIds: [sent.disclosureId] })));
    const kinds = async () =>
      (await t.deps.db.selectFrom('notification').select(['user_id', 'kind']).where('partnership_id', '=', p.partnershipId).where('kind', 'like', 'breach.deadline-%').execute())
        .map((n) => `${n.kind}:${n.user_id}`)
        .sort();
    t.clock.now = new Date('2026-03-04T08:00:00Z'); // 47 hours: not yet
    assert.deepEqual(await runBreachClocks(t.deps), { reminded: 0, escalated: 0 });
    t.clock.now = new Date('2026-03-04T15:00:00Z'); // 54 hours: three quarters of 72
    assert.deepEqual(await runBreachClocks(t.deps), { reminded: 1, escalated: 0 });
    assert.deepEqual(await runBreachClocks(t.deps), { reminded: 0, escalated: 0 }, 'once');
    assert.deepEqual(await kinds(), [`breach.deadline-near:${p.policeIg.id}`]);
    t.clock.now = new Date('2026-03-05T09:00:01Z');
    assert.deepEqual(await runBreachClocks(t.deps), { reminded: 0, escalated: 1 });
    assert.deepEqual(await runBreachClocks(t.deps), { reminded: 0, escalated: 0 }, 'once');
    assert.deepEqual(
      await kinds(),
      [`breach.deadline-missed:${p.manager.id}`, `breach.deadline-missed:${p.policeCaldicott.id}`, `breach.deadline-missed:${p.policeIg.id}`, `breach.deadline-near:${p.policeIg.id}`].sort(),
    );
    const v = must(await viewBreach(t.deps, p.policeIg.actor, breachId));
    assert.equal(clocksOf(v).ico!.state, 'overdue');
    assert.deepEqual(v.events.map((e) => e.kind).slice(-2), ['deadline-near', 'deadline-missed']);
    const audit = await t.deps.db.selectFrom('audit_event').select('action').where('subject_id', '=', breachId).execute();
    assert.ok(audit.some((a) => a.action === 'breach.deadline-escalated'));
  });

  it('Haringey 2006 s.6.3: the partners’ meeting deadline reminds every party’s IG lead, the agency in breach’s own deadlines only its own', async () => {
    const p = await world(PACKS.haringey);
    t.clock.now = new Date('2026-03-02T09:00:00Z'); // a Monday
    await runBreachClocks(t.deps); // the other tests' breaches, long overdue by now
    const sent = await policeSendsToCouncil(p);
    await t.deps.db.deleteFrom('notification').where('partnership_id', '=', p.partnershipId).where('kind', 'like', 'breach.%').execute();
    must(await reportBreach(t.deps, p.social.actor, report({ disclosureIds: [sent.disclosureId], occurredAt: t.clock.now.toISOString() })));
    const near = async () =>
      (await t.deps.db.selectFrom('notification').select('user_id').where('partnership_id', '=', p.partnershipId).where('kind', '=', 'breach.deadline-near').execute()).map((n) => n.user_id).sort();
    t.clock.now = new Date('2026-03-09T12:00:00Z'); // notify-partners (5 working days, s.6.1) at three quarters: the council alone
    await runBreachClocks(t.deps);
    assert.deepEqual(await near(), [p.councilIg.id], 's.6.1: the partner organisation in breach reports');
    await t.deps.db.deleteFrom('notification').where('partnership_id', '=', p.partnershipId).where('kind', 'like', 'breach.%').execute();
    t.clock.now = new Date('2026-03-25T12:00:00Z'); // partners-meeting (20 working days, due 30 March) past three quarters; the earlier ones have passed
    await runBreachClocks(t.deps);
    assert.deepEqual(await near(), [p.councilIg.id, p.policeIg.id].sort(), 's.6.3: the partner organisations meet');
  });

  it('answers not found out of scope, shows the manager metadata only, and puts the breach on the child’s chronology', async () => {
    const p = await world(PACKS.wirral);
    const { breachId } = must(await reportBreach(t.deps, p.social.actor, report({ childIds: [p.childId] })));
    assert.equal((await viewBreach(t.deps, p.healthIg.actor, breachId)).kind, 'not_found', 'health is not party');
    assert.equal((await viewBreach(t.deps, p.officer.actor, breachId)).kind, 'not_found');
    assert.equal((await viewBreach(t.deps, p.councilIg.actor, '00000000-0000-4000-8000-000000000000')).kind, 'not_found');
    const denied = await t.deps.db.selectFrom('audit_event').select(['outcome', 'actor_user_id']).where('subject_id', '=', breachId).where('action', '=', 'breach.viewed').execute();
    assert.ok(
      denied.some((d) => d.outcome === 'denied' && d.actor_user_id === p.healthIg.id),
      'the refusal is audited',
    );
    const m = must(await viewBreach(t.deps, p.manager.actor, breachId));
    assert.equal(m.scope, 'register');
    assert.equal(m.narrative, null);
    assert.deepEqual(m.children, []);
    assert.equal(m.reportedByName, null);
    const full = must(await viewBreach(t.deps, p.social.actor, breachId));
    assert.equal(full.narrative!.what, 'A strategy meeting note e-mailed to the wrong school', 'the reporter sees their report');
    assert.equal((await listBreachRegister(t.deps, p.manager.actor)).scope, 'partnership');
    assert.deepEqual((await listBreachRegister(t.deps, p.healthIg.actor)).rows, []);
    assert.deepEqual(
      (await listBreachRegister(t.deps, p.councilIg.actor)).rows.map((r) => r.id),
      [breachId],
    );
    // The child's chronology: the school (involved, not party) sees that a breach was reported, no more.
    const record = must(await viewChild(t.deps, p.schoolLead.actor, p.childId));
    const entry = record.exchanges.find((e) => e.kind === 'breach');
    assert.equal(entry?.id, breachId);
    assert.equal(entry?.from_agency_id, p.councilId);
  });

  it('a recipient returns a disclosure: its copy is destroyed, an incident is opened and the sender is told', async () => {
    const p = await world(PACKS.wirral);
    const sent = await policeSendsToCouncil(p);
    must(await openDisclosure(t.deps, p.frontDoor.actor, sent.disclosureId));
    assert.equal((await returnDisclosure(t.deps, p.officer.actor, sent.disclosureId, { reason: 'wrongly_sent' })).kind, 'not_found', 'only the recipient');
    assert.equal((await returnDisclosure(t.deps, p.frontDoor.actor, sent.disclosureId, { reason: 'because' })).kind, 'invalid');
    const { breachId } = must(await returnDisclosure(t.deps, p.frontDoor.actor, sent.disclosureId, { reason: 'wrong_child', note: 'This is about another child with the same name' }));
    const d = await t.deps.db.selectFrom('disclosure').select(['status', 'wrapped_key']).where('id', '=', sent.disclosureId).executeTakeFirstOrThrow();
    assert.deepEqual(d, { status: 'returned', wrapped_key: null });
    const again = must(await openDisclosure(t.deps, p.frontDoor.actor, sent.disclosureId));
    assert.equal(again.available, false);
    assert.equal((await returnDisclosure(t.deps, p.frontDoor.actor, sent.disclosureId, { reason: 'wrong_child' })).kind, 'conflict');
    const v = must(await viewBreach(t.deps, p.policeIg.actor, breachId));
    assert.equal(v.kind, 'returned_disclosure');
    assert.equal(v.leadAgency.id, p.policeId);
    assert.deepEqual(
      v.disclosures.map((x) => x.id),
      [sent.disclosureId],
    );
    const notes = await t.deps.db.selectFrom('notification').select(['user_id', 'kind']).where('partnership_id', '=', p.partnershipId).where('user_id', '=', p.officer.id).execute();
    assert.ok(
      notes.some((n) => n.kind === 'disclosure.returned'),
      'the sender is told',
    );
  });
});
