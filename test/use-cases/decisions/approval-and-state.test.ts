// The decision bounds the disclosure: items above the decided level or needing explicit consent the
// decision lacks are refused (Haringey 2006 s.4.4); sharing against or without the advice waits for
// a designated manager where the pack says so (Haringey 2006 s.4.6); a decision to share shows
// whether it has been sent, and can be withdrawn before it is.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseAnswers } from '../../../src/domain/decision/answers.ts';
import { decide } from '../../../src/domain/decision/engine.ts';
import { approveDeparture } from '../../../src/use-cases/decisions/approve-departure.ts';
import { recordDecision } from '../../../src/use-cases/decisions/record-decision.ts';
import { viewDecision } from '../../../src/use-cases/decisions/view-decision.ts';
import { withdrawDecision } from '../../../src/use-cases/decisions/withdraw-decision.ts';
import { prepareDisclosure } from '../../../src/use-cases/disclosures/prepare-disclosure.ts';
import { sendDisclosure } from '../../../src/use-cases/disclosures/send-disclosure.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { auditOf } from '../../support/factories.ts';
import { must, shareAnswers, sharingPartnership } from '../../support/sharing.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

const HARINGEY = 'haringey-2006@2006.4';
const CASE_NOTES = 'additional relevant information in the form of case notes';
const PHONE = 'phone number';

async function partnership(pack?: string) {
  const p = await sharingPartnership(t.deps);
  if (pack) await t.deps.db.updateTable('partnership').set({ pack }).where('id', '=', p.partnershipId).execute();
  await t.deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
  return p;
}

const record = (to: string) => ({ action: 'shared', recipientAgencyId: to, purposeDetail: 'Safety planning', informationShared: 'Contact details and notes', reasons: 'Asking would put her at risk' });

/** Haringey: detailed information without consent, for a serious crime — the engine says "seek advice". */
const againstAdvice = { ...shareAnswers, harm: 'serious_crime' };

describe(`the decision bounds the disclosure (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('Haringey 2006 s.4.6: sharing against the advice waits for the designated manager, who approves or refuses with reasons; then it can be sent', async () => {
    const p = await partnership(HARINGEY);
    const answers = parseAnswers(againstAdvice);
    assert.ok(answers.ok);
    assert.equal(decide(answers.value, t.deps.packs.policy(HARINGEY)).outcome, 'seek_advice');
    const recorded = must(await recordDecision(t.deps, p.officer.actor, p.childId, { answers: againstAdvice, record: record(p.councilId) }));
    const id = recorded.decisionId;

    // The designated manager (the police's safeguarding lead) is told, without personal data.
    const notes = await t.deps.db
      .selectFrom('notification')
      .select(['user_id', 'kind', 'link'])
      .where('partnership_id', '=', p.partnershipId)
      .where('kind', '=', 'decision.approval-requested')
      .execute();
    assert.deepEqual(notes, [{ user_id: p.policeLead.id, kind: 'decision.approval-requested', link: `/decisions/${id}` }]);

    // Nothing can be sent until then.
    const early = await sendDisclosure(t.deps, p.officer.actor, { decisionId: id, items: [{ level: 'minimum', label: PHONE, value: '07700 900123', kind: 'fact' }] });
    assert.equal(early.kind, 'invalid');
    assert.match(JSON.stringify(early), /designated manager/);
    const waiting = must(await viewDecision(t.deps, p.officer.actor, id));
    assert.equal(waiting.state, 'awaiting_approval');
    assert.deepEqual(waiting.sendBlockers, ['awaiting_approval']);
    assert.equal(waiting.can.approve, false, 'not the practitioner who decided');
    assert.equal(waiting.can.withdraw, true);
    assert.equal(must(await viewDecision(t.deps, p.policeLead.actor, id)).can.approve, true);

    // Only the designated manager of the deciding agency answers; a refusal gives reasons.
    assert.equal((await approveDeparture(t.deps, p.officer.actor, id, { answer: 'approve' })).kind, 'not_found');
    assert.equal((await approveDeparture(t.deps, p.otherOfficer.actor, id, { answer: 'approve' })).kind, 'not_found');
    assert.equal((await approveDeparture(t.deps, p.nurse.actor, id, { answer: 'approve' })).kind, 'not_found', 'a lead in another agency');
    assert.equal((await approveDeparture(t.deps, p.policeLead.actor, id, { answer: 'refuse' })).kind, 'invalid');
    assert.equal((await approveDeparture(t.deps, p.policeLead.actor, id, {})).kind, 'invalid');
    assert.equal(must(await approveDeparture(t.deps, p.policeLead.actor, id, { answer: 'approve', note: 'Discussed: proportionate' })).approvalStatus, 'approved');
    assert.equal((await approveDeparture(t.deps, p.policeLead.actor, id, { answer: 'refuse', note: 'Changed my mind' })).kind, 'conflict');
    const approved = must(await viewDecision(t.deps, p.officer.actor, id));
    assert.equal(approved.state, 'decided_not_sent');
    assert.equal(approved.approval.status, 'approved');
    assert.equal(approved.approval.note, 'Discussed: proportionate');
    const told = await t.deps.db.selectFrom('notification').select('user_id').where('partnership_id', '=', p.partnershipId).where('kind', '=', 'decision.approval-answered').execute();
    assert.deepEqual(told, [{ user_id: p.officer.id }]);

    // Approved: the designated manager took the s.4.6 referral, so detailed information can go.
    must(await sendDisclosure(t.deps, p.officer.actor, { decisionId: id, items: [{ level: 'detailed', label: CASE_NOTES, value: 'Notes', kind: 'fact' }] }));
    assert.equal(must(await viewDecision(t.deps, p.officer.actor, id)).state, 'sent');
    const audit = await auditOf(t.deps, p.partnershipId);
    assert.ok(audit.some((e) => e.action === 'decision.approved' && e.subject_id === id));
    assert.ok(
      audit.some((e) => e.action === 'decision.approval-answered' && e.outcome === 'denied'),
      'refused attempts are audited',
    );
  });

  it('Haringey 2006 s.4.6: a refusal stops the decision; the national baseline needs no approval', async () => {
    const p = await partnership(HARINGEY);
    const id = must(await recordDecision(t.deps, p.officer.actor, p.childId, { answers: againstAdvice, record: record(p.councilId) })).decisionId;
    must(await approveDeparture(t.deps, p.policeLead.actor, id, { answer: 'refuse', note: 'Not proportionate: ask for consent first' }));
    const refused = must(await viewDecision(t.deps, p.officer.actor, id));
    assert.equal(refused.state, 'approval_refused');
    assert.deepEqual(refused.sendBlockers, ['approval_refused']);

    const b = await partnership();
    const onBaseline = must(await recordDecision(t.deps, b.officer.actor, b.childId, { answers: { ...shareAnswers, harm: 'unsure' }, record: record(b.councilId) }));
    assert.notEqual(onBaseline.decision.outcome, 'share', 'a departure from the advice');
    const view = must(await viewDecision(t.deps, b.officer.actor, onBaseline.decisionId));
    assert.equal(view.approval.status, 'not_needed');
    assert.equal(view.state, 'decided_not_sent');
  });

  it('Haringey 2006 s.4.4: a decision about basic details without consent cannot carry detailed or sensitive case notes', async () => {
    const p = await partnership(HARINGEY);
    const basic = { ...shareAnswers, level: 'minimum' };
    const recorded = must(await recordDecision(t.deps, p.officer.actor, p.childId, { answers: basic, record: record(p.councilId) }));
    assert.equal(recorded.decision.outcome, 'share');
    const id = recorded.decisionId;
    const form = must(await prepareDisclosure(t.deps, p.officer.actor, id));
    assert.deepEqual(
      form.choices.map((c) => c.level),
      ['minimum'],
      'only what the decision covers is offered',
    );
    assert.deepEqual(
      form.outside.map((o) => o.title),
      ['Aggregate and management information', 'Detailed and sensitive information'],
    );
    assert.equal(form.newDecisionHref, `/children/${p.childId}/decisions/new`, 'a way to change the decision');
    const blocked = await sendDisclosure(t.deps, p.officer.actor, {
      decisionId: id,
      items: [
        { level: 'minimum', label: PHONE, value: '07700 900123', kind: 'fact' },
        { level: 'detailed', label: CASE_NOTES, value: 'Case notes', kind: 'opinion' },
      ],
    });
    assert.equal(blocked.kind, 'invalid');
    assert.ok(blocked.kind === 'invalid' && blocked.errors.some((e) => e.path === 'items.1.level' && /more than the decision allows/.test(e.message)));
    must(await sendDisclosure(t.deps, p.officer.actor, { decisionId: id, items: [{ level: 'minimum', label: PHONE, value: '07700 900123', kind: 'fact' }] }));
  });

  it('Haringey 2006 s.4.4: with explicit consent, detailed and sensitive information is offered and goes', async () => {
    const p = await partnership(HARINGEY);
    const consented = { ...shareAnswers, consent: 'given', consentNotSoughtReason: undefined, consentConflict: false };
    const id = must(await recordDecision(t.deps, p.officer.actor, p.childId, { answers: consented, record: record(p.councilId) })).decisionId;
    const form = must(await prepareDisclosure(t.deps, p.officer.actor, id));
    assert.deepEqual(
      form.choices.map((c) => c.level),
      ['minimum', 'detailed'],
    );
    must(await sendDisclosure(t.deps, p.officer.actor, { decisionId: id, items: [{ level: 'detailed', label: CASE_NOTES, value: 'Notes', kind: 'fact' }] }));
  });

  it('a decision to share reads "decided — not sent yet" until sent, and can be withdrawn with reasons before it is', async () => {
    const p = await partnership();
    const id = must(await recordDecision(t.deps, p.officer.actor, p.childId, { answers: shareAnswers, record: record(p.councilId) })).decisionId;
    assert.equal(must(await viewDecision(t.deps, p.officer.actor, id)).state, 'decided_not_sent');
    assert.equal((await withdrawDecision(t.deps, p.otherOfficer.actor, id, { reason: 'x' })).kind, 'not_found', 'not their decision');
    assert.equal((await withdrawDecision(t.deps, p.officer.actor, id, { reason: ' ' })).kind, 'invalid');
    must(await withdrawDecision(t.deps, p.officer.actor, id, { reason: 'The family agreed to tell the council themselves' }));
    assert.equal((await withdrawDecision(t.deps, p.officer.actor, id, { reason: 'again' })).kind, 'conflict');
    const withdrawn = must(await viewDecision(t.deps, p.officer.actor, id));
    assert.equal(withdrawn.state, 'withdrawn');
    assert.equal(withdrawn.withdrawal?.reason, 'The family agreed to tell the council themselves');
    const r = await sendDisclosure(t.deps, p.officer.actor, { decisionId: id, freeText: 'x' });
    assert.equal(r.kind, 'invalid');
    assert.match(JSON.stringify(r), /withdrawn/);

    // Once sent, a decision stands.
    const sentId = must(await recordDecision(t.deps, p.officer.actor, p.childId, { answers: shareAnswers, record: record(p.councilId) })).decisionId;
    must(await sendDisclosure(t.deps, p.officer.actor, { decisionId: sentId, freeText: 'Call me' }));
    assert.equal((await withdrawDecision(t.deps, p.officer.actor, sentId, { reason: 'Too late' })).kind, 'conflict');
    assert.ok((await auditOf(t.deps, p.partnershipId)).some((e) => e.action === 'decision.withdrawn' && e.subject_id === id));
  });
});
