import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addChild } from '../../../src/use-cases/children/add-child.ts';
import { viewChild } from '../../../src/use-cases/children/view-child.ts';
import { recordDecision } from '../../../src/use-cases/decisions/record-decision.ts';
import { startDecision } from '../../../src/use-cases/decisions/start-decision.ts';
import { viewDecision } from '../../../src/use-cases/decisions/view-decision.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { auditOf, childInput, makeAgency, makeWorld } from '../../support/factories.ts';
import { shareAnswers as harmAnswers } from '../../support/sharing.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

async function world() {
  const w = await makeWorld(t.deps);
  const child = await addChild(t.deps, w.council.actor, childInput({ nhsNumber: null, dateOfBirth: '2017-03-27' }));
  if (child.kind !== 'ok') assert.fail();
  return { ...w, childId: child.value.childId };
}

describe(`recording decisions (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('recomputes the advice on the server, seals the narrative and audits in the same transaction', async () => {
    const w = await world();
    const result = await recordDecision(t.deps, w.council.actor, w.childId, {
      answers: harmAnswers,
      record: {
        action: 'shared',
        recipientAgencyId: w.schoolId,
        purposeDetail: 'Strategy discussion',
        informationShared: 'Bruising seen on 18 November (fact)',
        reasons: 'Asking would increase risk',
      },
    });
    assert.equal(result.kind, 'ok');
    if (result.kind !== 'ok') return;
    assert.equal(result.value.decision.outcome, 'share');
    const row = await t.deps.db.selectFrom('decision').selectAll().where('id', '=', result.value.decisionId).executeTakeFirstOrThrow();
    assert.equal(row.pack, 'national-baseline@2026.4');
    assert.equal(row.engine_version, result.value.decision.engineVersion);
    assert.ok(!JSON.stringify(row.sealed).includes('Bruising'), 'the narrative is encrypted at rest');
    const view = await viewDecision(t.deps, w.council.actor, result.value.decisionId);
    assert.equal(view.kind === 'ok' && view.value.informationShared, 'Bruising seen on 18 November (fact)');
    const audit = await auditOf(t.deps, w.partnershipId);
    const recorded = audit.find((e) => e.action === 'decision.recorded');
    assert.equal(recorded?.subject_id, result.value.decisionId);
    assert.equal(recorded?.child_id, w.childId);
    assert.equal(recorded?.correlation_id, w.council.actor.correlationId);
    assert.ok(!JSON.stringify(audit).includes('Bruising'), 'no narrative in the audit log');
  });

  it('records a decision not to share, with reasons required (golden rule 7)', async () => {
    const w = await world();
    const answers = {
      purpose: 'early_help',
      identifiable: true,
      level: 'minimum',
      confidential: true,
      childAge: 9,
      consent: 'refused',
      consentConflict: false,
      harm: 'emerging_needs',
      sexualActivityUnder13: false,
    };
    const noReasons = await recordDecision(t.deps, w.council.actor, w.childId, { answers, record: { action: 'not_shared', recipientAgencyId: w.schoolId, purposeDetail: 'Early help' } });
    assert.deepEqual(noReasons.kind === 'invalid' && noReasons.errors, [{ path: 'record.reasons', message: 'Explain why you are not sharing' }]);
    const ok = await recordDecision(t.deps, w.council.actor, w.childId, {
      answers,
      record: { action: 'not_shared', recipientAgencyId: w.schoolId, purposeDetail: 'Early help', reasons: 'Parent refused' },
    });
    assert.equal(ok.kind, 'ok');
    const child = await viewChild(t.deps, w.council.actor, w.childId);
    assert.deepEqual(child.kind === 'ok' && child.value.decisions.map((d) => [d.action, d.outcome, d.recipient]), [['not_shared', 'do_not_share', 'School']]);
  });

  it('rejects bad answers and bad records with field paths, and writes nothing', async () => {
    const w = await world();
    const r = await recordDecision(t.deps, w.council.actor, w.childId, { answers: { ...harmAnswers, harm: 'vibes' }, record: { action: 'maybe' } });
    assert.equal(r.kind, 'invalid');
    const paths = r.kind === 'invalid' ? r.errors.map((e) => e.path) : [];
    assert.ok(paths.includes('answers.harm'), paths.join());
    assert.ok(paths.includes('record.action'), paths.join());
    const rows = await t.deps.db.selectFrom('decision').select('id').where('partnership_id', '=', w.partnershipId).execute();
    assert.equal(rows.length, 0);
    assert.ok(!(await auditOf(t.deps, w.partnershipId)).some((e) => e.action === 'decision.recorded'));
  });

  it('refuses recipients outside the partnership, inactive or the practitioner’s own agency', async () => {
    const w = await world();
    const elsewhere = await makeWorld(t.deps);
    const inactive = await makeAgency(t.deps, w.partnershipId, 'Closed service');
    await t.deps.db.updateTable('agency').set({ active: false }).where('id', '=', inactive).execute();
    for (const recipientAgencyId of [elsewhere.schoolId, inactive, w.councilId, 'nonsense']) {
      const r = await recordDecision(t.deps, w.council.actor, w.childId, {
        answers: harmAnswers,
        record: { action: 'shared', recipientAgencyId, purposeDetail: 'x', informationShared: 'y', reasons: 'z' },
      });
      assert.equal(r.kind, 'invalid', recipientAgencyId);
      assert.deepEqual(r.kind === 'invalid' && r.errors.map((e) => e.path), ['record.recipientAgencyId']);
    }
    const other = await recordDecision(t.deps, w.council.actor, w.childId, {
      answers: harmAnswers,
      record: { action: 'shared', recipientOther: 'GP practice outside the area', purposeDetail: 'x', informationShared: 'y', reasons: 'z' },
    });
    assert.equal(other.kind, 'ok');
  });

  it('is not found for a child the agency cannot see', async () => {
    const w = await world();
    const r = await recordDecision(t.deps, w.school.actor, w.childId, { answers: harmAnswers, record: {} });
    assert.equal(r.kind, 'not_found');
    const start = await startDecision(t.deps, w.school.actor, w.childId);
    assert.equal(start.kind, 'not_found');
    const denied = (await auditOf(t.deps, w.partnershipId)).filter((e) => e.outcome === 'denied').map((e) => e.action);
    assert.deepEqual(denied, ['decision.recorded', 'decision.started']);
  });

  it('starts a decision with the child’s age worked out from their date of birth, under the partnership’s protocol version', async () => {
    const w = await world();
    const start = await startDecision(t.deps, w.council.actor, w.childId);
    assert.deepEqual(start, { kind: 'ok', value: { childAge: 9, pack: 'national-baseline@2026.4' } });
  });
});
