// Onward agreement item by item (Southampton 2010 s.10–11 "must ensure ... they are not breaching an
// existing agreement with the data/information source provider" and s.18 item 13; Derby 2015 s.5
// para. 7): the originator agrees or refuses each of its items, a reason for each refusal; the
// recipient passes on only agreed items; the originator is never an onward recipient. And the
// send form's draft: saved only by the person who sends under the decision, sealed, and discarded
// once sent.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { recordDecision } from '../../../src/use-cases/decisions/record-decision.ts';
import { listOnwardRecipients } from '../../../src/use-cases/disclosures/list-onward-recipients.ts';
import { openDisclosure } from '../../../src/use-cases/disclosures/open-disclosure.ts';
import { prepareDisclosure } from '../../../src/use-cases/disclosures/prepare-disclosure.ts';
import { saveDisclosureDraft } from '../../../src/use-cases/disclosures/save-disclosure-draft.ts';
import { sendDisclosure } from '../../../src/use-cases/disclosures/send-disclosure.ts';
import { answerOnwardAgreement } from '../../../src/use-cases/onward-agreements/answer-onward-agreement.ts';
import { requestOnwardAgreement } from '../../../src/use-cases/onward-agreements/request-onward-agreement.ts';
import { viewOnwardAgreement } from '../../../src/use-cases/onward-agreements/view-onward-agreement.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { auditOf } from '../../support/factories.ts';
import { must, shareAnswers, sharingPartnership } from '../../support/sharing.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

const CONTACT = 'minimum|who is working with the child and how to contact them';
const record = (recipientAgencyId: string) => ({ action: 'shared', recipientAgencyId, purposeDetail: 'Safety planning', informationShared: 'Contacts and notes', reasons: 'Risk' });

/** The police send the council two items; the council opens them and asks to pass them to the school. */
async function askedOnward() {
  const p = await sharingPartnership(t.deps);
  t.clock.now = new Date('2026-11-20T10:00:00Z');
  await t.deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
  const toCouncil = must(await recordDecision(t.deps, p.officer.actor, p.childId, { answers: shareAnswers, record: record(p.councilId) }));
  const [level, label] = CONTACT.split('|') as [string, string];
  const sent = must(
    await sendDisclosure(t.deps, p.officer.actor, {
      decisionId: toCouncil.decisionId,
      items: [
        { level, label, value: 'PC Penny, 07700 900111', kind: 'fact' },
        { level: 'detailed', label: 'case notes, assessments and plans', value: 'Officers felt the mother was frightened', kind: 'opinion' },
      ],
    }),
  );
  const atCouncil = must(await openDisclosure(t.deps, p.frontDoor.actor, sent.disclosureId));
  const asked = must(await requestOnwardAgreement(t.deps, p.frontDoor.actor, sent.disclosureId, { toAgencyId: p.schoolId, purpose: 'The school plans her safety' }));
  return { p, sent, items: atCouncil.items, agreementId: asked.agreementIds[0]! };
}

describe(`onward agreement item by item (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('the originator agrees one item and refuses the other with its reason; only the agreed item can be passed on', async () => {
    const { p, sent, items, agreementId } = await askedOnward();
    const [contact, notes] = items as [(typeof items)[number], (typeof items)[number]];
    const view = must(await viewOnwardAgreement(t.deps, p.officer.actor, agreementId));
    assert.deepEqual(
      view.items.map((i) => [i.id, i.agreed]),
      [
        [contact.id, null],
        [notes.id, null],
      ],
    );

    // Every item answered, each refusal with its reason: nothing is written until it is.
    const noReason = await answerOnwardAgreement(t.deps, p.officer.actor, agreementId, {
      items: [
        { itemId: contact.id, answer: 'agree' },
        { itemId: notes.id, answer: 'refuse', reason: ' ' },
      ],
    });
    assert.equal(noReason.kind, 'invalid');
    assert.deepEqual(noReason.kind === 'invalid' && noReason.errors.map((e) => e.path), [`items.${notes.id}.reason`]);
    const missing = await answerOnwardAgreement(t.deps, p.officer.actor, agreementId, { items: [{ itemId: contact.id, answer: 'agree' }] });
    assert.deepEqual(missing.kind === 'invalid' && missing.errors.map((e) => e.path), [`items.${notes.id}.answer`]);
    assert.equal((await t.deps.db.selectFrom('onward_agreement_item').select('item_id').where('agreement_id', '=', agreementId).execute()).length, 0);

    const answered = must(
      await answerOnwardAgreement(t.deps, p.officer.actor, agreementId, {
        items: [
          { itemId: contact.id, answer: 'agree' },
          { itemId: notes.id, answer: 'refuse', reason: 'Opinion shared for the strategy meeting only' },
        ],
      }),
    );
    assert.deepEqual(answered, { status: 'partly_agreed', agreed: 1, refused: 1 });
    const event = (await auditOf(t.deps, p.partnershipId)).find((e) => e.action === 'onward-agreement.answered');
    assert.deepEqual(event?.details, { answer: 'partly_agreed', disclosureId: sent.disclosureId, toAgencyId: p.schoolId, agreedItemIds: [contact.id], refusedItemIds: [notes.id] });
    assert.equal((await answerOnwardAgreement(t.deps, p.officer.actor, agreementId, { answer: 'agree' })).kind, 'conflict', 'answered once');
    const after = must(await viewOnwardAgreement(t.deps, p.officer.actor, agreementId));
    assert.deepEqual(
      after.items.map((i) => [i.agreed, i.reason]),
      [
        [true, null],
        [false, 'Opinion shared for the strategy meeting only'],
      ],
    );

    // The council sees the answer per item, and may decide to pass on to the school.
    const atCouncil = must(await openDisclosure(t.deps, p.frontDoor.actor, sent.disclosureId));
    assert.deepEqual(
      atCouncil.agreements[0]?.items.map((i) => [i.itemId, i.agreed, i.reason]),
      [
        [contact.id, true, null],
        [notes.id, false, 'Opinion shared for the strategy meeting only'],
      ],
    );
    assert.deepEqual(must(await listOnwardRecipients(t.deps, p.frontDoor.actor, sent.disclosureId)).agencies, [{ id: p.schoolId, name: 'School' }]);
    const onward = must(await recordDecision(t.deps, p.frontDoor.actor, p.childId, { answers: shareAnswers, record: record(p.schoolId), context: { sourceDisclosureId: sent.disclosureId } }));
    const form = must(await prepareDisclosure(t.deps, p.frontDoor.actor, onward.decisionId));
    assert.deepEqual(
      form.source?.items.map((i) => [i.id, i.blocked]),
      [
        [contact.id, null],
        [notes.id, 'Police refused to let this item go to School: Opinion shared for the strategy meeting only'],
      ],
    );
    const both = await sendDisclosure(t.deps, p.frontDoor.actor, { decisionId: onward.decisionId, sourceItemIds: [contact.id, notes.id] });
    assert.equal(both.kind, 'invalid');
    assert.match(JSON.stringify(both), /Police has not agreed to this item being shared with School/);
    const passed = must(await sendDisclosure(t.deps, p.frontDoor.actor, { decisionId: onward.decisionId, sourceItemIds: [contact.id] }));
    const row = await t.deps.db.selectFrom('disclosure').select('onward_agreement_ids').where('id', '=', passed.disclosureId).executeTakeFirstOrThrow();
    assert.deepEqual(row.onward_agreement_ids, [agreementId], 'the agreement that allowed the item is cited');
  });

  it('a refused item can be asked for again, alone; the originator is never an onward recipient', async () => {
    const { p, sent, items, agreementId } = await askedOnward();
    const [contact, notes] = items as [(typeof items)[number], (typeof items)[number]];
    must(
      await answerOnwardAgreement(t.deps, p.officer.actor, agreementId, {
        items: [
          { itemId: contact.id, answer: 'agree' },
          { itemId: notes.id, answer: 'refuse', reason: 'Not before the strategy meeting' },
        ],
      }),
    );
    const again = must(await requestOnwardAgreement(t.deps, p.frontDoor.actor, sent.disclosureId, { toAgencyId: p.schoolId, purpose: 'After the strategy meeting' }));
    const view = must(await viewOnwardAgreement(t.deps, p.officer.actor, again.agreementIds[0]!));
    assert.deepEqual(
      view.items.map((i) => i.id),
      [notes.id],
      'only the item not yet agreed',
    );
    assert.deepEqual(must(await answerOnwardAgreement(t.deps, p.policeLead.actor, again.agreementIds[0]!, { answer: 'agree' })), { status: 'agreed', agreed: 1, refused: 0 });
    assert.equal((await requestOnwardAgreement(t.deps, p.frontDoor.actor, sent.disclosureId, { toAgencyId: p.schoolId, purpose: 'Once more' })).kind, 'conflict', 'everything is agreed');

    // The police sent it and originated its items: refused as a recipient, at every step.
    const toPolice = await requestOnwardAgreement(t.deps, p.frontDoor.actor, sent.disclosureId, { toAgencyId: p.policeId, purpose: 'Back to the police' });
    assert.equal(toPolice.kind, 'invalid');
    assert.deepEqual(toPolice.kind === 'invalid' && toPolice.errors.map((e) => e.path), ['toAgencyId']);
    const decision = await recordDecision(t.deps, p.frontDoor.actor, p.childId, { answers: shareAnswers, record: record(p.policeId), context: { sourceDisclosureId: sent.disclosureId } });
    assert.equal(decision.kind, 'invalid');
    assert.ok(decision.kind === 'invalid' && decision.errors.some((e) => e.path === 'record.recipientAgencyId' && /did not come from/.test(e.message)));
    assert.ok(!must(await listOnwardRecipients(t.deps, p.frontDoor.actor, sent.disclosureId)).agencies.some((a) => a.id === p.policeId));
  });

  it('the send form’s draft: saved by the decider only, sealed, offered back, and discarded once sent', async () => {
    const p = await sharingPartnership(t.deps);
    await t.deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
    const decided = must(await recordDecision(t.deps, p.officer.actor, p.childId, { answers: shareAnswers, record: record(p.councilId) }));
    const draft = {
      rows: [
        { choice: CONTACT, value: 'PC Penny, 07700 900111', kind: 'fact' },
        { choice: '', value: '', kind: '' },
      ],
      scope: '',
      sourceItemIds: [],
      freeText: '',
    };
    assert.equal((await saveDisclosureDraft(t.deps, p.otherOfficer.actor, decided.decisionId, draft)).kind, 'not_found');
    assert.equal((await saveDisclosureDraft(t.deps, p.nurse.actor, decided.decisionId, draft)).kind, 'not_found');
    must(await saveDisclosureDraft(t.deps, p.officer.actor, decided.decisionId, draft));
    const stored = await t.deps.db.selectFrom('disclosure_draft').select('sealed').where('decision_id', '=', decided.decisionId).executeTakeFirstOrThrow();
    assert.doesNotMatch(JSON.stringify(stored.sealed), /07700/);
    const form = must(await prepareDisclosure(t.deps, p.officer.actor, decided.decisionId));
    assert.deepEqual(form.draft, draft);
    assert.equal(form.recorded.informationShared, 'Contacts and notes');
    assert.equal(form.recorded.levelTitle, 'Detailed or sensitive information');
    const actions = (await auditOf(t.deps, p.partnershipId)).filter((e) => e.action === 'disclosure.draft-saved');
    assert.deepEqual(
      actions.map((e) => e.outcome),
      ['denied', 'denied', 'ok'],
    );
    assert.doesNotMatch(JSON.stringify(actions), /07700/, 'no content in the audit log');

    const [level, label] = CONTACT.split('|') as [string, string];
    must(await sendDisclosure(t.deps, p.officer.actor, { decisionId: decided.decisionId, items: [{ level, label, value: 'PC Penny, 07700 900111', kind: 'fact' }] }));
    assert.equal((await t.deps.db.selectFrom('disclosure_draft').select('decision_id').where('decision_id', '=', decided.decisionId).execute()).length, 0);
    assert.equal((await saveDisclosureDraft(t.deps, p.officer.actor, decided.decisionId, draft)).kind, 'conflict', 'nothing more goes under it');
  });
});
