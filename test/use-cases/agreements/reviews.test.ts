// Reviews and re-affirmation on a real database, with the clock driven: the pack's review cycle
// (Haringey 2006 s.5.1 six months then yearly; Sandwell 2022 18 months then two-yearly) and
// re-affirmation period (Sandwell 2022 s.14.4, two-yearly) remind ahead of time and escalate when
// overdue, once each; a review records its findings, the date they were reported (Haringey 2006
// s.5.3: within a month, else marked late) and its plan, and the parties the pack names approve it
// (Haringey s.5.4 every partner; Wirral 2022 App. 2 s.5.3 the statutory partners).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { approveReview } from '../../../src/use-cases/agreements/approve-review.ts';
import { createAgreement } from '../../../src/use-cases/agreements/create-agreement.ts';
import { recordReview } from '../../../src/use-cases/agreements/record-review.ts';
import { remindAgreementDates } from '../../../src/use-cases/agreements/remind-agreement-dates.ts';
import { viewAgreement } from '../../../src/use-cases/agreements/view-agreement.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { auditOf, makePartnership, makeStaff, signAgreementAs } from '../../support/factories.ts';
import { must } from '../../support/sharing.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

async function agency(partnershipId: string, name: string) {
  const id = randomUUID();
  await t.deps.db.insertInto('agency').values({ partnership_id: partnershipId, id, name, sector: 'local_authority', kind: 'statutory_partner' }).execute();
  return id;
}

/** A partnership on `pack`: the council (a statutory partner, with the manager) and a school (a relevant agency), each with a SPoC. */
async function world(pack: string, effectiveOn?: string) {
  const partnershipId = await makePartnership(t.deps);
  await t.deps.db.updateTable('partnership').set({ pack }).where('id', '=', partnershipId).execute();
  const councilId = await agency(partnershipId, 'Council');
  const schoolId = await agency(partnershipId, 'School');
  const manager = await makeStaff(t.deps, partnershipId, councilId, ['partnership_manager']);
  const councilSpoc = await makeStaff(t.deps, partnershipId, councilId, ['spoc']);
  const schoolSpoc = await makeStaff(t.deps, partnershipId, schoolId, ['spoc']);
  const { agreementId } = must(
    await createAgreement(t.deps, manager.actor, {
      title: 'Information sharing agreement',
      effectiveOn,
      parties: [
        { agencyId: councilId, role: 'statutory_partner' },
        { agencyId: schoolId, role: 'relevant_agency' },
      ],
    }),
  );
  return { partnershipId, councilId, schoolId, manager, councilSpoc, schoolSpoc, agreementId };
}

const kindsFor = async (userId: string) => (await t.deps.db.selectFrom('notification').select('kind').where('user_id', '=', userId).orderBy('created_at').execute()).map((n) => n.kind);
const at = (iso: string) => {
  t.clock.now = new Date(`${iso}T09:00:00Z`);
};
const review = { findings: 'Partners share on time; two breaches of secure e-mail.', actions: [{ action: 'Refresh secure e-mail training', owner: 'IG lead, council', dueOn: '2026-10-31' }] };

describe('agreement reviews and re-affirmation', () => {
  it('Haringey: first review six months from the effective date, reminded once, escalated once, then yearly from the review', async () => {
    at('2026-01-10');
    const w = await world('haringey-2006@2006.4', '2026-01-15');
    assert.equal(must(await viewAgreement(t.deps, w.manager.actor, w.agreementId)).nextReviewOn, '2026-07-15');
    at('2026-06-01');
    assert.deepEqual(await remindAgreementDates(t.deps), { reminded: 0, escalated: 0 }, 'not yet within 30 days');
    at('2026-06-20');
    await remindAgreementDates(t.deps);
    assert.deepEqual(await remindAgreementDates(t.deps), { reminded: 0, escalated: 0 }, 'the reminder goes once');
    assert.deepEqual(await kindsFor(w.manager.id), ['agreement.review-due']);
    assert.deepEqual(await kindsFor(w.schoolSpoc.id), ['agreement.review-due'], 'Haringey s.5.4: every partner approves, so every partner is reminded');
    at('2026-07-16');
    assert.deepEqual(await remindAgreementDates(t.deps), { reminded: 0, escalated: 1 });
    assert.deepEqual(await kindsFor(w.manager.id), ['agreement.review-due', 'agreement.review-overdue']);
    assert.ok((await auditOf(t.deps, w.partnershipId)).some((e) => e.action === 'agreement.review-escalated'));

    at('2026-08-25');
    const bad = await recordReview(t.deps, w.manager.actor, w.agreementId, {
      heldOn: '2026-07-20',
      findings: '',
      reportedOn: '2026-07-19',
      actions: [{ action: 'x', owner: '', dueOn: '2026-07-01' }],
    });
    assert.equal(bad.kind, 'invalid');
    assert.deepEqual(bad.kind === 'invalid' && bad.errors.map((e) => e.path).sort(), ['actions.0.owner', 'findings']);
    const badDates = await recordReview(t.deps, w.manager.actor, w.agreementId, { heldOn: '2026-07-20', reportedOn: '2026-07-19', ...review });
    assert.deepEqual(badDates.kind === 'invalid' && badDates.errors, [{ path: 'reportedOn', message: 'The findings cannot be reported before the review was held' }]);
    assert.equal((await recordReview(t.deps, w.schoolSpoc.actor, w.agreementId, { heldOn: '2026-07-20', reportedOn: '2026-08-25', ...review })).kind, 'not_found', 'only the manager records a review');
    const recorded = must(await recordReview(t.deps, w.manager.actor, w.agreementId, { heldOn: '2026-07-20', reportedOn: '2026-08-25', ...review }));
    assert.equal(recorded.reportedLate, true, 'Haringey s.5.3: reported more than a calendar month after the review');
    assert.equal(recorded.nextReviewOn, '2027-07-20', 'then annually from the review');
    assert.equal(must(await viewAgreement(t.deps, w.manager.actor, w.agreementId)).nextReviewOn, '2027-07-20');
    assert.ok((await kindsFor(w.schoolSpoc.id)).includes('agreement.review-to-approve'));

    assert.equal(must(await approveReview(t.deps, w.schoolSpoc.actor, w.agreementId, recorded.reviewId, {})).approved, false);
    assert.equal((await approveReview(t.deps, w.schoolSpoc.actor, w.agreementId, recorded.reviewId, {})).kind, 'conflict');
    assert.equal((await approveReview(t.deps, w.manager.actor, w.agreementId, recorded.reviewId, {})).kind, 'invalid', 'the manager is not the council’s nominated officer');
    assert.equal(must(await approveReview(t.deps, w.councilSpoc.actor, w.agreementId, recorded.reviewId, {})).approved, true);
    const view = must(await viewAgreement(t.deps, w.manager.actor, w.agreementId));
    assert.equal(view.reviews[0]!.approvedOn, '2026-08-25');
    assert.equal(view.reviews[0]!.reportedLate, true);
  });

  it('Wirral: only the statutory partners approve a review (App. 2 s.5.3), and findings have no reporting limit', async () => {
    at('2026-03-01');
    const w = await world('wirral-2022@2022.4', '2026-01-01');
    const recorded = must(await recordReview(t.deps, w.manager.actor, w.agreementId, { heldOn: '2026-01-05', reportedOn: '2026-02-28', ...review }));
    assert.equal(recorded.reportedLate, false);
    const school = await approveReview(t.deps, w.schoolSpoc.actor, w.agreementId, recorded.reviewId, {});
    assert.match(JSON.stringify(school), /not one of the parties the protocol names/);
    assert.equal(must(await approveReview(t.deps, w.councilSpoc.actor, w.agreementId, recorded.reviewId, {})).approved, true);
  });

  it('Sandwell: the protocol’s effective date by default, 18 months then two-yearly reviews, and re-affirmation every two years reminded and escalated', async () => {
    at('2026-11-01');
    const w = await world('sandwell-2022@2022.4');
    const first = must(await viewAgreement(t.deps, w.manager.actor, w.agreementId));
    assert.equal(first.agreement.effective_on, '2022-06-01', 'the pack’s dates.effective');
    assert.equal(first.nextReviewOn, '2023-12-01', '18 months from it');
    must(await recordReview(t.deps, w.manager.actor, w.agreementId, { heldOn: '2026-10-20', reportedOn: '2026-10-30', ...review }));
    assert.equal(must(await viewAgreement(t.deps, w.manager.actor, w.agreementId)).nextReviewOn, '2028-10-20', 'then two-yearly');

    await signAgreementAs(t.deps, w.partnershipId, w.schoolId, { signedOn: '2024-11-25' });
    await signAgreementAs(t.deps, w.partnershipId, w.councilId, { signedOn: '2026-01-10' });
    at('2026-11-20');
    assert.deepEqual(await remindAgreementDates(t.deps), { reminded: 1, escalated: 0 }, 'the school re-affirms by 25 November 2026');
    const reaffirmations = async (userId: string) => (await kindsFor(userId)).filter((k) => k.startsWith('agreement.reaffirmation'));
    assert.deepEqual(await reaffirmations(w.schoolSpoc.id), ['agreement.reaffirmation-due']);
    assert.deepEqual(await reaffirmations(w.councilSpoc.id), [], 'the council is not due');
    at('2026-11-26');
    assert.deepEqual(await remindAgreementDates(t.deps), { reminded: 0, escalated: 1 });
    assert.deepEqual(await reaffirmations(w.schoolSpoc.id), ['agreement.reaffirmation-due', 'agreement.reaffirmation-overdue']);
    assert.ok((await kindsFor(w.manager.id)).includes('agreement.reaffirmation-overdue'));
    const school = must(await viewAgreement(t.deps, w.manager.actor, w.agreementId)).register.find((r) => r.agencyId === w.schoolId)!;
    assert.equal(school.standing, 'reaffirmation_overdue');
  });
});
