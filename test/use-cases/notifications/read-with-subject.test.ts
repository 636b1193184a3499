// Opening a notification's subject (the request, information, decision or breach it is about)
// marks it read, in the transaction of the audited read: only the reader's own notifications about
// that record, and nothing when the reader is refused (issue 15: "opening received information
// leaves its notification unread").
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { reportBreach } from '../../../src/use-cases/breaches/report-breach.ts';
import { viewBreach } from '../../../src/use-cases/breaches/view-breach.ts';
import { recordDecision } from '../../../src/use-cases/decisions/record-decision.ts';
import { viewDecision } from '../../../src/use-cases/decisions/view-decision.ts';
import { openDisclosure } from '../../../src/use-cases/disclosures/open-disclosure.ts';
import { sendDisclosure } from '../../../src/use-cases/disclosures/send-disclosure.ts';
import { notify } from '../../../src/use-cases/kernel/notify.ts';
import { makeRequest } from '../../../src/use-cases/requests/make-request.ts';
import { viewRequest } from '../../../src/use-cases/requests/view-request.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { makeStaff } from '../../support/factories.ts';
import { must, requestInput, shareAnswers, sharingPartnership } from '../../support/sharing.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

/** Whether each of `userIds` has read their notifications about `link` (undefined: has none). */
async function readState(partnershipId: string, link: string, userIds: string[]) {
  const rows = await t.deps.db.selectFrom('notification').select(['user_id', 'read_at']).where('partnership_id', '=', partnershipId).where('link', '=', link).execute();
  return userIds.map((id) => {
    const mine = rows.filter((r) => r.user_id === id);
    return mine.length === 0 ? undefined : mine.every((r) => r.read_at !== null);
  });
}

async function world() {
  const p = await sharingPartnership(t.deps);
  await t.deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
  return p;
}

describe(`notifications read with their subject (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('a request: its SPoC reads it and their notification is read; a refused reader changes nothing', async () => {
    const p = await world();
    const { requestId } = must(await makeRequest(t.deps, p.social.actor, p.childId, requestInput(p.policeId)));
    const link = `/requests/${requestId}`;
    const otherSpoc = await makeStaff(t.deps, p.partnershipId, p.policeId, ['spoc']);
    await t.deps.db.transaction().execute((trx) => notify(trx, t.deps.now(), p.partnershipId, 'request.received', link, { userIds: [otherSpoc.id, p.nurse.id] }));
    assert.deepEqual(await readState(p.partnershipId, link, [p.policeSpoc.id, otherSpoc.id, p.nurse.id]), [false, false, false]);

    assert.equal((await viewRequest(t.deps, p.nurse.actor, requestId)).kind, 'not_found');
    assert.deepEqual(await readState(p.partnershipId, link, [p.policeSpoc.id, otherSpoc.id, p.nurse.id]), [false, false, false], 'a refused read marks nothing');

    must(await viewRequest(t.deps, p.policeSpoc.actor, requestId));
    assert.deepEqual(await readState(p.partnershipId, link, [p.policeSpoc.id, otherSpoc.id, p.nurse.id]), [true, false, false], "only the reader's own");
  });

  it('information sent: the recipient opening it, and the sender viewing it, read their notifications about it', async () => {
    const p = await world();
    const decision = must(
      await recordDecision(t.deps, p.officer.actor, p.childId, {
        answers: shareAnswers,
        record: { action: 'shared', recipientAgencyId: p.councilId, purposeDetail: 'Safety planning', informationShared: 'Call-outs', reasons: 'Risk of harm' },
      }),
    );
    const sent = must(
      await sendDisclosure(t.deps, p.officer.actor, {
        decisionId: decision.decisionId,
        items: [{ level: 'minimum', label: 'who is working with the child and how to contact them', value: 'PC 999', kind: 'fact' }],
      }),
    );
    const link = `/disclosures/${sent.disclosureId}`;
    assert.deepEqual(await readState(p.partnershipId, link, [p.frontDoor.id]), [false]);

    must(await openDisclosure(t.deps, p.frontDoor.actor, sent.disclosureId));
    assert.deepEqual(await readState(p.partnershipId, link, [p.frontDoor.id, p.officer.id]), [true, false], "the opening is new to the sender: 'disclosure.opened' is unread");

    must(await openDisclosure(t.deps, p.officer.actor, sent.disclosureId));
    assert.deepEqual(await readState(p.partnershipId, link, [p.officer.id]), [true]);

    // A decision the notification is about: read when the decision page is opened.
    const decisionLink = `/decisions/${decision.decisionId}`;
    await t.deps.db.transaction().execute((trx) => notify(trx, t.deps.now(), p.partnershipId, 'decision.approval-answered', decisionLink, { userIds: [p.officer.id] }));
    assert.deepEqual(await readState(p.partnershipId, decisionLink, [p.officer.id]), [false]);
    must(await viewDecision(t.deps, p.officer.actor, decision.decisionId));
    assert.deepEqual(await readState(p.partnershipId, decisionLink, [p.officer.id]), [true]);
  });

  it('a breach: its IG lead reads the record and the notification about it is read', async () => {
    const p = await world();
    const ig = await makeStaff(t.deps, p.partnershipId, p.councilId, ['ig_lead']);
    const { breachId } = must(
      await reportBreach(t.deps, p.social.actor, { what: 'A note e-mailed to the wrong school', how: 'The school phoned', identifiedAt: t.clock.now.toISOString(), childIds: [p.childId] }),
    );
    const link = `/breaches/${breachId}`;
    assert.deepEqual(await readState(p.partnershipId, link, [ig.id]), [false]);
    must(await viewBreach(t.deps, ig.actor, breachId));
    assert.deepEqual(await readState(p.partnershipId, link, [ig.id]), [true]);
  });
});
