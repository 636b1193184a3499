// Requests and disclosures across agencies, on a real database: request → triage → allocate →
// decide → share → open (read receipt) → onward sharing refused, then agreed → correction reaches
// every recipient, each acknowledges. Every step is audited; people outside get "not found".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { acknowledgeCorrection } from '../../../src/use-cases/corrections/acknowledge-correction.ts';
import { decideCorrection } from '../../../src/use-cases/corrections/decide-correction.ts';
import { reportInaccuracy } from '../../../src/use-cases/corrections/report-inaccuracy.ts';
import { viewCorrection } from '../../../src/use-cases/corrections/view-correction.ts';
import { recordDecision } from '../../../src/use-cases/decisions/record-decision.ts';
import { downloadAttachment } from '../../../src/use-cases/disclosures/download-attachment.ts';
import { expireDisclosures } from '../../../src/use-cases/disclosures/expire-disclosures.ts';
import { listDisclosures } from '../../../src/use-cases/disclosures/list-disclosures.ts';
import { openDisclosure } from '../../../src/use-cases/disclosures/open-disclosure.ts';
import { revokeDisclosure } from '../../../src/use-cases/disclosures/revoke-disclosure.ts';
import { sendDisclosure } from '../../../src/use-cases/disclosures/send-disclosure.ts';
import { answerOnwardAgreement } from '../../../src/use-cases/onward-agreements/answer-onward-agreement.ts';
import { requestOnwardAgreement } from '../../../src/use-cases/onward-agreements/request-onward-agreement.ts';
import { allocateRequest } from '../../../src/use-cases/requests/allocate-request.ts';
import { askForMoreInformation } from '../../../src/use-cases/requests/ask-for-more-information.ts';
import { declineRequest } from '../../../src/use-cases/requests/decline-request.ts';
import { escalateOverdueRequests } from '../../../src/use-cases/requests/escalate-overdue-requests.ts';
import { listRequests } from '../../../src/use-cases/requests/list-requests.ts';
import { makeRequest } from '../../../src/use-cases/requests/make-request.ts';
import { provideMoreInformation } from '../../../src/use-cases/requests/provide-more-information.ts';
import { triageRequest } from '../../../src/use-cases/requests/triage-request.ts';
import { viewRequest } from '../../../src/use-cases/requests/view-request.ts';
import { withdrawRequest } from '../../../src/use-cases/requests/withdraw-request.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { auditOf } from '../../support/factories.ts';
import { must, requestInput, shareAnswers, sharingPartnership } from '../../support/sharing.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

const label = 'case notes, assessments and plans';

describe(`requests and disclosures (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('runs the whole journey across agencies, audited at every step', async () => {
    const p = await sharingPartnership(t.deps);
    t.clock.now = new Date('2026-11-20T10:00:00Z'); // a Friday

    // 1. The social worker asks the police; due one working day later (national baseline, urgent).
    const made = must(await makeRequest(t.deps, p.social.actor, p.childId, requestInput(p.policeId)));
    assert.equal(made.dueAt.toISOString(), '2026-11-23T23:59:59.999Z', 'end of Monday, Europe/London');
    const id = made.requestId;
    const notes = await t.deps.db.selectFrom('notification').selectAll().where('partnership_id', '=', p.partnershipId).execute();
    assert.deepEqual(
      notes.map((n) => [n.user_id, n.kind, n.link]),
      [[p.policeSpoc.id, 'request.received', `/requests/${id}`]],
    );
    const mails = await t.deps.db.selectFrom('email_outbox').selectAll().where('partnership_id', '=', p.partnershipId).execute();
    assert.equal(mails.length, 1);
    assert.ok(!/Call-outs|Strategy|Ann|Example/i.test(mails[0]!.subject + mails[0]!.body), 'no personal data in the e-mail');

    // Others cannot see it: 404 for the police officer not allocated and for health.
    assert.equal((await viewRequest(t.deps, p.officer.actor, id)).kind, 'not_found');
    assert.equal((await viewRequest(t.deps, p.nurse.actor, id)).kind, 'not_found');

    // 2. Triage: accepting needs every scrutiny check; then allocation.
    const partial = await triageRequest(t.deps, p.policeSpoc.actor, id, { outcome: 'accept', checks: ['purpose'] });
    assert.equal(partial.kind, 'invalid');
    assert.equal(must(await triageRequest(t.deps, p.policeSpoc.actor, id, { outcome: 'accept', checks: ['purpose', 'necessary', 'consent'] })).status, 'accepted');
    assert.equal((await allocateRequest(t.deps, p.policeSpoc.actor, id, { allocateTo: p.nurse.id })).kind, 'invalid', 'only someone in the agency');
    assert.equal(must(await allocateRequest(t.deps, p.policeSpoc.actor, id, { allocateTo: p.officer.id })).status, 'allocated');

    // 3. The officer asks for more; the requester answers.
    must(await askForMoreInformation(t.deps, p.officer.actor, id, { note: 'Which address — the mother’s or the father’s?' }));
    assert.equal((await askForMoreInformation(t.deps, p.officer.actor, id, { note: 'again' })).kind, 'conflict');
    must(await provideMoreInformation(t.deps, p.social.actor, id, { note: 'The mother’s address' }));
    const seen = must(await viewRequest(t.deps, p.officer.actor, id));
    assert.equal(seen.status, 'allocated');
    assert.deepEqual(
      seen.events.map((e) => e.kind),
      ['submitted', 'accept', 'allocate', 'ask_more', 'provide_more'],
    );
    assert.equal(seen.events.find((e) => e.kind === 'provide_more')?.note, 'The mother’s address');
    assert.ok(seen.can.respond);

    // 4. The officer decides (the decision is about this request, so it must name the council).
    const wrong = await recordDecision(t.deps, p.officer.actor, p.childId, {
      answers: shareAnswers,
      record: { action: 'shared', recipientAgencyId: p.schoolId, purposeDetail: 'Strategy discussion', informationShared: 'Call-outs', reasons: 'Risk' },
      context: { requestId: id },
    });
    assert.equal(wrong.kind, 'invalid');
    const decision = must(
      await recordDecision(t.deps, p.officer.actor, p.childId, {
        answers: shareAnswers,
        record: { action: 'shared', recipientAgencyId: p.councilId, purposeDetail: 'Strategy discussion', informationShared: 'Call-outs', reasons: 'Asking would increase risk' },
        context: { requestId: id },
      }),
    );

    // 5. Share part of what was asked, with an attachment.
    const noScope = await sendDisclosure(t.deps, p.officer.actor, { decisionId: decision.decisionId, items: [{ level: 'detailed', label, value: 'x', kind: 'fact' }] });
    assert.equal(noScope.kind, 'invalid');
    const sent = must(
      await sendDisclosure(
        t.deps,
        p.officer.actor,
        {
          decisionId: decision.decisionId,
          scope: 'share_part',
          items: [
            { level: 'detailed', label, value: 'Two call-outs for domestic abuse, 3 March and 9 August 2026', kind: 'fact' },
            { level: 'detailed', label, value: 'Officers felt the mother was frightened', kind: 'opinion' },
          ],
          freeText: 'Older records are being checked.',
        },
        [{ filename: 'log.txt', contentType: 'text/plain', content: Buffer.from('incident log 2026-03-03') }],
      ),
    );
    const stored = await t.deps.db.selectFrom('disclosure').selectAll().where('id', '=', sent.disclosureId).executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(stored).includes('call-outs'), 'the payload is encrypted at rest');
    assert.equal(stored.key_id, 'test');
    const att = await t.deps.db.selectFrom('disclosure_attachment').selectAll().where('disclosure_id', '=', sent.disclosureId).executeTakeFirstOrThrow();
    assert.ok(!att.content.includes(Buffer.from('incident log')), 'attachments are encrypted at rest');
    assert.equal(must(await viewRequest(t.deps, p.social.actor, id)).status, 'answered');

    // The disclosure cannot be sent twice under one decision, nor opened by the unnamed officer or health.
    assert.equal((await sendDisclosure(t.deps, p.officer.actor, { decisionId: decision.decisionId, scope: 'share_all', freeText: 'again' })).kind, 'conflict');
    assert.equal((await openDisclosure(t.deps, p.nurse.actor, sent.disclosureId)).kind, 'not_found');
    assert.equal((await openDisclosure(t.deps, p.frontDoor.actor, 'not-a-uuid')).kind, 'not_found');

    // 6. The social worker opens it: read receipt for the sender; the attachment downloads.
    const opened = must(await openDisclosure(t.deps, p.social.actor, sent.disclosureId));
    assert.equal(opened.side, 'recipient');
    assert.equal(opened.items.length, 2);
    assert.deepEqual(
      opened.items.map((i) => [i.kind, i.originator.agencyName]),
      [
        ['fact', 'Police'],
        ['opinion', 'Police'],
      ],
    );
    assert.equal(opened.freeText, 'Older records are being checked.');
    const file = must(await downloadAttachment(t.deps, p.social.actor, sent.disclosureId, opened.attachments[0]!.id));
    assert.equal(file.content.toString(), 'incident log 2026-03-03');
    const senderView = must(await openDisclosure(t.deps, p.officer.actor, sent.disclosureId));
    assert.equal(senderView.side, 'sender');
    assert.equal(senderView.openings.length, 1);
    assert.equal(senderView.status, 'opened');
    assert.equal((await revokeDisclosure(t.deps, p.officer.actor, sent.disclosureId)).kind, 'conflict', 'opened information cannot be recalled');

    // 7. Onward to the school: blocked without the police's agreement; refused; then agreed.
    const onwardAnswers = { ...shareAnswers };
    const onwardRecord = { action: 'shared', recipientAgencyId: p.schoolId, purposeDetail: 'School safety plan', informationShared: 'Police call-outs', reasons: 'Risk' };
    const blocked = await recordDecision(t.deps, p.social.actor, p.childId, { answers: onwardAnswers, record: onwardRecord, context: { sourceDisclosureId: sent.disclosureId } });
    assert.equal(blocked.kind, 'invalid');
    assert.match(JSON.stringify(blocked), /Police has not agreed/);
    const asked = must(await requestOnwardAgreement(t.deps, p.social.actor, sent.disclosureId, { toAgencyId: p.schoolId, purpose: 'The school needs to plan for her safety' }));
    assert.equal(asked.agreementIds.length, 1);
    assert.equal((await answerOnwardAgreement(t.deps, p.otherOfficer.actor, asked.agreementIds[0]!, { answer: 'agree' })).kind, 'not_found', 'only the originator or the agency’s leads answer');
    assert.equal((await answerOnwardAgreement(t.deps, p.officer.actor, asked.agreementIds[0]!, { answer: 'refuse' })).kind, 'invalid', 'a refusal gives reasons');
    must(await answerOnwardAgreement(t.deps, p.officer.actor, asked.agreementIds[0]!, { answer: 'refuse', reasons: 'Investigation ongoing: not before the strategy meeting' }));
    assert.equal((await recordDecision(t.deps, p.social.actor, p.childId, { answers: onwardAnswers, record: onwardRecord, context: { sourceDisclosureId: sent.disclosureId } })).kind, 'invalid');
    const again = must(await requestOnwardAgreement(t.deps, p.social.actor, sent.disclosureId, { toAgencyId: p.schoolId, purpose: 'After the strategy meeting: safety plan' }));
    must(await answerOnwardAgreement(t.deps, p.policeLead.actor, again.agreementIds[0]!, { answer: 'agree' }));
    const onwardDecision = must(await recordDecision(t.deps, p.social.actor, p.childId, { answers: onwardAnswers, record: onwardRecord, context: { sourceDisclosureId: sent.disclosureId } }));
    const cited = await t.deps.db.selectFrom('decision').select(['onward_agreement_ids', 'source_disclosure_id']).where('id', '=', onwardDecision.decisionId).executeTakeFirstOrThrow();
    assert.deepEqual(cited.onward_agreement_ids, again.agreementIds, 'the onward decision cites the agreement');
    const onward = must(
      await sendDisclosure(t.deps, p.social.actor, {
        decisionId: onwardDecision.decisionId,
        sourceItemIds: [opened.items[0]!.id],
        items: [{ level: 'minimum', label: 'who is working with the child and how to contact them', value: 'Sam, social worker', kind: 'fact' }],
      }),
    );
    const atSchool = must(await openDisclosure(t.deps, p.schoolLead.actor, onward.disclosureId));
    assert.deepEqual(
      atSchool.items.map((i) => i.originator.agencyName),
      ['Police', 'Council'],
      'each item keeps its originator',
    );
    assert.equal(atSchool.items[0]!.originItemId, opened.items[0]!.originItemId);

    // 8. The school reports an inaccuracy; the police correct it; it reaches the council and the school.
    assert.equal((await reportInaccuracy(t.deps, p.schoolLead.actor, onward.disclosureId, { itemId: atSchool.items[0]!.id, description: ' ' })).kind, 'invalid', 'say what is inaccurate');
    assert.equal((await reportInaccuracy(t.deps, p.nurse.actor, onward.disclosureId, { itemId: atSchool.items[0]!.id, description: 'Wrong' })).kind, 'not_found');
    const reported = must(await reportInaccuracy(t.deps, p.schoolLead.actor, onward.disclosureId, { itemId: atSchool.items[0]!.id, description: 'The second call-out was 9 July, not 9 August' }));
    const toDecide = must(await viewCorrection(t.deps, p.officer.actor, reported.correctionId));
    assert.equal(toDecide.originalValue, 'Two call-outs for domestic abuse, 3 March and 9 August 2026');
    assert.ok(toDecide.canDecide);
    assert.equal((await decideCorrection(t.deps, p.social.actor, reported.correctionId, { decision: 'correct', correctedValue: 'x' })).kind, 'not_found', 'only the originator decides');
    const corrected = must(
      await decideCorrection(t.deps, p.officer.actor, reported.correctionId, {
        decision: 'correct',
        correctedValue: 'Two call-outs for domestic abuse, 3 March and 9 July 2026',
        note: 'Checked against the incident log',
      }),
    );
    assert.equal(corrected.deliveredTo, 2, 'the council (direct) and the school (onward)');
    for (const [who, disclosureId] of [
      [p.social, sent.disclosureId],
      [p.schoolLead, onward.disclosureId],
    ] as const) {
      const view = must(await openDisclosure(t.deps, who.actor, disclosureId));
      const c = view.items[0]!.corrections[0]!;
      assert.equal(c.correctedValue, 'Two call-outs for domestic abuse, 3 March and 9 July 2026');
      const waiting = await listDisclosures(t.deps, who.actor);
      assert.ok(waiting.waiting.some((w) => w.kind === 'acknowledgement'));
      must(await acknowledgeCorrection(t.deps, who.actor, disclosureId, c.id));
      assert.equal((await acknowledgeCorrection(t.deps, who.actor, disclosureId, c.id)).kind, 'conflict');
    }
    const done = must(await viewCorrection(t.deps, p.officer.actor, reported.correctionId));
    assert.deepEqual(
      done.deliveries.map((d) => [d.agencyName, d.acknowledgedAt !== null]),
      [
        ['Council', true],
        ['School', true],
      ],
    );

    // Every step is in the audit log, and no payload text is.
    const audit = await auditOf(t.deps, p.partnershipId);
    const actions = new Set(audit.map((e) => e.action));
    for (const a of [
      'request.created',
      'request.accepted',
      'request.allocated',
      'request.more-info-asked',
      'request.more-info-given',
      'decision.recorded',
      'disclosure.sent',
      'request.answered',
      'disclosure.opened',
      'disclosure.viewed',
      'disclosure.attachment-downloaded',
      'onward-agreement.requested',
      'onward-agreement.answered',
      'correction.reported',
      'correction.decided',
      'correction.acknowledged',
    ]) {
      assert.ok(actions.has(a), `audited: ${a}`);
    }
    assert.ok(!JSON.stringify(audit).includes('call-outs'), 'no payload in the audit log');
    assert.ok(
      audit.some((e) => e.action === 'request.viewed' && e.outcome === 'denied' && e.actor_user_id === p.nurse.id),
      'the refused view is audited',
    );
  });

  it('declines with reasons the requester sees, and refuses agencies that are not current parties', async () => {
    const p = await sharingPartnership(t.deps);
    const { requestId } = must(await makeRequest(t.deps, p.social.actor, p.childId, requestInput(p.policeId, { urgency: 'routine' })));
    must(await triageRequest(t.deps, p.policeSpoc.actor, requestId, { outcome: 'accept', checks: ['purpose', 'necessary', 'consent'] }));
    must(await allocateRequest(t.deps, p.policeSpoc.actor, requestId, { allocateTo: p.officer.id }));
    assert.equal((await declineRequest(t.deps, p.officer.actor, requestId, { note: 'No' })).kind, 'invalid', 'a decision must be recorded first');
    const d = must(
      await recordDecision(t.deps, p.officer.actor, p.childId, {
        answers: shareAnswers,
        record: { action: 'not_shared', recipientAgencyId: p.councilId, purposeDetail: 'Request', reasons: 'Live investigation' },
        context: { requestId },
      }),
    );
    must(await declineRequest(t.deps, p.officer.actor, requestId, { decisionId: d.decisionId, note: 'A live criminal investigation would be prejudiced; we will share after charge.' }));
    const seen = must(await viewRequest(t.deps, p.social.actor, requestId));
    assert.equal(seen.status, 'declined');
    assert.equal(seen.events.at(-1)?.note, 'A live criminal investigation would be prejudiced; we will share after charge.');

    await t.deps.db.updateTable('agency').set({ active: false }).where('id', '=', p.healthId).execute();
    const refused = await makeRequest(t.deps, p.social.actor, p.childId, requestInput(p.healthId));
    assert.equal(refused.kind, 'invalid');
    assert.match(JSON.stringify(refused), /current party/);
    const proactive = must(
      await recordDecision(t.deps, p.social.actor, p.childId, {
        answers: shareAnswers,
        record: { action: 'shared', recipientAgencyId: p.schoolId, purposeDetail: 'Plan', informationShared: 'x', reasons: 'Risk' },
      }),
    );
    await t.deps.db.updateTable('agency').set({ active: false }).where('id', '=', p.schoolId).execute();
    const toFormer = await sendDisclosure(t.deps, p.social.actor, { decisionId: proactive.decisionId, freeText: 'Plan' });
    assert.equal(toFormer.kind, 'invalid');
    assert.match(JSON.stringify(toFormer), /not a current party/);
  });

  it('returns a request at triage, escalates overdue ones once per step, and withdraws', async () => {
    const p = await sharingPartnership(t.deps);
    t.clock.now = new Date('2026-11-20T10:00:00Z');
    const { requestId } = must(await makeRequest(t.deps, p.social.actor, p.childId, requestInput(p.policeId, { urgency: 'immediate' })));
    assert.equal((await triageRequest(t.deps, p.policeSpoc.actor, requestId, { outcome: 'return' })).kind, 'invalid', 'a return gives reasons');
    must(await triageRequest(t.deps, p.policeSpoc.actor, requestId, { outcome: 'return', note: 'Say which incidents you mean' }));
    must(await (await import('../../../src/use-cases/requests/resubmit-request.ts')).resubmitRequest(t.deps, p.social.actor, requestId, { note: 'Incidents since March' }));
    // Due 4 hours after it was made; at 14:30 it is overdue: first to the SPoC.
    t.clock.now = new Date('2026-11-20T14:30:00Z');
    assert.equal((await escalateOverdueRequests(t.deps)).escalated >= 1, true);
    assert.equal((await escalateOverdueRequests(t.deps)).escalated, 0, 'never twice for one step');
    // A working day after the due time: to the safeguarding lead.
    t.clock.now = new Date('2026-11-24T09:00:00Z');
    await escalateOverdueRequests(t.deps);
    const row = await t.deps.db.selectFrom('info_request').select(['escalation_level']).where('id', '=', requestId).executeTakeFirstOrThrow();
    assert.equal(row.escalation_level, 2);
    const overdue = await t.deps.db.selectFrom('notification').select(['user_id']).where('partnership_id', '=', p.partnershipId).where('kind', '=', 'request.overdue').execute();
    assert.deepEqual(new Set(overdue.map((n) => n.user_id)), new Set([p.policeSpoc.id, p.policeLead.id]));
    const queues = await listRequests(t.deps, p.policeSpoc.actor);
    assert.equal(queues.incoming.find((r) => r.id === requestId)?.overdue, true);
    must(await withdrawRequest(t.deps, p.social.actor, requestId, { note: 'No longer needed' }));
    assert.equal((await escalateOverdueRequests(t.deps)).escalated, 0);
  });

  it('revokes unopened information (shredding its key) and expires what is never opened', async () => {
    const p = await sharingPartnership(t.deps);
    t.clock.now = new Date('2026-11-20T10:00:00Z');
    const decide = async () =>
      must(
        await recordDecision(t.deps, p.social.actor, p.childId, {
          answers: shareAnswers,
          record: { action: 'shared', recipientAgencyId: p.schoolId, purposeDetail: 'Plan', informationShared: 'x', reasons: 'Risk' },
        }),
      );
    const first = must(await sendDisclosure(t.deps, p.social.actor, { decisionId: (await decide()).decisionId, freeText: 'First' }));
    must(await revokeDisclosure(t.deps, p.social.actor, first.disclosureId));
    const revoked = must(await openDisclosure(t.deps, p.schoolLead.actor, first.disclosureId));
    assert.deepEqual([revoked.available, revoked.status], [false, 'revoked']);
    const row = await t.deps.db.selectFrom('disclosure').select('wrapped_key').where('id', '=', first.disclosureId).executeTakeFirstOrThrow();
    assert.equal(row.wrapped_key, null, 'crypto-shredded');

    const second = must(await sendDisclosure(t.deps, p.social.actor, { decisionId: (await decide()).decisionId, freeText: 'Second' }));
    t.clock.now = new Date(second.expiresAt.getTime() + 1000);
    assert.equal((await openDisclosure(t.deps, p.schoolLead.actor, second.disclosureId)).kind === 'ok', true);
    assert.equal((await expireDisclosures(t.deps)).expired, 1);
    const expired = await t.deps.db.selectFrom('disclosure').select(['status', 'wrapped_key']).where('id', '=', second.disclosureId).executeTakeFirstOrThrow();
    assert.deepEqual(expired, { status: 'expired', wrapped_key: null });
    assert.equal((await expireDisclosures(t.deps)).expired, 0);
  });
});
