// Items carry their current version everywhere (Southampton 2010 s.9 "the originator must decide
// what corrective action is needed including advising appropriate agencies"; UK GDPR Art. 19): a
// corrected item is offered and passed on corrected, "corrected on … by …" shows to every holder,
// and a correction made after onward sharing reaches the onward holder too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { acknowledgeCorrection } from '../../../src/use-cases/corrections/acknowledge-correction.ts';
import { decideCorrection } from '../../../src/use-cases/corrections/decide-correction.ts';
import { reportInaccuracy } from '../../../src/use-cases/corrections/report-inaccuracy.ts';
import { recordDecision } from '../../../src/use-cases/decisions/record-decision.ts';
import { openDisclosure } from '../../../src/use-cases/disclosures/open-disclosure.ts';
import { prepareDisclosure } from '../../../src/use-cases/disclosures/prepare-disclosure.ts';
import { sendDisclosure } from '../../../src/use-cases/disclosures/send-disclosure.ts';
import { answerOnwardAgreement } from '../../../src/use-cases/onward-agreements/answer-onward-agreement.ts';
import { requestOnwardAgreement } from '../../../src/use-cases/onward-agreements/request-onward-agreement.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { must, shareAnswers, sharingPartnership } from '../../support/sharing.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

const WRONG = 'Mother’s phone 07700 900001';
const RIGHT = 'Mother’s phone 07700 900123';
const label = 'who is working with the child and how to contact them';

/** The police send the council one item; the council opens it and agrees onward sharing to the school is asked and agreed. */
async function policeToCouncil() {
  const p = await sharingPartnership(t.deps);
  t.clock.now = new Date('2026-11-20T10:00:00Z');
  // The police know the child (as the factory makes the school involved).
  await t.deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
  const toCouncil = must(
    await recordDecision(t.deps, p.officer.actor, p.childId, {
      answers: shareAnswers,
      record: { action: 'shared', recipientAgencyId: p.councilId, purposeDetail: 'Safety planning', informationShared: 'Contact details', reasons: 'Asking would increase risk' },
    }),
  );
  const sent = must(await sendDisclosure(t.deps, p.officer.actor, { decisionId: toCouncil.decisionId, items: [{ level: 'minimum', label, value: WRONG, kind: 'fact' }] }));
  // Addressed to the agency: its leads open it.
  const atCouncil = must(await openDisclosure(t.deps, p.frontDoor.actor, sent.disclosureId));
  const asked = must(await requestOnwardAgreement(t.deps, p.frontDoor.actor, sent.disclosureId, { toAgencyId: p.schoolId, purpose: 'The school needs to reach the mother' }));
  must(await answerOnwardAgreement(t.deps, p.officer.actor, asked.agreementIds[0]!, { answer: 'agree' }));
  const onwardDecision = must(
    await recordDecision(t.deps, p.frontDoor.actor, p.childId, {
      answers: shareAnswers,
      record: { action: 'shared', recipientAgencyId: p.schoolId, purposeDetail: 'School safety plan', informationShared: 'Contact details', reasons: 'Risk' },
      context: { sourceDisclosureId: sent.disclosureId },
    }),
  );
  return { p, sent, item: atCouncil.items[0]!, onwardDecisionId: onwardDecision.decisionId };
}

describe(`corrections travel onward (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('Southampton 2010 s.9: after a correction is acknowledged, the onward send offers and delivers the corrected value, stamped for every holder', async () => {
    const { p, sent, item, onwardDecisionId } = await policeToCouncil();
    const reported = must(await reportInaccuracy(t.deps, p.frontDoor.actor, sent.disclosureId, { itemId: item.id, description: 'The number is out of date' }));
    t.clock.now = new Date('2026-11-20T11:30:00Z');
    must(await decideCorrection(t.deps, p.officer.actor, reported.correctionId, { decision: 'correct', correctedValue: RIGHT }));
    must(await acknowledgeCorrection(t.deps, p.frontDoor.actor, sent.disclosureId, reported.correctionId));

    // The council now reads the corrected value, stamped.
    const atCouncil = must(await openDisclosure(t.deps, p.frontDoor.actor, sent.disclosureId));
    assert.equal(atCouncil.items[0]!.value, RIGHT);
    assert.deepEqual(atCouncil.items[0]!.corrected, { at: new Date('2026-11-20T11:30:00Z'), byName: atCouncil.items[0]!.corrected?.byName, agencyName: 'Police' });
    assert.ok(atCouncil.items[0]!.corrected?.byName, 'names who corrected it');

    // The onward send offers the corrected value …
    const form = must(await prepareDisclosure(t.deps, p.frontDoor.actor, onwardDecisionId));
    assert.equal(form.source?.items[0]?.value, RIGHT, 'offered in its corrected form');
    assert.equal(form.source?.items[0]?.corrected?.agencyName, 'Police');

    // … and delivers it: the school never receives the old number.
    const onward = must(await sendDisclosure(t.deps, p.frontDoor.actor, { decisionId: onwardDecisionId, sourceItemIds: [item.id] }));
    const atSchool = must(await openDisclosure(t.deps, p.schoolLead.actor, onward.disclosureId));
    assert.equal(atSchool.items[0]!.value, RIGHT);
    assert.equal(atSchool.items[0]!.corrected?.agencyName, 'Police', '"corrected on … by …" reaches the onward holder');
    const sentAudit = await t.deps.db.selectFrom('disclosure').select('payload').where('id', '=', onward.disclosureId).executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(sentAudit).includes('900001'), 'the old value is not in what was sent (and nothing is in clear)');
  });

  it('Southampton 2010 s.9: a correction made after onward sharing reaches every onward holder, who reads the corrected value', async () => {
    const { p, sent, item, onwardDecisionId } = await policeToCouncil();
    const onward = must(await sendDisclosure(t.deps, p.frontDoor.actor, { decisionId: onwardDecisionId, sourceItemIds: [item.id] }));
    assert.equal(must(await openDisclosure(t.deps, p.schoolLead.actor, onward.disclosureId)).items[0]!.value, WRONG);
    const reported = must(await reportInaccuracy(t.deps, p.frontDoor.actor, sent.disclosureId, { itemId: item.id, description: 'Out of date' }));
    const decided = must(await decideCorrection(t.deps, p.officer.actor, reported.correctionId, { decision: 'correct', correctedValue: RIGHT }));
    assert.equal(decided.deliveredTo, 2, 'the council and the school');
    const atSchool = must(await openDisclosure(t.deps, p.schoolLead.actor, onward.disclosureId));
    assert.equal(atSchool.items[0]!.value, RIGHT);
    assert.equal(atSchool.items[0]!.corrections[0]?.correctedValue, RIGHT);
    assert.equal(atSchool.items[0]!.corrections[0]?.acknowledgedAt, null, 'the school acknowledges it too');
    // The sender side sees the current version too.
    assert.equal(must(await openDisclosure(t.deps, p.officer.actor, sent.disclosureId)).items[0]!.value, RIGHT);
  });
});
