// Disputes, complaints, the central register and scrutiny on a real database, under three packs'
// different procedures: Haringey 2006 (s.12.2: an unresolved first stage goes to mediation — the
// deadline escalates), Southampton 2010 (s.13: line managers, then Head of Service after advice —
// the deadline only reminds; escalation is one action) and Wirral 2022 (App. 2 s.5.5: SPoCs or lead
// officers, then the statutory safeguarding partners, who also scrutinise decisions not to share,
// s.5.4). Clocks are driven across bank holidays and a change to British Summer Time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { viewChild } from '../../../src/use-cases/children/view-child.ts';
import { recordComplaint } from '../../../src/use-cases/complaints/record-complaint.ts';
import { remindOverdueComplaints } from '../../../src/use-cases/complaints/remind-overdue-complaints.ts';
import { respondToComplaint } from '../../../src/use-cases/complaints/respond-to-complaint.ts';
import { viewComplaint } from '../../../src/use-cases/complaints/view-complaint.ts';
import { recordDecision } from '../../../src/use-cases/decisions/record-decision.ts';
import { actOnDisputeDeadlines } from '../../../src/use-cases/disputes/act-on-dispute-deadlines.ts';
import { escalateDispute } from '../../../src/use-cases/disputes/escalate-dispute.ts';
import { listDisputes } from '../../../src/use-cases/disputes/list-disputes.ts';
import { raiseDispute } from '../../../src/use-cases/disputes/raise-dispute.ts';
import { recordDisputeImpact } from '../../../src/use-cases/disputes/record-dispute-impact.ts';
import { recordDisputeStage } from '../../../src/use-cases/disputes/record-dispute-stage.ts';
import { viewDispute } from '../../../src/use-cases/disputes/view-dispute.ts';
import { recordScrutinyFinding } from '../../../src/use-cases/registers/record-scrutiny-finding.ts';
import { viewRegister } from '../../../src/use-cases/registers/view-register.ts';
import { viewScrutiny } from '../../../src/use-cases/registers/view-scrutiny.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { makeStaff } from '../../support/factories.ts';
import { must, shareAnswers, sharingPartnership } from '../../support/sharing.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

async function partnershipOn(pack: string) {
  const p = await sharingPartnership(t.deps);
  await t.deps.db.updateTable('partnership').set({ pack }).where('id', '=', p.partnershipId).execute();
  const manager = await makeStaff(t.deps, p.partnershipId, p.healthId, ['partnership_manager']);
  const councilLead = await makeStaff(t.deps, p.partnershipId, p.councilId, ['designated_safeguarding_lead']);
  const caldicott = await makeStaff(t.deps, p.partnershipId, p.policeId, ['caldicott_guardian', 'ig_lead']);
  return { ...p, manager, councilLead, caldicott };
}

const notes = async (partnershipId: string, kind: string) =>
  (await t.deps.db.selectFrom('notification').select(['user_id', 'link']).where('partnership_id', '=', partnershipId).where('kind', '=', kind).execute()).map((n) => n.user_id).sort();

const summary = 'We asked for call-outs to the home before a strategy discussion and were refused.';

describe(`disputes, complaints and the registers (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('Haringey 2006: an unresolved first stage escalates itself to mediation when its time (the baseline default) passes, across Christmas', async () => {
    const p = await partnershipOn('haringey-2006@2006.4');
    t.clock.now = new Date('2026-12-18T10:00:00Z'); // a Friday
    const raised = must(await raiseDispute(t.deps, p.social.actor, { ground: 'request_declined', childId: p.childId, otherAgencyId: p.policeId, summary }));
    // Ten working days (national-baseline stageDeadline): 25, 28 Dec and 1 Jan are bank holidays.
    assert.equal(raised.stageDueAt.toISOString(), '2027-01-06T23:59:59.999Z');
    // Stage one is the data protection officers / Caldicott guardians (s.12.1): the police's is told.
    assert.deepEqual(await notes(p.partnershipId, 'dispute.raised'), [p.caldicott.id]);

    t.clock.now = new Date('2027-01-06T23:00:00Z');
    assert.deepEqual(await actOnDisputeDeadlines(t.deps), { escalated: 0, reminded: 0 });
    t.clock.now = new Date('2027-01-07T00:00:00Z');
    assert.deepEqual(await actOnDisputeDeadlines(t.deps), { escalated: 1, reminded: 0 });
    const v = must(await viewDispute(t.deps, p.social.actor, raised.disputeId));
    assert.equal(v.stage, 2);
    assert.match(v.rules.stages[1]!.name, /Mediation/);
    assert.equal(v.stageDueAt.toISOString(), '2027-01-21T23:59:59.999Z');
    assert.deepEqual(await notes(p.partnershipId, 'dispute.escalated'), [p.manager.id], 'director-level: the partnership managers');
    const audit = await t.deps.db.selectFrom('audit_event').select(['action', 'via', 'details']).where('subject_id', '=', raised.disputeId).where('action', '=', 'dispute.escalated').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.via, 'system');

    // The last stage is never escalated further: its people are reminded once.
    t.clock.now = new Date('2027-01-22T09:00:00Z');
    assert.deepEqual(await actOnDisputeDeadlines(t.deps), { escalated: 0, reminded: 1 });
    assert.deepEqual(await actOnDisputeDeadlines(t.deps), { escalated: 0, reminded: 0 });
    assert.deepEqual(await notes(p.partnershipId, 'dispute.overdue'), [p.manager.id]);

    // The mediator's outcome concludes it; each agency records the outcome and impact; then it closes.
    assert.equal((await recordDisputeStage(t.deps, p.social.actor, raised.disputeId, { discussed: 'x', outcome: 'agreed', reasons: 'y' })).kind, 'not_found');
    must(await recordDisputeStage(t.deps, p.manager.actor, raised.disputeId, { discussed: 'Mediation on 20 January', outcome: 'agreed', reasons: 'Police will share the call-out log' }));
    assert.equal(must(await recordDisputeImpact(t.deps, p.social.actor, raised.disputeId, { outcome: 'Information received', impact: 'Strategy discussion delayed by a month' })).status, 'concluded');
    assert.equal((await recordDisputeImpact(t.deps, p.councilLead.actor, raised.disputeId, { outcome: 'again', impact: 'again' })).kind, 'conflict', 'one record per agency');
    assert.equal(must(await recordDisputeImpact(t.deps, p.officer.actor, raised.disputeId, { outcome: 'Shared', impact: 'None for the investigation' })).status, 'closed');
  });

  it('Southampton 2010: the deadline only reminds; escalation to Head of Service is one action; the final decision concludes it (deadline across Easter and the change to BST)', async () => {
    const p = await partnershipOn('southampton-2010@2010.4');
    t.clock.now = new Date('2027-03-19T10:00:00Z'); // Friday; BST starts 28 March, Good Friday 2 April, Easter Monday 5 April
    const raised = must(await raiseDispute(t.deps, p.social.actor, { ground: 'request_declined', childId: p.childId, otherAgencyId: p.policeId, summary }));
    assert.equal(raised.stageDueAt.toISOString(), '2027-04-06T22:59:59.999Z', 'end of the tenth working day, in BST');
    // Stage one: the line managers (designated safeguarding leads) of both agencies.
    assert.deepEqual(await notes(p.partnershipId, 'dispute.raised'), [p.councilLead.id, p.policeLead.id].sort());

    t.clock.now = new Date('2027-04-07T08:00:00Z');
    assert.deepEqual(await actOnDisputeDeadlines(t.deps), { escalated: 0, reminded: 1 });
    assert.deepEqual(await actOnDisputeDeadlines(t.deps), { escalated: 0, reminded: 0 });
    assert.equal(must(await viewDispute(t.deps, p.social.actor, raised.disputeId)).stage, 1, 'still at stage one');

    // A practitioner does not act at stage one; the police line manager does.
    assert.equal((await recordDisputeStage(t.deps, p.officer.actor, raised.disputeId, { discussed: 'a', outcome: 'not_agreed', reasons: 'b' })).kind, 'not_found');
    const bad = await recordDisputeStage(t.deps, p.policeLead.actor, raised.disputeId, { discussed: '', outcome: 'maybe' as never, reasons: '' });
    assert.equal(bad.kind, 'invalid');
    assert.deepEqual(bad.kind === 'invalid' && bad.errors.map((e) => e.path).sort(), ['discussed', 'outcome', 'reasons']);
    must(await recordDisputeStage(t.deps, p.policeLead.actor, raised.disputeId, { discussed: 'Line managers met', outcome: 'not_agreed', reasons: 'Live investigation' }));
    const esc = must(await escalateDispute(t.deps, p.social.actor, raised.disputeId, { reason: 'Still not resolved' }));
    assert.equal(esc.stage, 2);
    assert.equal((await escalateDispute(t.deps, p.social.actor, raised.disputeId)).kind, 'conflict', 'stage two is the last');
    // Stage two: Head of Service after Caldicott or DPO advice — the Caldicott guardian records the final decision.
    assert.equal(
      must(await recordDisputeStage(t.deps, p.caldicott.actor, raised.disputeId, { discussed: 'Advice given', outcome: 'not_agreed', reasons: 'Not shared until charge' })).status,
      'concluded',
    );
    const v = must(await viewDispute(t.deps, p.policeLead.actor, raised.disputeId));
    assert.deepEqual(
      v.events.map((e) => e.kind),
      ['raised', 'reminded', 'stage_recorded', 'escalated', 'stage_recorded', 'concluded'],
    );
    assert.deepEqual(v.events[2]!.notes, { discussed: 'Line managers met', reasons: 'Live investigation' });
    assert.equal(v.can.recordImpact, true);

    // Reading is audited; an agency that is not party gets "not found", audited as denied.
    assert.equal((await viewDispute(t.deps, p.nurse.actor, raised.disputeId)).kind, 'not_found');
    const reads = await t.deps.db.selectFrom('audit_event').select(['action', 'outcome', 'actor_user_id']).where('subject_id', '=', raised.disputeId).where('action', '=', 'dispute.viewed').execute();
    assert.ok(reads.some((r) => r.outcome === 'ok' && r.actor_user_id === p.policeLead.id));
    assert.ok(reads.some((r) => r.outcome === 'denied' && r.actor_user_id === p.nurse.id));
    assert.deepEqual((await listDisputes(t.deps, p.nurse.actor)).length, 0);

    // The child's chronology: the parties link to it; others see that it exists, and nothing more.
    assert.equal((await viewChild(t.deps, p.nurse.actor, p.childId)).kind, 'not_found', 'the health agency cannot see the child at all');
    const seenBySchool = must(await viewChild(t.deps, p.schoolLead.actor, p.childId)).exchanges.find((e) => e.kind === 'dispute');
    assert.ok(seenBySchool, 'the school, involved with the child, sees the dispute on the chronology');
    assert.equal(seenBySchool.status, 'concluded');
  });

  it('Wirral 2022: SPoCs or lead officers first, then the statutory safeguarding partners from any agency; scrutiny findings by statutory partners only', async () => {
    const p = await partnershipOn('wirral-2022@2022.4');
    t.clock.now = new Date('2026-11-20T10:00:00Z');
    await t.deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
    const d = must(
      await recordDecision(t.deps, p.officer.actor, p.childId, {
        answers: shareAnswers,
        record: { action: 'not_shared', recipientAgencyId: p.councilId, purposeDetail: 'Request', reasons: 'Live investigation' },
      }),
    );
    const raised = must(await raiseDispute(t.deps, p.social.actor, { ground: 'request_declined', decisionId: d.decisionId, summary }));
    assert.deepEqual(await notes(p.partnershipId, 'dispute.raised'), [p.frontDoor.id, p.councilLead.id, p.policeLead.id, p.policeSpoc.id].sort());
    assert.equal((await raiseDispute(t.deps, p.officer.actor, { ground: 'other', decisionId: d.decisionId, summary })).kind, 'invalid', 'not with your own agency');
    // The statutory partners (partnership manager, in the health agency) cannot act at stage one…
    assert.equal((await escalateDispute(t.deps, p.manager.actor, raised.disputeId)).kind, 'not_found');
    must(await escalateDispute(t.deps, p.policeSpoc.actor, raised.disputeId));
    // …but act at stage two, though their agency is not party to the dispute.
    assert.equal(
      must(await recordDisputeStage(t.deps, p.manager.actor, raised.disputeId, { discussed: 'Scrutiny panel', outcome: 'agreed', reasons: 'Reasons recorded were sound' })).status,
      'concluded',
    );

    // Scrutiny of decisions not to share: reasons shown, each read audited against the child.
    const view = must(await viewScrutiny(t.deps, p.manager.actor));
    assert.equal(view.items.length, 1);
    assert.equal(view.items[0]!.reasons, 'Live investigation');
    assert.equal(view.canRecord, true);
    const reads = await t.deps.db.selectFrom('audit_event').select(['child_id']).where('action', '=', 'decision.scrutiny-viewed').where('partnership_id', '=', p.partnershipId).execute();
    assert.deepEqual(
      reads.map((r) => r.child_id),
      [p.childId],
    );
    assert.equal((await viewScrutiny(t.deps, p.officer.actor)).kind, 'not_found');
    must(await recordScrutinyFinding(t.deps, p.manager.actor, { subjectId: d.decisionId, finding: 'reasonable_with_learning', note: 'Sound, but say when sharing will be possible' }));
    // A manager in a relevant agency (not a statutory partner) may read but not record.
    await t.deps.db.updateTable('agency').set({ kind: 'relevant_agency' }).where('id', '=', p.schoolId).execute();
    const schoolManager = await makeStaff(t.deps, p.partnershipId, p.schoolId, ['partnership_manager']);
    assert.equal(must(await viewScrutiny(t.deps, schoolManager.actor)).canRecord, false);
    assert.equal((await recordScrutinyFinding(t.deps, schoolManager.actor, { subjectId: d.decisionId, finding: 'reasonable', note: 'x' })).kind, 'not_found');
    assert.equal(must(await viewScrutiny(t.deps, p.manager.actor)).items[0]!.findings.length, 1);
  });

  it('complaints: routed to the pack’s handlers, reminded once when late, answered with outcome and dates; the register counts them', async () => {
    const p = await partnershipOn('sandwell-2022@2022.4');
    const policeIg = await makeStaff(t.deps, p.partnershipId, p.policeId, ['ig_lead']);
    t.clock.now = new Date('2026-11-20T10:00:00Z');
    const made = must(
      await recordComplaint(t.deps, p.social.actor, {
        agencyId: p.policeId,
        complainant: 'parent_or_carer',
        receivedOn: '2026-11-19',
        childId: p.childId,
        summary: 'Mother says the police told the school about a caution',
      }),
    );
    assert.equal(made.responseDueAt.toISOString(), '2026-12-17T23:59:59.999Z', '20 working days after receipt');
    // Sandwell: the IG lead and the safeguarding lead of the police hear of it (s.13; App. 1).
    assert.deepEqual(await notes(p.partnershipId, 'complaint.received'), [p.caldicott.id, p.policeLead.id, policeIg.id].sort());
    assert.equal((await viewComplaint(t.deps, p.officer.actor, made.complaintId)).kind, 'not_found');
    const bad = await recordComplaint(t.deps, p.social.actor, { agencyId: 'nope', complainant: 'x' as never, receivedOn: '2030-01-01', summary: '' });
    assert.deepEqual(bad.kind === 'invalid' && bad.errors.map((e) => e.path).sort(), ['complainant', 'summary']);

    t.clock.now = new Date('2026-12-18T09:00:00Z');
    assert.deepEqual(await remindOverdueComplaints(t.deps), { reminded: 1 });
    assert.deepEqual(await remindOverdueComplaints(t.deps), { reminded: 0 });
    assert.equal(must(await viewComplaint(t.deps, p.policeLead.actor, made.complaintId)).overdue, true);
    assert.equal((await respondToComplaint(t.deps, p.social.actor, made.complaintId, { outcome: 'upheld', respondedOn: '2026-12-18', response: 'x' })).kind, 'not_found');
    must(await respondToComplaint(t.deps, policeIg.actor, made.complaintId, { outcome: 'partly_upheld', respondedOn: '2026-12-18', response: 'Apology given; staff reminded of the protocol' }));
    const seen = must(await viewComplaint(t.deps, p.social.actor, made.complaintId));
    assert.equal(seen.status, 'closed');
    assert.equal(seen.response, 'Apology given; staff reminded of the protocol');

    // The central register: the partnership manager sees everything, with the trend; others do not.
    must(await raiseDispute(t.deps, p.social.actor, { ground: 'other', otherAgencyId: p.policeId, summary }));
    const reg = must(await viewRegister(t.deps, p.manager.actor));
    assert.deepEqual(reg.items.map((i) => i.kind).sort(), ['complaint', 'dispute']);
    assert.deepEqual(reg.trend.map((r) => [r.kind, r.month, r.agency, r.count]).sort(), [
      ['complaint', '2026-11', 'Police', 1],
      ['dispute', '2026-12', 'Police', 1],
    ]);
    assert.equal(reg.smallNumberThreshold, 10);
    assert.equal((await viewRegister(t.deps, p.policeLead.actor)).kind, 'not_found');
  });
});
