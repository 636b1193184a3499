// Asking an agency for information, or asking to pass information on to it, puts a child's details
// in its hands, so the agreement's standing rule (src/domain/agreements.ts partyStanding, ADR 0021)
// applies there as it does to sending: an agency that has not signed, whose signature lapsed or whose
// re-affirmation is overdue is refused, with the same words the sender sees.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { standingRefusal } from '../../../src/domain/agreements.ts';
import { recordDecision } from '../../../src/use-cases/decisions/record-decision.ts';
import { openDisclosure } from '../../../src/use-cases/disclosures/open-disclosure.ts';
import { sendDisclosure } from '../../../src/use-cases/disclosures/send-disclosure.ts';
import { requestOnwardAgreement } from '../../../src/use-cases/onward-agreements/request-onward-agreement.ts';
import { makeRequest } from '../../../src/use-cases/requests/make-request.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { makeAgency, makeStaff } from '../../support/factories.ts';
import { must, requestInput, shareAnswers, sharingPartnership } from '../../support/sharing.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

const messageOf = (o: { kind: string }) => (o.kind === 'invalid' ? (o as unknown as { errors: { path: string; message: string }[] }).errors : []);

describe('requests and onward requests check the recipient’s standing', () => {
  it('refuses a request to an agency that has not signed, and to one whose signature lapsed', async () => {
    t.clock.now = new Date('2026-11-20T10:00:00Z');
    const p = await sharingPartnership(t.deps);
    const unsignedId = await makeAgency(t.deps, p.partnershipId, 'Unsigned charity', 'voluntary', { signed: false });
    const refused = await makeRequest(t.deps, p.social.actor, p.childId, requestInput(unsignedId));
    assert.deepEqual(messageOf(refused), [{ path: 'toAgencyId', message: standingRefusal.not_signed }]);

    must(await makeRequest(t.deps, p.social.actor, p.childId, requestInput(p.policeId)));
    await t.deps.db
      .updateTable('agreement_signature')
      .set({ lapsed_on: '2026-11-01', lapse_reason: 'Signatory left' })
      .where('partnership_id', '=', p.partnershipId)
      .where('agency_id', '=', p.policeId)
      .execute();
    const lapsed = await makeRequest(t.deps, p.social.actor, p.childId, requestInput(p.policeId));
    assert.deepEqual(messageOf(lapsed), [{ path: 'toAgencyId', message: standingRefusal.lapsed }]);
  });

  it('refuses to ask for onward sharing to an agency that has not signed', async () => {
    t.clock.now = new Date('2026-11-20T10:00:00Z');
    const p = await sharingPartnership(t.deps);
    await t.deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
    const decision = must(
      await recordDecision(t.deps, p.officer.actor, p.childId, {
        answers: shareAnswers,
        record: { action: 'shared', recipientAgencyId: p.councilId, purposeDetail: 'Safety planning', informationShared: 'Contact details', reasons: 'Risk' },
      }),
    );
    const sent = must(
      await sendDisclosure(t.deps, p.officer.actor, {
        decisionId: decision.decisionId,
        items: [{ level: 'minimum', label: 'who is working with the child and how to contact them', value: 'Police team', kind: 'fact' }],
      }),
    );
    must(await openDisclosure(t.deps, p.frontDoor.actor, sent.disclosureId));
    const unsignedId = await makeAgency(t.deps, p.partnershipId, 'Unsigned club', 'voluntary', { signed: false });
    await makeStaff(t.deps, p.partnershipId, unsignedId, ['spoc']);
    const refused = await requestOnwardAgreement(t.deps, p.frontDoor.actor, sent.disclosureId, { toAgencyId: unsignedId, purpose: 'The club runs the child’s activities' });
    assert.deepEqual(messageOf(refused), [{ path: 'toAgencyId', message: standingRefusal.not_signed }]);
    must(await requestOnwardAgreement(t.deps, p.frontDoor.actor, sent.disclosureId, { toAgencyId: p.schoolId, purpose: 'The school needs to plan' }));
  });
});
