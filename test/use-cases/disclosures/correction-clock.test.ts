// The clock on a reported inaccuracy comes from the partnership's protocol (pack `accuracy`):
// Southampton 2010 s.9 makes the originator decide and correct (it is reminded) and the recipient
// advise the originator (it is told when no decision came); Haringey 2006 s.3.8(a) makes only the
// recipient's notice a duty; Wirral 2022 names neither, and no clock runs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addWorkingDays } from '../../../src/domain/clocks.ts';
import { CORRECTION_DECISION_WITHIN, correctionClock } from '../../../src/domain/disclosures.ts';
import { decideCorrection } from '../../../src/use-cases/corrections/decide-correction.ts';
import { remindUndecidedCorrections } from '../../../src/use-cases/corrections/remind-undecided-corrections.ts';
import { reportInaccuracy } from '../../../src/use-cases/corrections/report-inaccuracy.ts';
import { viewCorrection } from '../../../src/use-cases/corrections/view-correction.ts';
import { recordDecision } from '../../../src/use-cases/decisions/record-decision.ts';
import { openDisclosure } from '../../../src/use-cases/disclosures/open-disclosure.ts';
import { sendDisclosure } from '../../../src/use-cases/disclosures/send-disclosure.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { must, shareAnswers, sharingPartnership } from '../../support/sharing.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

// Friday 20 November 2026, 10:00 GMT: five working days later is Friday 27 November.
const REPORTED = new Date('2026-11-20T10:00:00Z');

/** The police send the council an item; the council reports it inaccurate under `pack`. */
async function reported(pack: string) {
  const p = await sharingPartnership(t.deps);
  t.clock.now = new Date('2026-11-20T09:00:00Z');
  await t.deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
  const decision = must(
    await recordDecision(t.deps, p.officer.actor, p.childId, {
      answers: shareAnswers,
      record: { action: 'shared', recipientAgencyId: p.councilId, purposeDetail: 'Safety planning', informationShared: 'Contact details', reasons: 'Asking would increase risk' },
    }),
  );
  const sent = must(
    await sendDisclosure(t.deps, p.officer.actor, {
      decisionId: decision.decisionId,
      items: [{ level: 'minimum', label: 'who is working with the child and how to contact them', value: 'Mother’s phone 07700 900001', kind: 'fact' }],
    }),
  );
  const opened = must(await openDisclosure(t.deps, p.frontDoor.actor, sent.disclosureId));
  await t.deps.db.updateTable('partnership').set({ pack }).where('id', '=', p.partnershipId).execute();
  t.clock.now = REPORTED;
  const { correctionId } = must(await reportInaccuracy(t.deps, p.frontDoor.actor, sent.disclosureId, { itemId: opened.items[0]!.id, description: 'The number is out of date' }));
  return { p, correctionId };
}

/** Who was sent which correction notification about it. */
async function noticesAbout(correctionId: string) {
  const rows = await t.deps.db
    .selectFrom('notification')
    .select(['user_id', 'kind'])
    .where('link', '=', `/corrections/${correctionId}`)
    .where('kind', 'in', ['correction.overdue', 'correction.unanswered'])
    .execute();
  return rows;
}

const remindedAbout = async (correctionId: string) =>
  (await t.deps.db.selectFrom('audit_event').select('action').where('subject_id', '=', correctionId).where('action', '=', 'correction.reminded').execute()).length;

describe(`the clock on a reported inaccuracy (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('each pack sets its own clock: both sides under Southampton, the reporter under Haringey, none under Wirral or the baseline', () => {
    const clockUnder = (ref: string) => correctionClock(t.deps.packs.get(ref)!, REPORTED);
    const due = addWorkingDays(REPORTED, CORRECTION_DECISION_WITHIN.amount);
    assert.deepEqual(clockUnder('southampton-2010@2010.4'), { dueAt: due, remindOriginator: true, tellReporter: true });
    assert.deepEqual(clockUnder('haringey-2006@2006.4'), { dueAt: due, remindOriginator: false, tellReporter: true });
    assert.equal(clockUnder('wirral-2022@2022.4'), null);
    assert.equal(clockUnder('national-baseline@2026.4'), null);
    assert.equal(due.toISOString().slice(0, 10), '2026-11-27', 'five working days from a Friday is the next Friday');
  });

  it('Southampton 2010 s.9: undecided after five working days, the originator is reminded and the reporting agency told, once', async () => {
    const { p, correctionId } = await reported('southampton-2010@2010.4');
    const view = must(await viewCorrection(t.deps, p.officer.actor, correctionId));
    assert.equal(view.clock?.dueAt.toISOString(), addWorkingDays(REPORTED, 5).toISOString(), 'the originator sees when a decision is expected');
    assert.match(view.clock?.clause ?? '', /Southampton 2010 s\.9/);

    t.clock.now = new Date('2026-11-26T10:00:00Z');
    await remindUndecidedCorrections(t.deps);
    assert.deepEqual(await noticesAbout(correctionId), [], 'not before its time');

    t.clock.now = new Date('2026-11-30T09:00:00Z');
    await remindUndecidedCorrections(t.deps);
    const notices = await noticesAbout(correctionId);
    assert.ok(
      notices.some((n) => n.user_id === p.officer.id && n.kind === 'correction.overdue'),
      'the originator is reminded',
    );
    assert.ok(
      notices.some((n) => n.user_id === p.frontDoor.id && n.kind === 'correction.unanswered'),
      'the reporter is told',
    );
    assert.ok(!notices.some((n) => n.user_id === p.frontDoor.id && n.kind === 'correction.overdue'), 'the reporter is not asked to decide');
    assert.equal(await remindedAbout(correctionId), 1);

    await remindUndecidedCorrections(t.deps);
    assert.equal((await noticesAbout(correctionId)).length, notices.length, 'once only');
    assert.equal(await remindedAbout(correctionId), 1);
    assert.equal(must(await viewCorrection(t.deps, p.officer.actor, correctionId)).clock?.reminded, true);
  });

  it('Haringey 2006 s.3.8(a): only the reporting agency is told; the originator is not reminded', async () => {
    const { p, correctionId } = await reported('haringey-2006@2006.4');
    t.clock.now = new Date('2026-11-30T09:00:00Z');
    await remindUndecidedCorrections(t.deps);
    const notices = await noticesAbout(correctionId);
    assert.ok(notices.some((n) => n.user_id === p.frontDoor.id && n.kind === 'correction.unanswered'));
    assert.ok(!notices.some((n) => n.kind === 'correction.overdue'));
  });

  it('Wirral 2022 sets no clock: nothing is sent, however long the report waits', async () => {
    const { p, correctionId } = await reported('wirral-2022@2022.4');
    assert.equal(must(await viewCorrection(t.deps, p.officer.actor, correctionId)).clock, null);
    t.clock.now = new Date('2027-03-01T09:00:00Z');
    await remindUndecidedCorrections(t.deps);
    assert.deepEqual(await noticesAbout(correctionId), []);
    assert.equal(await remindedAbout(correctionId), 0);
  });

  it('a report decided in time is never reminded, and its page shows no clock', async () => {
    const { p, correctionId } = await reported('southampton-2010@2010.4');
    t.clock.now = new Date('2026-11-23T10:00:00Z');
    must(await decideCorrection(t.deps, p.officer.actor, correctionId, { decision: 'correct', correctedValue: '07700 900123' }));
    t.clock.now = new Date('2026-12-10T09:00:00Z');
    await remindUndecidedCorrections(t.deps);
    assert.deepEqual(await noticesAbout(correctionId), []);
    assert.equal(must(await viewCorrection(t.deps, p.officer.actor, correctionId)).clock, null);
  });
});
