// Changing the agreement and moving to a new protocol version, on a real database with the clock
// driven: any party proposes (Derby & Derbyshire 2015 s.5 para. 1), the parties the pack names agree
// (national baseline: every party; Wirral 2022 App. 2 s.5.3: the statutory partners), and from the
// effective date every party must have signed the new version to receive information, while a
// decision started before the move keeps the version it started with (ADR 0088). Documents on
// request between partners (Haringey 2006 s.7.2, s.7.4; ADR 0089).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { agreeChange } from '../../../src/use-cases/agreements/agree-change.ts';
import { answerDocumentRequest } from '../../../src/use-cases/agreements/answer-document-request.ts';
import { applyPackMoves } from '../../../src/use-cases/agreements/apply-pack-moves.ts';
import { proposeChange } from '../../../src/use-cases/agreements/propose-change.ts';
import { requestDocument } from '../../../src/use-cases/agreements/request-document.ts';
import { signAgreement } from '../../../src/use-cases/agreements/sign-agreement.ts';
import { viewAgreement } from '../../../src/use-cases/agreements/view-agreement.ts';
import { viewDocumentRequest } from '../../../src/use-cases/agreements/view-document-request.ts';
import { recordDecision } from '../../../src/use-cases/decisions/record-decision.ts';
import { startDecision } from '../../../src/use-cases/decisions/start-decision.ts';
import { recipientRefusal } from '../../../src/use-cases/kernel/standing.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { auditOf, ensureAgreement, makeStaff } from '../../support/factories.ts';
import { must, shareAnswers, sharingPartnership } from '../../support/sharing.ts';

let t: TestDb;
const OLD = 'national-baseline@2026.4';
const NEW = 'national-baseline@2027.1';
before(async () => {
  t = await openTestDb();
  // A new version of the pack, as a partnership would load it: one more checklist item to attest.
  const old = t.deps.packs.get(OLD)!;
  if (!t.deps.packs.get(NEW))
    t.deps.packs.add({
      ...old,
      version: '2027.1',
      signatories: { ...old.signatories, checklist: [...old.signatories.checklist, { id: 'new-version-training', text: 'Staff have been briefed on the 2027 changes' }] },
    });
});
after(async () => t.close());

const at = (iso: string) => {
  t.clock.now = new Date(`${iso}T09:00:00Z`);
};
const attestAll = (pack: string) => Object.fromEntries(t.deps.packs.get(pack)!.signatories.checklist.map((i) => [i.id, { confirmed: true, evidence: `Evidence for ${i.id}` }]));
const signature = (agencyId: string, pack: string, signedOn: string) => ({
  agencyId,
  checklist: attestAll(pack),
  dataStorage: { location: 'United Kingdom' },
  signatoryName: 'Sam Signatory',
  signatoryTitle: 'Head of service',
  signedOn,
});
const record = (recipientAgencyId: string) => ({ action: 'shared', recipientAgencyId, purposeDetail: 'Strategy discussion', informationShared: 'Attendance', reasons: 'Risk of harm' });

async function world() {
  const w = await sharingPartnership(t.deps);
  const schoolSpoc = await makeStaff(t.deps, w.partnershipId, w.schoolId, ['spoc']);
  const manager = await makeStaff(t.deps, w.partnershipId, w.councilId, ['partnership_manager']);
  const agreementId = await ensureAgreement(t.deps, w.partnershipId);
  return { ...w, schoolSpoc, manager, agreementId };
}

describe('changes to the agreement and a new protocol version', () => {
  it('refuses a proposal that is incomplete, names an unknown or the same version, or a past date, and anyone but a party’s officer', async () => {
    at('2026-11-20');
    const w = await world();
    const bad = await proposeChange(t.deps, w.frontDoor.actor, w.agreementId, { summary: '  ', toPack: 'no-such-pack@1', effectiveOn: '2026-02-30' });
    assert.equal(bad.kind, 'invalid');
    assert.deepEqual(bad.kind === 'invalid' && bad.errors.map((e) => e.path).sort(), ['effectiveOn', 'summary']);
    const unknown = await proposeChange(t.deps, w.frontDoor.actor, w.agreementId, { summary: 'Move on', toPack: 'no-such-pack@1', effectiveOn: '2026-12-01' });
    assert.deepEqual(unknown.kind === 'invalid' && unknown.errors, [{ path: 'toPack', message: 'Select a protocol version that Concord has loaded' }]);
    const same = await proposeChange(t.deps, w.frontDoor.actor, w.agreementId, { summary: 'Move on', toPack: OLD, effectiveOn: '2026-12-01' });
    assert.deepEqual(same.kind === 'invalid' && same.errors.map((e) => e.path), ['toPack']);
    const past = await proposeChange(t.deps, w.frontDoor.actor, w.agreementId, { summary: 'Move on', toPack: NEW, effectiveOn: '2026-11-19' });
    assert.deepEqual(past.kind === 'invalid' && past.errors, [{ path: 'effectiveOn', message: 'The date the new version would take effect must be today or in the future' }]);
    const noVersion = await proposeChange(t.deps, w.frontDoor.actor, w.agreementId, { summary: 'Move on', effectiveOn: '2026-12-01' });
    assert.deepEqual(noVersion.kind === 'invalid' && noVersion.errors.map((e) => e.path), ['toPack']);
    const practitioner = await proposeChange(t.deps, w.social.actor, w.agreementId, { summary: 'Shorter retention' });
    assert.deepEqual(practitioner.kind === 'invalid' && practitioner.errors.map((e) => e.path), ['agencyId'], 'a party proposes through its nominated officer');
    const elsewhere = await world();
    assert.equal((await proposeChange(t.deps, elsewhere.frontDoor.actor, w.agreementId, { summary: 'x' })).kind, 'not_found', 'another partnership’s agreement is not found');
  });

  it('a change without a new version is agreed by every party (national baseline) and moves nothing', async () => {
    at('2026-11-20');
    const w = await world();
    const { changeId } = must(await proposeChange(t.deps, w.schoolSpoc.actor, w.agreementId, { summary: 'Add the youth offending team’s secure e-mail domain' }));
    for (const officer of [w.frontDoor, w.policeSpoc, w.schoolSpoc]) assert.equal(must(await agreeChange(t.deps, officer.actor, w.agreementId, changeId, {})).agreed, false);
    assert.equal((await agreeChange(t.deps, w.policeSpoc.actor, w.agreementId, changeId, {})).kind, 'conflict', 'once per party');
    const last = must(await agreeChange(t.deps, w.nurse.actor, w.agreementId, changeId, {}));
    assert.deepEqual(last, { agreed: true, movesOn: null, toPack: null });
    const view = must(await viewAgreement(t.deps, w.manager.actor, w.agreementId));
    assert.equal(view.agreement.pack, OLD);
    assert.equal(view.changes[0]!.status, 'agreed');
    assert.equal(view.changes[0]!.agreedOn, '2026-11-20');
    assert.equal((await agreeChange(t.deps, w.nurse.actor, w.agreementId, changeId, {})).kind, 'conflict');
  });

  it('moves to the new version on the agreed date: old signatures stop counting, early re-signatures count, decisions in progress keep their version', async () => {
    at('2026-11-20');
    const w = await world();
    const { changeId } = must(await proposeChange(t.deps, w.policeSpoc.actor, w.agreementId, { summary: 'Adopt the 2027 protocol', toPack: NEW, effectiveOn: '2026-12-01' }));
    for (const officer of [w.frontDoor, w.schoolSpoc, w.nurse]) must(await agreeChange(t.deps, officer.actor, w.agreementId, changeId, {}));
    assert.equal((await agreeChange(t.deps, w.social.actor, w.agreementId, changeId, {})).kind, 'invalid', 'a practitioner does not agree for the council');
    const agreed = must(await agreeChange(t.deps, w.policeSpoc.actor, w.agreementId, changeId, {}));
    assert.deepEqual(agreed, { agreed: true, movesOn: '2026-12-01', toPack: NEW });
    assert.equal((await proposeChange(t.deps, w.policeSpoc.actor, w.agreementId, { summary: 'And another', toPack: NEW, effectiveOn: '2026-12-02' })).kind, 'invalid', 'one move waits at a time');

    // Before the date: everyone is still in force; a party re-signs early, under the new version's checklist.
    at('2026-11-25');
    let view = must(await viewAgreement(t.deps, w.manager.actor, w.agreementId));
    assert.deepEqual(view.move, { pack: NEW, title: view.signingPack.title, on: '2026-12-01' });
    assert.ok(view.register.every((r) => r.standing === 'in_force'));
    assert.ok(view.register.every((r) => r.resignBy === '2026-12-01'));
    const missing = await signAgreement(t.deps, w.schoolSpoc.actor, w.agreementId, signature(w.schoolId, OLD, '2026-11-25'));
    assert.ok(missing.kind === 'invalid' && missing.errors.some((e) => e.path === 'checklist.new-version-training.confirmed'), 'the new version’s checklist');
    // A signing page opened before the move was agreed showed the old checklist: even with every
    // item of the new one attested, it signs nothing and says why (a stale page, ADR 0073).
    const stale = await signAgreement(t.deps, w.schoolSpoc.actor, w.agreementId, { ...signature(w.schoolId, NEW, '2026-11-25'), seenPack: OLD });
    assert.ok(stale.kind === 'conflict' && /moved to protocol version national-baseline@2027\.1.*Nothing was signed/.test(stale.reason), JSON.stringify(stale));
    assert.deepEqual(must(await signAgreement(t.deps, w.schoolSpoc.actor, w.agreementId, { ...signature(w.schoolId, NEW, '2026-11-25'), seenPack: NEW })).kind, 'signature');
    view = must(await viewAgreement(t.deps, w.manager.actor, w.agreementId));
    const school = view.register.find((r) => r.agencyId === w.schoolId)!;
    assert.equal(school.standing, 'in_force');
    assert.equal(school.signature?.pack, NEW);
    assert.equal(school.resignBy, null);
    assert.equal(await t.deps.db.transaction().execute((trx) => recipientRefusal(trx, t.deps.packs, w.partnershipId, w.policeId, t.deps.now())), null, 'the old signature stands until the date');

    // A decision started before the move …
    const started = must(await startDecision(t.deps, w.social.actor, w.childId));
    assert.equal(started.pack, OLD);
    assert.deepEqual(await applyPackMoves(t.deps), { moved: 0 }, 'not before the date');

    at('2026-12-01');
    assert.deepEqual(await applyPackMoves(t.deps), { moved: 1 });
    assert.deepEqual(await applyPackMoves(t.deps), { moved: 0 }, 'once');
    const partnership = await t.deps.db.selectFrom('partnership').select('pack').where('id', '=', w.partnershipId).executeTakeFirstOrThrow();
    assert.equal(partnership.pack, NEW);
    view = must(await viewAgreement(t.deps, w.manager.actor, w.agreementId));
    assert.equal(view.agreement.pack, NEW);
    assert.equal(view.move, null);
    assert.equal(view.changes[0]!.status, 'in_effect');
    assert.deepEqual(Object.fromEntries(view.register.map((r) => [r.agencyName, r.standing])), {
      Council: 'earlier_version',
      Health: 'earlier_version',
      Police: 'earlier_version',
      School: 'in_force',
    });
    assert.match(
      (await t.deps.db.transaction().execute((trx) => recipientRefusal(trx, t.deps.packs, w.partnershipId, w.policeId, t.deps.now()))) ?? '',
      /signed an earlier version/,
      'the standing check refuses a party that has not re-signed',
    );

    // … finishes under the version it started with; a new one uses the new version; a version the partnership was never on is ignored.
    const inProgress = must(await recordDecision(t.deps, w.social.actor, w.childId, { answers: shareAnswers, record: record(w.schoolId), startedUnder: started.pack }));
    const fresh = must(await recordDecision(t.deps, w.social.actor, w.childId, { answers: shareAnswers, record: record(w.schoolId) }));
    const forged = must(await recordDecision(t.deps, w.social.actor, w.childId, { answers: shareAnswers, record: record(w.schoolId), startedUnder: 'wirral-2022@2022.4' }));
    const packOf = async (id: string) => (await t.deps.db.selectFrom('decision').select('pack').where('id', '=', id).executeTakeFirstOrThrow()).pack;
    assert.equal(await packOf(inProgress.decisionId), OLD);
    assert.equal(await packOf(fresh.decisionId), NEW);
    assert.equal(await packOf(forged.decisionId), NEW);
    assert.equal(must(await startDecision(t.deps, w.social.actor, w.childId)).pack, NEW);

    // Re-signing under the new version puts a party back in force.
    must(await signAgreement(t.deps, w.policeSpoc.actor, w.agreementId, signature(w.policeId, NEW, '2026-12-01')));
    assert.equal(await t.deps.db.transaction().execute((trx) => recipientRefusal(trx, t.deps.packs, w.partnershipId, w.policeId, t.deps.now())), null);

    const actions = (await auditOf(t.deps, w.partnershipId)).map((e) => e.action);
    for (const a of ['agreement.change-proposed', 'agreement.change-agreed', 'agreement.version-moved', 'agreement.signed']) assert.ok(actions.includes(a), a);
    const notified = await t.deps.db.selectFrom('notification').select('kind').where('user_id', '=', w.nurse.id).execute();
    assert.ok(notified.some((n) => n.kind === 'agreement.change-agreed'));
    assert.ok(notified.some((n) => n.kind === 'agreement.version-moved'));
  });

  it('a move agreed after its effective date takes effect the day it is agreed', async () => {
    at('2026-11-20');
    const w = await world();
    const { changeId } = must(await proposeChange(t.deps, w.frontDoor.actor, w.agreementId, { summary: 'Adopt the 2027 protocol', toPack: NEW, effectiveOn: '2026-11-21' }));
    for (const officer of [w.frontDoor, w.schoolSpoc, w.nurse]) must(await agreeChange(t.deps, officer.actor, w.agreementId, changeId, {}));
    at('2026-11-23');
    assert.deepEqual(must(await agreeChange(t.deps, w.policeSpoc.actor, w.agreementId, changeId, {})), { agreed: true, movesOn: '2026-11-23', toPack: NEW });
    const view = must(await viewAgreement(t.deps, w.manager.actor, w.agreementId));
    assert.equal(view.agreement.pack, NEW, 'made at once, without waiting for the job');
    assert.equal(view.register.find((r) => r.agencyId === w.councilId)!.standing, 'earlier_version');
  });
});

describe('documents on request (Haringey 2006 s.7.4)', () => {
  it('a party asks another for its security summary; the holder provides it or declines; opening it is audited; others are refused', async () => {
    at('2026-11-20');
    const w = await world();
    const bad = await requestDocument(t.deps, w.policeSpoc.actor, w.agreementId, {
      holderAgencyId: w.policeId,
      kind: 'security_summary',
      detail: 'Your summary security document',
      dueOn: '2026-11-20',
    });
    assert.deepEqual(bad.kind === 'invalid' && bad.errors.map((e) => e.path).sort(), ['dueOn', 'holderAgencyId']);
    const blank = await requestDocument(t.deps, w.policeSpoc.actor, w.agreementId, { holderAgencyId: w.schoolId, kind: 'nonsense', detail: '', dueOn: '' });
    assert.deepEqual(blank.kind === 'invalid' && blank.errors.map((e) => e.path).sort(), ['detail', 'dueOn', 'kind']);
    assert.equal((await requestDocument(t.deps, w.officer.actor, w.agreementId, { holderAgencyId: w.schoolId, kind: 'security_summary', detail: 'x', dueOn: '2026-12-04' })).kind, 'invalid');

    const { requestId } = must(
      await requestDocument(t.deps, w.policeSpoc.actor, w.agreementId, { holderAgencyId: w.schoolId, kind: 'security_summary', detail: 'Your summary security document (s.7.2)', dueOn: '2026-12-04' }),
    );
    assert.ok((await t.deps.db.selectFrom('notification').select('kind').where('user_id', '=', w.schoolSpoc.id).execute()).some((n) => n.kind === 'agreement.document-requested'));
    assert.equal((await viewDocumentRequest(t.deps, w.officer.actor, w.agreementId, requestId)).kind, 'not_found', 'a practitioner of the asking agency does not open it');
    assert.equal((await answerDocumentRequest(t.deps, w.policeSpoc.actor, w.agreementId, requestId, { answer: 'decline', reason: 'x' })).kind, 'not_found', 'only the holder answers');
    const noReason = await answerDocumentRequest(t.deps, w.schoolSpoc.actor, w.agreementId, requestId, { answer: 'decline', reason: ' ' });
    assert.deepEqual(noReason.kind === 'invalid' && noReason.errors.map((e) => e.path), ['reason']);
    assert.equal(must(await viewDocumentRequest(t.deps, w.schoolSpoc.actor, w.agreementId, requestId)).canAnswer, true);

    at('2026-12-05');
    assert.equal(must(await viewAgreement(t.deps, w.policeSpoc.actor, w.agreementId)).documentRequests[0]!.state, 'overdue');
    const provided = must(await answerDocumentRequest(t.deps, w.schoolSpoc.actor, w.agreementId, requestId, { answer: 'provide', title: 'School security summary 2026', reference: 'IG/SEC/2026/04' }));
    assert.equal(provided.status, 'provided');
    assert.equal((await answerDocumentRequest(t.deps, w.schoolSpoc.actor, w.agreementId, requestId, { answer: 'decline', reason: 'Changed our mind' })).kind, 'conflict');
    const opened = must(await viewDocumentRequest(t.deps, w.policeSpoc.actor, w.agreementId, requestId));
    assert.deepEqual(opened.document, { id: provided.documentId, title: 'School security summary 2026', reference: 'IG/SEC/2026/04' });
    assert.equal(opened.state, 'provided');
    const view = must(await viewAgreement(t.deps, w.policeSpoc.actor, w.agreementId));
    assert.ok(
      view.documents.some((d) => d.id === provided.documentId && d.kind === 'security_summary' && d.agency_id === w.schoolId),
      'listed with the agreement’s documents',
    );

    const { requestId: second } = must(
      await requestDocument(t.deps, w.policeSpoc.actor, w.agreementId, { holderAgencyId: w.healthId, kind: 'privacy_impact_assessment', detail: 'Your DPIA', dueOn: '2026-12-20' }),
    );
    assert.equal(must(await answerDocumentRequest(t.deps, w.nurse.actor, w.agreementId, second, { answer: 'decline', reason: 'Under legal review until January' })).status, 'declined');
    assert.equal(must(await viewDocumentRequest(t.deps, w.manager.actor, w.agreementId, second)).declineReason, 'Under legal review until January');

    const audit = await auditOf(t.deps, w.partnershipId);
    assert.ok(
      audit.some((e) => e.action === 'agreement.document-request-viewed' && e.outcome === 'denied'),
      'the refused opening is audited',
    );
    assert.ok(audit.filter((e) => e.action === 'agreement.document-request-viewed' && e.outcome === 'ok').length >= 3);
    assert.ok(audit.some((e) => e.action === 'agreement.document-request-answered'));
  });
});
