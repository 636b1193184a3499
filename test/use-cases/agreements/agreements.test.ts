// The agreement register on a real database: setting up an agreement on the partnership's pack,
// signing through the nominated officer with the checklist attested and the DPIA gate (Wirral 2022
// App. 2 s.7.4), re-affirmation (Sandwell 2022 s.14.4), lapses, second-tier agreements (Derby 2015
// s.1) seen only by their parties, and the rule that an agency not in force receives nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { addAgreementDocument } from '../../../src/use-cases/agreements/add-agreement-document.ts';
import { createAgreement } from '../../../src/use-cases/agreements/create-agreement.ts';
import { lapseSignature } from '../../../src/use-cases/agreements/lapse-signature.ts';
import { listAgreements } from '../../../src/use-cases/agreements/list-agreements.ts';
import { signAgreement } from '../../../src/use-cases/agreements/sign-agreement.ts';
import { viewAgreement } from '../../../src/use-cases/agreements/view-agreement.ts';
import { addChild } from '../../../src/use-cases/children/add-child.ts';
import { recordDecision } from '../../../src/use-cases/decisions/record-decision.ts';
import { sendDisclosure } from '../../../src/use-cases/disclosures/send-disclosure.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { auditOf, childInput, makePartnership, makeStaff } from '../../support/factories.ts';
import { must, shareAnswers } from '../../support/sharing.ts';

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

/** A partnership on `pack` with no agreement yet: a council (manager, social worker, SPoC) and a school (DSL, SPoC). */
async function world(pack: string) {
  const partnershipId = await makePartnership(t.deps);
  await t.deps.db.updateTable('partnership').set({ pack }).where('id', '=', partnershipId).execute();
  const councilId = await agency(partnershipId, 'Council');
  const schoolId = await agency(partnershipId, 'School');
  const manager = await makeStaff(t.deps, partnershipId, councilId, ['partnership_manager']);
  const social = await makeStaff(t.deps, partnershipId, councilId, ['practitioner']);
  const councilSpoc = await makeStaff(t.deps, partnershipId, councilId, ['spoc']);
  const schoolDsl = await makeStaff(t.deps, partnershipId, schoolId, ['designated_safeguarding_lead', 'practitioner']);
  const schoolSpoc = await makeStaff(t.deps, partnershipId, schoolId, ['spoc']);
  return { partnershipId, councilId, schoolId, manager, social, councilSpoc, schoolDsl, schoolSpoc };
}

const WIRRAL = 'wirral-2022@2022.4';
const SANDWELL = 'sandwell-2022@2022.4';

function attestAll(pack: string) {
  const p = t.deps.packs.get(pack)!;
  return Object.fromEntries(p.signatories.checklist.map((i) => [i.id, { confirmed: true, evidence: `Evidence for ${i.id}` }]));
}
const pia = { completedOn: '2026-10-01', outcome: 'risks_mitigated', risks: 'Misdirected e-mail', mitigations: 'Secure e-mail only' };

describe('agreements', () => {
  it('sets up the agreement on the partnership’s pack with the review from its cycle (Wirral 2022 App. 2 s.5.2), manager only', async () => {
    const w = await world(WIRRAL);
    t.clock.now = new Date('2026-11-20T10:00:00Z');
    const refused = await createAgreement(t.deps, w.social.actor, {});
    assert.equal(refused.kind, 'forbidden');
    const bad = await createAgreement(t.deps, w.manager.actor, { title: '', effectiveOn: '2026-02-30', parties: [] });
    assert.equal(bad.kind, 'invalid');
    assert.deepEqual(bad.kind === 'invalid' && bad.errors.map((e) => e.path).sort(), ['effectiveOn', 'parties', 'title']);
    const { agreementId } = must(
      await createAgreement(t.deps, w.manager.actor, {
        title: 'Wirral information sharing agreement',
        effectiveOn: '2026-01-01',
        parties: [
          { agencyId: w.councilId, role: 'lead_signatory' },
          { agencyId: w.schoolId, role: 'relevant_agency' },
        ],
      }),
    );
    const view = must(await viewAgreement(t.deps, w.social.actor, agreementId));
    assert.equal(view.agreement.pack, WIRRAL);
    assert.equal(view.nextReviewOn, '2027-01-01', 'annual review from the effective date');
    assert.deepEqual(
      view.register.map((r) => r.standing),
      ['not_signed', 'not_signed'],
    );
    const again = await createAgreement(t.deps, w.manager.actor, { title: 'Second', effectiveOn: '2026-01-01', parties: [{ agencyId: w.councilId, role: 'lead_signatory' }] });
    assert.equal(again.kind, 'invalid', 'one agreement in force');
  });

  it('signs through the nominated officer: every checklist item with evidence, and the DPIA before signing (Wirral 2022 App. 2 s.7.4)', async () => {
    const w = await world(WIRRAL);
    t.clock.now = new Date('2026-11-20T10:00:00Z');
    const { agreementId } = must(
      await createAgreement(t.deps, w.manager.actor, {
        title: 'Agreement',
        effectiveOn: '2026-01-01',
        parties: [
          { agencyId: w.councilId, role: 'lead_signatory' },
          { agencyId: w.schoolId, role: 'relevant_agency' },
        ],
      }),
    );
    const base = { agencyId: w.schoolId, signatoryName: 'Sue Spoc', signatoryTitle: 'Head teacher', signedOn: '2026-11-19', dataStorage: { location: 'United Kingdom' } };
    // A practitioner, or another agency's officer, cannot sign for the school.
    assert.equal((await signAgreement(t.deps, w.schoolDsl.actor, agreementId, { ...base, checklist: attestAll(WIRRAL), privacyImpactAssessment: pia })).kind, 'invalid');
    assert.equal((await signAgreement(t.deps, w.councilSpoc.actor, agreementId, { ...base, checklist: attestAll(WIRRAL), privacyImpactAssessment: pia })).kind, 'invalid');
    // Every item must be confirmed with its evidence.
    const partial = await signAgreement(t.deps, w.schoolSpoc.actor, agreementId, { ...base, checklist: { 'secure-email': { confirmed: true } }, privacyImpactAssessment: pia });
    assert.equal(partial.kind, 'invalid');
    const paths = partial.kind === 'invalid' ? partial.errors.map((e) => e.path) : [];
    assert.ok(paths.includes('checklist.secure-email.evidence'));
    assert.ok(paths.includes('checklist.privacy-notices.confirmed'));
    // Wirral: no signing without the privacy impact assessment, nor with risks not mitigated.
    const noPia = await signAgreement(t.deps, w.schoolSpoc.actor, agreementId, { ...base, checklist: attestAll(WIRRAL) });
    assert.ok(noPia.kind === 'invalid' && noPia.errors.some((e) => e.path === 'privacyImpactAssessment.completedOn'));
    const unmitigated = await signAgreement(t.deps, w.schoolSpoc.actor, agreementId, { ...base, checklist: attestAll(WIRRAL), privacyImpactAssessment: { ...pia, outcome: 'not_mitigated' } });
    assert.ok(unmitigated.kind === 'invalid' && unmitigated.errors.some((e) => /s\.7\.4/.test(e.message)));
    const late = await signAgreement(t.deps, w.schoolSpoc.actor, agreementId, { ...base, checklist: attestAll(WIRRAL), privacyImpactAssessment: { ...pia, completedOn: '2026-11-20' } });
    assert.ok(late.kind === 'invalid' && late.errors.some((e) => /before signing/.test(e.message)));
    const future = await signAgreement(t.deps, w.schoolSpoc.actor, agreementId, { ...base, signedOn: '2026-12-01', checklist: attestAll(WIRRAL), privacyImpactAssessment: pia });
    assert.ok(future.kind === 'invalid' && future.errors.some((e) => e.path === 'signedOn'));

    const outside = await signAgreement(t.deps, w.schoolSpoc.actor, agreementId, {
      ...base,
      checklist: attestAll(WIRRAL),
      privacyImpactAssessment: pia,
      dataStorage: { location: 'elsewhere', elsewhere: 'A cloud region in the United States' },
    });
    assert.ok(outside.kind === 'invalid' && outside.errors.some((e) => e.path === 'dataStorage.safeguard'), 'storing outside the UK and EEA needs the transfer’s safeguard (Wirral 2022 App. 2 s.4.3)');
    const signed = must(await signAgreement(t.deps, w.schoolSpoc.actor, agreementId, { ...base, checklist: attestAll(WIRRAL), privacyImpactAssessment: pia }));
    assert.equal(signed.kind, 'signature');
    const view = must(await viewAgreement(t.deps, w.manager.actor, agreementId));
    const school = view.register.find((r) => r.agencyId === w.schoolId)!;
    assert.equal(school.standing, 'in_force');
    assert.equal(school.signature?.signatoryName, 'Sue Spoc');
    assert.equal(school.signature?.checklist.length, t.deps.packs.get(WIRRAL)!.signatories.checklist.length);
    assert.equal(school.signature?.privacyImpactAssessment?.outcome, 'risks_mitigated');
    assert.deepEqual(school.signature?.dataStorage, { location: 'United Kingdom', elsewhere: null, safeguard: null });
    const audit = await auditOf(t.deps, w.partnershipId);
    assert.ok(audit.some((e) => e.action === 'agreement.signed' && e.outcome === 'ok'));

    must(
      await addAgreementDocument(t.deps, w.schoolSpoc.actor, agreementId, {
        kind: 'security_summary',
        title: 'School security summary',
        reference: 'SharePoint/IG/2026-security.pdf',
        agencyId: w.schoolId,
      }),
    );
    assert.equal((await addAgreementDocument(t.deps, w.schoolSpoc.actor, agreementId, { kind: 'security_summary', title: 'x', reference: 'y', agencyId: w.councilId })).kind, 'invalid');
    assert.equal(must(await viewAgreement(t.deps, w.manager.actor, agreementId)).documents.length, 1);
  });

  it('refuses to send to an agency that has not signed or whose signature lapsed, and says why', async () => {
    const w = await world(WIRRAL);
    t.clock.now = new Date('2026-11-20T10:00:00Z');
    const { agreementId } = must(
      await createAgreement(t.deps, w.manager.actor, {
        title: 'Agreement',
        effectiveOn: '2026-01-01',
        parties: [
          { agencyId: w.councilId, role: 'lead_signatory' },
          { agencyId: w.schoolId, role: 'relevant_agency' },
        ],
      }),
    );
    const child = must(await addChild(t.deps, w.social.actor, childInput({ nhsNumber: null })));
    const decide = async () =>
      must(
        await recordDecision(t.deps, w.social.actor, child.childId, {
          answers: shareAnswers,
          record: { action: 'shared', recipientAgencyId: w.schoolId, purposeDetail: 'Plan', informationShared: 'x', reasons: 'Risk' },
        }),
      );
    const first = await decide();
    const unsigned = await sendDisclosure(t.deps, w.social.actor, { decisionId: first.decisionId, freeText: 'Plan' });
    assert.equal(unsigned.kind, 'invalid');
    assert.match(JSON.stringify(unsigned), /has not signed/);

    must(
      await signAgreement(t.deps, w.schoolSpoc.actor, agreementId, {
        agencyId: w.schoolId,
        dataStorage: { location: 'United Kingdom' },
        signatoryName: 'Sue Spoc',
        signatoryTitle: 'Head teacher',
        signedOn: '2026-11-19',
        checklist: attestAll(WIRRAL),
        privacyImpactAssessment: pia,
      }),
    );
    must(await sendDisclosure(t.deps, w.social.actor, { decisionId: first.decisionId, freeText: 'Plan' }));

    assert.equal((await lapseSignature(t.deps, w.social.actor, agreementId, { agencyId: w.schoolId, reason: 'Left' })).kind, 'not_found', 'only the manager records a lapse');
    must(await lapseSignature(t.deps, w.manager.actor, agreementId, { agencyId: w.schoolId, reason: 'The signatory left the school and nobody has re-signed' }));
    const second = await decide();
    const lapsed = await sendDisclosure(t.deps, w.social.actor, { decisionId: second.decisionId, freeText: 'Plan' });
    assert.equal(lapsed.kind, 'invalid');
    assert.match(JSON.stringify(lapsed), /signature of the information sharing agreement has lapsed/);
  });

  it('re-affirms every two years where the pack says so (Sandwell 2022 s.14.4): overdue blocks sending until re-affirmed', async () => {
    const w = await world(SANDWELL);
    t.clock.now = new Date('2026-11-20T10:00:00Z');
    const { agreementId } = must(
      await createAgreement(t.deps, w.manager.actor, {
        title: 'Sandwell agreement',
        effectiveOn: '2024-06-01',
        parties: [
          { agencyId: w.councilId, role: 'lead_signatory' },
          { agencyId: w.schoolId, role: 'relevant_agency' },
        ],
      }),
    );
    const sign = (signedOn: string) =>
      signAgreement(t.deps, w.schoolSpoc.actor, agreementId, {
        agencyId: w.schoolId,
        signatoryName: 'Sue Spoc',
        signatoryTitle: 'Head teacher',
        signedOn,
        checklist: attestAll(SANDWELL),
        dataStorage: { location: 'United Kingdom' },
      });
    must(await sign('2024-11-01'));
    let view = must(await viewAgreement(t.deps, w.manager.actor, agreementId));
    const school = () => view.register.find((r) => r.agencyId === w.schoolId)!;
    assert.equal(school().standing, 'reaffirmation_overdue');
    assert.equal(school().reaffirmBy, '2026-11-01');
    const child = must(await addChild(t.deps, w.social.actor, childInput({ nhsNumber: null })));
    const d = must(
      await recordDecision(t.deps, w.social.actor, child.childId, {
        answers: shareAnswers,
        record: { action: 'shared', recipientAgencyId: w.schoolId, purposeDetail: 'Plan', informationShared: 'x', reasons: 'Risk' },
      }),
    );
    const refused = await sendDisclosure(t.deps, w.social.actor, { decisionId: d.decisionId, freeText: 'Plan' });
    assert.match(JSON.stringify(refused), /not re-affirmed/);
    const again = must(await sign('2026-11-20'));
    assert.equal(again.kind, 'reaffirmation');
    view = must(await viewAgreement(t.deps, w.manager.actor, agreementId));
    assert.equal(school().standing, 'in_force');
    must(await sendDisclosure(t.deps, w.social.actor, { decisionId: d.decisionId, freeText: 'Plan' }));
  });

  it('keeps a second-tier agreement between some parties (Derby 2015 s.1) out of others’ sight (404, audited)', async () => {
    const w = await world('derby-derbyshire-2015@2015.4');
    const healthId = await agency(w.partnershipId, 'Health');
    const nurse = await makeStaff(t.deps, w.partnershipId, healthId, ['practitioner']);
    const { agreementId } = must(
      await createAgreement(t.deps, w.manager.actor, {
        title: 'Derbyshire agreement',
        effectiveOn: '2026-01-01',
        parties: [
          { agencyId: w.councilId, role: 'lead_signatory' },
          { agencyId: w.schoolId, role: 'relevant_agency' },
          { agencyId: healthId, role: 'statutory_partner' },
        ],
      }),
    );
    const noPurpose = await createAgreement(t.deps, w.manager.actor, {
      title: 'Education tier',
      effectiveOn: '2026-02-01',
      parentId: agreementId,
      parties: [{ agencyId: w.councilId, role: 'lead_signatory' }],
    });
    assert.ok(noPurpose.kind === 'invalid' && noPurpose.errors.some((e) => e.path === 'purpose'));
    const tier = must(
      await createAgreement(t.deps, w.manager.actor, {
        title: 'Education tier',
        effectiveOn: '2026-02-01',
        parentId: agreementId,
        purpose: 'Attendance and exclusions information between the council and schools',
        parties: [
          { agencyId: w.councilId, role: 'lead_signatory' },
          { agencyId: w.schoolId, role: 'relevant_agency' },
        ],
      }),
    );
    assert.equal((await viewAgreement(t.deps, nurse.actor, tier.agreementId)).kind, 'not_found');
    must(await viewAgreement(t.deps, w.schoolDsl.actor, tier.agreementId));
    assert.deepEqual(
      (await listAgreements(t.deps, nurse.actor)).agreements.map((a) => a.title),
      ['Derbyshire agreement'],
    );
    const audit = await auditOf(t.deps, w.partnershipId);
    assert.ok(audit.some((e) => e.action === 'agreement.viewed' && e.outcome === 'denied' && e.subject_id === tier.agreementId));
  });
});
