// The demo partnership (Northbridge) can run the whole exchange with its own people: PC Penny asks
// the council about Ben; the front door triages and allocates to Sam; Sam decides and shares; PC
// Penny opens it, asks to pass it to the school, is refused, then agreed; the school's lead opens
// it and reports an inaccuracy; Sam corrects it and both recipients acknowledge.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { loadDemoPartnership } from '../../../src/demo.ts';
import type { Actor, Role } from '../../../src/domain/staff.ts';
import { listBreachRegister } from '../../../src/use-cases/breaches/list-breaches.ts';
import { viewBreach } from '../../../src/use-cases/breaches/view-breach.ts';
import { viewChild } from '../../../src/use-cases/children/view-child.ts';
import { acknowledgeCorrection } from '../../../src/use-cases/corrections/acknowledge-correction.ts';
import { decideCorrection } from '../../../src/use-cases/corrections/decide-correction.ts';
import { reportInaccuracy } from '../../../src/use-cases/corrections/report-inaccuracy.ts';
import { recordDecision } from '../../../src/use-cases/decisions/record-decision.ts';
import { openDisclosure } from '../../../src/use-cases/disclosures/open-disclosure.ts';
import { sendDisclosure } from '../../../src/use-cases/disclosures/send-disclosure.ts';
import { answerOnwardAgreement } from '../../../src/use-cases/onward-agreements/answer-onward-agreement.ts';
import { requestOnwardAgreement } from '../../../src/use-cases/onward-agreements/request-onward-agreement.ts';
import { DEMO_PASSWORD, demoPartnership } from '../../../src/use-cases/partnerships/_demo-data.ts';
import { allocateRequest } from '../../../src/use-cases/requests/allocate-request.ts';
import { listRequests } from '../../../src/use-cases/requests/list-requests.ts';
import { triageRequest } from '../../../src/use-cases/requests/triage-request.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { must, shareAnswers } from '../../support/sharing.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

describe(`the demo partnership's exchange (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('runs request → triage → decide → share → open → onward refused then agreed → correction reaching both recipients', async () => {
    const { partnershipId } = await loadDemoPartnership(t.deps, demoPartnership, DEMO_PASSWORD);
    const person = async (email: string): Promise<Actor> => {
      const s = await t.deps.db.selectFrom('staff_user').select(['id', 'agency_id', 'roles']).where('partnership_id', '=', partnershipId).where('email', '=', email).executeTakeFirstOrThrow();
      return { userId: s.id, partnershipId, agencyId: s.agency_id, roles: s.roles as Role[], via: 'web', correlationId: randomUUID() };
    };
    const [penny, fran, sam, dee] = await Promise.all(['pc.penny@police.example', 'fran.frontdoor@council.example', 'sam.social@council.example', 'dee.lead@school.example'].map(person));
    const agency = async (key: string) =>
      (
        await t.deps.db
          .selectFrom('agency')
          .select('id')
          .where('partnership_id', '=', partnershipId)
          .where('name', '=', demoPartnership.agencies.find((a) => a.key === key)!.name)
          .executeTakeFirstOrThrow()
      ).id;
    const [council, school] = await Promise.all([agency('council'), agency('school')]);

    // The demo starts with PC Penny's request about Ben waiting at the council's front door.
    const queue = await listRequests(t.deps, fran!);
    const waiting = queue.incoming.find((r) => r.childName === 'Ben Sample' && r.status === 'submitted');
    assert.ok(waiting, 'the demo request is in the front door queue');
    must(await triageRequest(t.deps, fran!, waiting.id, { outcome: 'accept', checks: ['recorded', 'consent', 'key-information'] }));
    must(await allocateRequest(t.deps, fran!, waiting.id, { allocateTo: sam!.userId }));

    const decision = must(
      await recordDecision(t.deps, sam!, waiting.childId, {
        answers: { ...shareAnswers, childAge: 14 },
        record: {
          action: 'shared',
          recipientAgencyId: (await person('pc.penny@police.example')).agencyId,
          purposeDetail: 'Exploitation referral',
          informationShared: 'Allocated social worker',
          reasons: 'Asking could increase the risk',
        },
        context: { requestId: waiting.id },
      }),
    );
    const sent = must(
      await sendDisclosure(t.deps, sam!, {
        decisionId: decision.decisionId,
        scope: 'share_all',
        items: [{ level: 'minimum', label: 'who is working with the child and how to contact them', value: 'Sam Social, social worker, since June 2026', kind: 'fact' }],
      }),
    );
    const opened = must(await openDisclosure(t.deps, penny!, sent.disclosureId));
    assert.equal(opened.items[0]!.originator.agencyName, "Northbridge Council Children's Services");

    const first = must(await requestOnwardAgreement(t.deps, penny!, sent.disclosureId, { toAgencyId: school, purpose: 'The school should know who his social worker is' }));
    must(await answerOnwardAgreement(t.deps, sam!, first.agreementIds[0]!, { answer: 'refuse', reasons: 'Ben does not attend Riverside Primary' }));
    const second = must(
      await requestOnwardAgreement(t.deps, penny!, sent.disclosureId, { toAgencyId: school, purpose: 'His younger sibling attends Riverside; the school is the safe adult contact' }),
    );
    must(await answerOnwardAgreement(t.deps, sam!, second.agreementIds[0]!, { answer: 'agree' }));
    const onward = must(
      await recordDecision(t.deps, penny!, waiting.childId, {
        answers: { ...shareAnswers, childAge: 14 },
        record: { action: 'shared', recipientAgencyId: school, purposeDetail: 'Safe adult contact', informationShared: 'Social worker', reasons: 'Risk' },
        context: { sourceDisclosureId: sent.disclosureId },
      }),
    );
    const passed = must(await sendDisclosure(t.deps, penny!, { decisionId: onward.decisionId, sourceItemIds: [opened.items[0]!.id] }));
    const atSchool = must(await openDisclosure(t.deps, dee!, passed.disclosureId));
    assert.equal(atSchool.items[0]!.originator.agencyName, "Northbridge Council Children's Services", 'the council stays the originator');
    assert.equal(must(await viewChild(t.deps, dee!, waiting.childId)).child.given_name, 'Ben', 'the school, having received information, is now involved');

    const reported = must(await reportInaccuracy(t.deps, dee!, passed.disclosureId, { itemId: atSchool.items[0]!.id, description: 'The allocation started in July, not June' }));
    assert.equal(must(await decideCorrection(t.deps, sam!, reported.correctionId, { decision: 'correct', correctedValue: 'Sam Social, social worker, since July 2026' })).deliveredTo, 2);
    for (const [who, id] of [
      [penny!, sent.disclosureId],
      [dee!, passed.disclosureId],
    ] as const) {
      const view = must(await openDisclosure(t.deps, who, id));
      const c = view.items[0]!.corrections[0]!;
      assert.equal(c.correctedValue, 'Sam Social, social worker, since July 2026');
      must(await acknowledgeCorrection(t.deps, who, id, c.id));
    }

    // All of it is on Ben's chronology, for the council, beside the demo's older request, withdrawn
    // and now due for disposal (Wirral 2022 App. 2 s.8.1).
    const ben = must(await viewChild(t.deps, { ...sam!, agencyId: council }, waiting.childId));
    const kinds = ben.exchanges.map((e) => e.kind).sort();
    assert.deepEqual(kinds, ['correction', 'disclosure', 'disclosure', 'dispute', 'request', 'request']);
    const due = await t.deps.db.selectFrom('disposal_review').select(['kind', 'status']).where('partnership_id', '=', partnershipId).execute();
    assert.deepEqual(due, [{ kind: 'request', status: 'pending' }]);
    // The demo's dispute stands at stage two (Wirral 2022 App. 2 s.5.4–5.5), and its complaint is open.
    const disputes = await t.deps.db.selectFrom('dispute').select(['stage', 'status']).where('partnership_id', '=', partnershipId).execute();
    assert.deepEqual(disputes, [{ stage: 2, status: 'open' }]);
    const complaints = await t.deps.db.selectFrom('complaint').select(['status']).where('partnership_id', '=', partnershipId).execute();
    assert.deepEqual(complaints, [{ status: 'open' }]);
  });

  it('has an open breach with its clocks running and a closed one reported to the ICO', async () => {
    const { partnershipId } = await loadDemoPartnership(t.deps, demoPartnership, DEMO_PASSWORD);
    const s = await t.deps.db
      .selectFrom('staff_user')
      .select(['id', 'agency_id', 'roles'])
      .where('partnership_id', '=', partnershipId)
      .where('email', '=', 'ivy.governance@council.example')
      .executeTakeFirstOrThrow();
    const ivy = { userId: s.id, partnershipId, agencyId: s.agency_id, roles: s.roles as Role[], via: 'web' as const, correlationId: randomUUID() };
    const register = await listBreachRegister(t.deps, ivy);
    const views = await Promise.all(register.rows.map(async (r) => must(await viewBreach(t.deps, ivy, r.id))));
    const open = views.find((v) => v.status === 'investigating')!;
    assert.ok(
      open.clocks.some((c) => c.id === 'ico' && c.state === 'running'),
      'the ICO clock is running',
    );
    const closed = views.find((v) => v.status === 'closed')!;
    assert.equal(closed.ico.decision, 'reported');
    assert.equal(closed.ico.reference, 'IC-104233-K8F2');
  });
});
