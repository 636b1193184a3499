// Rights requests on a real database: a subject access request from receipt to the response pack
// with the source agency consulted and its exemption applied (Sandwell 2022 s.11.1); the clock
// (DUAA 2025) paused, extended and reminding through the job; erasure against retention and legal
// holds; rectification through the correction flow; out of scope is not found, and audited.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { recordDecision } from '../../../src/use-cases/decisions/record-decision.ts';
import { sendDisclosure } from '../../../src/use-cases/disclosures/send-disclosure.ts';
import { answerConsultation } from '../../../src/use-cases/rights/answer-consultation.ts';
import { answerRightsRequest } from '../../../src/use-cases/rights/answer-rights-request.ts';
import { askClarification } from '../../../src/use-cases/rights/ask-clarification.ts';
import { consultSources } from '../../../src/use-cases/rights/consult-sources.ts';
import { downloadResponsePack } from '../../../src/use-cases/rights/download-response-pack.ts';
import { extendDeadline } from '../../../src/use-cases/rights/extend-deadline.ts';
import { listConsultations } from '../../../src/use-cases/rights/list-consultations.ts';
import { logRightsRequest } from '../../../src/use-cases/rights/log-rights-request.ts';
import { produceResponsePack } from '../../../src/use-cases/rights/produce-response-pack.ts';
import { receiveClarification } from '../../../src/use-cases/rights/receive-clarification.ts';
import { runRightsClocks } from '../../../src/use-cases/rights/run-rights-clocks.ts';
import { verifyIdentity } from '../../../src/use-cases/rights/verify-identity.ts';
import { viewConsultation } from '../../../src/use-cases/rights/view-consultation.ts';
import { viewRightsRequest } from '../../../src/use-cases/rights/view-rights-request.ts';
import { withholdItem } from '../../../src/use-cases/rights/withhold-item.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { makeStaff } from '../../support/factories.ts';
import { must, shareAnswers, sharingPartnership } from '../../support/sharing.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

async function world() {
  const p = await sharingPartnership(t.deps);
  const councilIg = await makeStaff(t.deps, p.partnershipId, p.councilId, ['ig_lead']);
  const policeIg = await makeStaff(t.deps, p.partnershipId, p.policeId, ['ig_lead']);
  const schoolIg = await makeStaff(t.deps, p.partnershipId, p.schoolId, ['ig_lead']);
  const healthIg = await makeStaff(t.deps, p.partnershipId, p.healthId, ['ig_lead']);
  await t.deps.db.insertInto('involvement').values({ partnership_id: p.partnershipId, child_id: p.childId, agency_id: p.policeId, kind: 'involved', recorded_by: p.officer.id }).execute();
  return { ...p, councilIg, policeIg, schoolIg, healthIg };
}

/** The police send the council two items about the child. */
async function policeShare(p: Awaited<ReturnType<typeof world>>) {
  const decision = must(
    await recordDecision(t.deps, p.officer.actor, p.childId, {
      answers: shareAnswers,
      record: { action: 'shared', recipientAgencyId: p.councilId, purposeDetail: 'Safeguarding concern', informationShared: 'Call-outs', reasons: 'Risk of harm' },
    }),
  );
  const pack = await t.deps.db.selectFrom('partnership').select('pack').where('id', '=', p.partnershipId).executeTakeFirstOrThrow();
  const labels = t.deps.packs.get(pack.pack)!.informationLevels.find((l) => l.level === 'detailed')!.items;
  return must(
    await sendDisclosure(t.deps, p.officer.actor, {
      decisionId: decision.decisionId,
      items: [
        { level: 'detailed', label: labels[0]!, value: 'Two call-outs to the family home', kind: 'fact' },
        { level: 'detailed', label: labels[1] ?? labels[0]!, value: 'A neighbour, Mrs Example, reported shouting', kind: 'fact' },
      ],
    }),
  );
}

const access = (childId: string, over: Record<string, unknown> = {}) => ({
  kind: 'access',
  requesterKind: 'parent',
  childId,
  receivedAt: '2026-01-31',
  summary: 'A copy of everything held about my son',
  ...over,
});

describe(`rights requests (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('a subject access request from receipt to the response pack, with the source agency consulted and its exemption applied', async () => {
    const p = await world();
    t.clock.now = new Date('2026-01-20T10:00:00Z');
    await policeShare(p);
    t.clock.now = new Date('2026-02-02T10:00:00Z');
    const { requestId, status } = must(await logRightsRequest(t.deps, p.councilIg.actor, access(p.childId)));
    assert.equal(status, 'awaiting_identity');
    assert.equal((await consultSources(t.deps, p.councilIg.actor, requestId)).kind, 'conflict', 'identity first');

    // Identity confirmed on 3 February: the month runs from then (DUAA 2025), not from receipt.
    assert.equal(
      (await verifyIdentity(t.deps, p.councilIg.actor, requestId, { verifiedAt: '2026-02-03', basis: 'parental_responsibility', childCompetent: 'yes', evidence: 'Passport' })).kind,
      'invalid',
    );
    const verified = must(
      await verifyIdentity(t.deps, p.councilIg.actor, requestId, { verifiedAt: '2026-02-02', basis: 'parental_responsibility', childCompetent: 'no', evidence: 'Passport and birth certificate' }),
    );
    assert.equal(verified.dueAt!.toISOString(), '2026-03-02T23:59:59.999Z');

    // Another agency's IG lead cannot reach it: not found, and the attempt audited as denied.
    assert.equal((await viewRightsRequest(t.deps, p.policeIg.actor, requestId)).kind, 'not_found');
    const denied = await t.deps.db.selectFrom('audit_event').select('outcome').where('action', '=', 'rights-request.viewed').where('actor_user_id', '=', p.policeIg.id).execute();
    assert.deepEqual(
      denied.map((d) => d.outcome),
      ['denied'],
    );

    // Everything the council holds, with what came from the police.
    const v = must(await viewRightsRequest(t.deps, p.councilIg.actor, requestId));
    const fromPolice = v.access!.entries.filter((e) => e.sourceAgencyId === p.policeId);
    assert.equal(fromPolice.length, 2);
    assert.deepEqual(
      v.access!.sources.map((s) => s.name),
      ['Police'],
    );
    assert.ok(fromPolice.some((e) => e.text.includes('Mrs Example')));

    // Withholding the police's information waits for the consultation.
    const neighbour = fromPolice.find((e) => e.text.includes('Mrs Example'))!;
    const withhold = { itemRef: neighbour.ref, reason: 'third_party', note: 'Names a neighbour who gave information in confidence' };
    assert.equal((await withholdItem(t.deps, p.councilIg.actor, requestId, withhold)).kind, 'conflict');
    assert.deepEqual(must(await consultSources(t.deps, p.councilIg.actor, requestId)), { consulted: 1 });
    assert.equal((await withholdItem(t.deps, p.councilIg.actor, requestId, withhold)).kind, 'conflict', 'not before the police answer');
    assert.equal((await produceResponsePack(t.deps, p.councilIg.actor, requestId)).kind, 'conflict', 'not before every source has answered');

    // The police IG lead answers on its own page; nobody else can.
    const [c] = must(await listConsultations(t.deps, p.policeIg.actor));
    assert.equal(c!.handling_agency_name, 'Council');
    assert.equal((await viewConsultation(t.deps, p.schoolIg.actor, c!.id)).kind, 'not_found');
    const cv = must(await viewConsultation(t.deps, p.policeIg.actor, c!.id));
    assert.equal(cv.entries.length, 2, 'the police see only what they supplied');
    assert.equal((await answerConsultation(t.deps, p.policeIg.actor, c!.id, { answer: 'third_party' })).kind, 'invalid', 'reasons needed');
    must(await answerConsultation(t.deps, p.policeIg.actor, c!.id, { answer: 'third_party', reasons: 'The neighbour gave the information in confidence' }));
    assert.equal((await answerConsultation(t.deps, p.policeIg.actor, c!.id, { answer: 'none' })).kind, 'conflict', 'answered once');

    // The exemption applied item by item; the pack produced, tagged, with the schedule.
    must(await withholdItem(t.deps, p.councilIg.actor, requestId, withhold));
    const { packId } = must(await produceResponsePack(t.deps, p.councilIg.actor, requestId));
    const { pdf } = must(await downloadResponsePack(t.deps, p.councilIg.actor, requestId, packId));
    const raw = pdf.toString('latin1');
    assert.match(raw, /^%PDF-1\.7/);
    assert.match(raw, /\/StructTreeRoot/);
    assert.match(raw, /\/Lang \(en-GB\)/);
    assert.match(raw, /\/MarkInfo/);
    assert.ok(!raw.includes('Mrs Example'), 'the withheld item is not in the pack');
    const audit = await t.deps.db.selectFrom('audit_event').select('action').where('subject_id', '=', requestId).where('outcome', '=', 'ok').execute();
    for (const a of [
      'rights-request.logged',
      'rights-request.identity-verified',
      'rights-request.sources-consulted',
      'rights-request.item-withheld',
      'rights-request.pack-produced',
      'rights-request.pack-downloaded',
    ])
      assert.ok(
        audit.some((x) => x.action === a),
        a,
      );
    assert.equal((await downloadResponsePack(t.deps, p.policeIg.actor, requestId, packId)).kind, 'not_found');

    must(await answerRightsRequest(t.deps, p.councilIg.actor, requestId, { outcome: 'partly_complied', reasons: 'Third-party information withheld' }));
    assert.equal((await withholdItem(t.deps, p.councilIg.actor, requestId, withhold)).kind, 'conflict', 'answered: closed');
  });

  it('clarification pauses the clock, an extension moves it, and the job reminds and escalates once', async () => {
    const p = await world();
    t.clock.now = new Date('2026-03-02T10:00:00Z');
    const { requestId } = must(await logRightsRequest(t.deps, p.councilIg.actor, access(p.childId, { receivedAt: '2026-03-02', requesterKind: 'child', identityVerified: 'yes' })));
    t.clock.now = new Date('2026-03-05T10:00:00Z');
    must(await askClarification(t.deps, p.councilIg.actor, requestId, { at: '2026-03-05T10:00:00Z', note: 'Which years?' }));
    assert.equal((await answerRightsRequest(t.deps, p.councilIg.actor, requestId, { outcome: 'complied' })).kind, 'conflict', 'paused');
    t.clock.now = new Date('2026-03-12T10:00:00Z');
    assert.equal((await receiveClarification(t.deps, p.councilIg.actor, requestId, { at: '2026-03-04T10:00:00Z', note: 'x' })).kind, 'invalid');
    const resumed = must(await receiveClarification(t.deps, p.councilIg.actor, requestId, { at: '2026-03-12T09:00:00Z', note: '2020 onwards' }));
    assert.equal(resumed.dueAt!.toISOString(), '2026-04-09T22:59:59.999Z', '2 April + 7 paused days, end of the day (BST)');
    const extended = must(await extendDeadline(t.deps, p.councilIg.actor, requestId, { months: '2', reason: 'Several agencies and years of records' }));
    assert.equal(extended.dueAt!.toISOString(), '2026-06-09T22:59:59.999Z', '2 June + 7 paused days');
    assert.equal((await extendDeadline(t.deps, p.councilIg.actor, requestId, { months: '1', reason: 'More' })).kind, 'invalid', 'two months at most');

    t.clock.now = new Date('2026-05-20T10:00:00Z');
    assert.deepEqual(await runRightsClocks(t.deps), { reminded: 1, escalated: 0, consultations: 0 });
    assert.deepEqual(await runRightsClocks(t.deps), { reminded: 0, escalated: 0, consultations: 0 }, 'once');
    t.clock.now = new Date('2026-06-10T10:00:00Z');
    assert.deepEqual(await runRightsClocks(t.deps), { reminded: 0, escalated: 1, consultations: 0 });
    const notes = await t.deps.db.selectFrom('notification').select(['user_id', 'kind']).where('partnership_id', '=', p.partnershipId).where('kind', 'like', 'rights.%').execute();
    assert.ok(notes.some((n) => n.user_id === p.councilIg.id && n.kind === 'rights.deadline-near'));
    assert.ok(notes.some((n) => n.user_id === p.councilIg.id && n.kind === 'rights.deadline-missed'));
  });

  it('erasure is answered against retention and legal holds; a child out of reach is refused', async () => {
    const p = await world();
    t.clock.now = new Date('2026-01-20T10:00:00Z');
    await policeShare(p);
    t.clock.now = new Date('2026-02-02T10:00:00Z');
    assert.equal((await logRightsRequest(t.deps, p.healthIg.actor, access(p.childId, { kind: 'erasure' }))).kind, 'invalid', 'health does not work with the child');
    const { requestId } = must(await logRightsRequest(t.deps, p.councilIg.actor, access(p.childId, { kind: 'erasure', identityVerified: 'yes' })));
    const full = await answerRightsRequest(t.deps, p.councilIg.actor, requestId, { outcome: 'complied' });
    assert.equal(full.kind, 'invalid');
    assert.match(JSON.stringify(full), /within their retention period/);
    must(await answerRightsRequest(t.deps, p.councilIg.actor, requestId, { outcome: 'refused', reasons: 'Kept for the safeguarding of the child' }));
    const v = must(await viewRightsRequest(t.deps, p.councilIg.actor, requestId));
    assert.match(v.reasons!, /disclosure received record is within the retention schedule until 2032-01-20/);
  });

  it('FOI requests are routed to the partnership’s business unit at once', async () => {
    const p = await world();
    const manager = await makeStaff(t.deps, p.partnershipId, p.councilId, ['partnership_manager']);
    const { status } = must(await logRightsRequest(t.deps, p.councilIg.actor, { kind: 'foi', requesterKind: 'public', receivedAt: '2026-01-05', summary: 'Minutes of the partnership’s meetings' }));
    assert.equal(status, 'routed');
    const notes = await t.deps.db.selectFrom('notification').select('kind').where('user_id', '=', manager.id).execute();
    assert.deepEqual(
      notes.map((n) => n.kind),
      ['rights.foi-routed'],
    );
  });
});
