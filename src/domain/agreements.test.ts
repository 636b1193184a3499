// The agreement rules without a database: who is in force (Southampton 2010 s.18; Sandwell 2022
// s.14.4), the signatory checklist and the DPIA gate (Wirral 2022 App. 2 s.7.4), the review date.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkSignature, nextReviewOn, partyStanding, reviewState, signingRoles } from './agreements.ts';
import { addDaysToDate } from './clocks.ts';

const sandwell = {
  signatories: {
    checklist: [{ id: 'ico', text: 'Registered with the ICO' }],
    privacyImpactAssessmentBeforeSigning: false,
    reaffirmation: { amount: 24, unit: 'months' as const },
    clause: 'Sandwell 2022 s.14.4',
  },
  dataResidency: { storeIn: ['United Kingdom'], transfersOutside: 'Only under UK GDPR Chapter V', secureEmailOnly: true, initialsInEmail: false, clause: 'UK GDPR Art. 44–46' },
};
const wirral = {
  signatories: { checklist: [{ id: 'secure-email', text: 'Secure e-mail' }], privacyImpactAssessmentBeforeSigning: true, clause: 'Wirral 2022 App. 2 s.7.4' },
  dataResidency: {
    storeIn: ['United Kingdom', 'European Economic Area'],
    transfersOutside: 'Never — not transferred outside the European Economic Area',
    secureEmailOnly: true,
    initialsInEmail: true,
    clause: 'Wirral 2022 App. 2 s.4.3',
  },
};
const agreement = { pack: sandwell, packRef: 'sandwell-2022@2022.4' };
const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDaysToDate('2020-01-01', n));

describe('party standing', () => {
  it('is in force only when an active party signed this version, not lapsed, re-affirmed within two years (Sandwell 2022 s.14.4)', () => {
    fc.assert(
      fc.property(day, day, fc.boolean(), fc.boolean(), fc.option(day, { nil: null }), fc.boolean(), (signedOn, today, active, isParty, lapsedOn, sameVersion) => {
        const s = partyStanding(agreement, { active, isParty, signature: { pack: sameVersion ? agreement.packRef : 'sandwell-2022@2022.1', signedOn, lapsedOn } }, today);
        const inForce = active && isParty && !(lapsedOn && lapsedOn <= today) && sameVersion && addDaysToDate(signedOn, 731) > today;
        if (s === 'in_force') assert.ok(inForce || addDaysToDate(signedOn, 730) >= today, `${signedOn} ${today}`);
        if (!active || !isParty) assert.equal(s, 'not_party');
        if (addDaysToDate(signedOn, 732) < today && active && isParty && !lapsedOn && sameVersion) assert.equal(s, 'reaffirmation_overdue');
      }),
    );
    assert.equal(partyStanding(agreement, { active: true, isParty: true, signature: null }, '2026-01-01'), 'not_signed');
    assert.equal(partyStanding(null, { active: true, isParty: true, signature: null }, '2026-01-01'), 'not_party');
    assert.equal(partyStanding(agreement, { active: true, isParty: true, signature: { pack: agreement.packRef, signedOn: '2024-11-01', lapsedOn: null } }, '2026-11-01'), 'in_force');
    assert.equal(partyStanding(agreement, { active: true, isParty: true, signature: { pack: agreement.packRef, signedOn: '2024-11-01', lapsedOn: null } }, '2026-11-02'), 'reaffirmation_overdue');
  });
});

describe('signing', () => {
  const base = { agencyId: 'a', signatoryName: 'N', signatoryTitle: 'T', signedOn: '2026-11-19', dataStorage: { location: 'United Kingdom' } };
  it('needs every checklist item confirmed with evidence', () => {
    assert.deepEqual(
      checkSignature(sandwell, { ...base, checklist: {} }, '2026-11-20').errors.map((e) => e.path),
      ['checklist.ico.confirmed'],
    );
    assert.deepEqual(
      checkSignature(sandwell, { ...base, checklist: { ico: { confirmed: true, evidence: ' ' } } }, '2026-11-20').errors.map((e) => e.path),
      ['checklist.ico.evidence'],
    );
    assert.equal(checkSignature(sandwell, { ...base, checklist: { ico: { confirmed: true, evidence: 'Z1234567' } } }, '2026-11-20').attestations[0]?.evidence, 'Z1234567');
  });
  it('needs the privacy impact assessment, mitigated and done first, where the pack says (Wirral 2022 App. 2 s.7.4)', () => {
    const checklist = { 'secure-email': { confirmed: true, evidence: 'cjsm.net' } };
    const pia = { completedOn: '2026-11-01', outcome: 'risks_mitigated', risks: 'r', mitigations: 'm' };
    assert.ok(checkSignature(wirral, { ...base, checklist }, '2026-11-20').errors.some((e) => e.path === 'privacyImpactAssessment.completedOn'));
    assert.ok(checkSignature(wirral, { ...base, checklist, privacyImpactAssessment: { ...pia, outcome: 'not_mitigated' } }, '2026-11-20').errors.length);
    assert.ok(checkSignature(wirral, { ...base, checklist, privacyImpactAssessment: { ...pia, completedOn: '2026-11-20' } }, '2026-11-20').errors.length);
    assert.equal(checkSignature(wirral, { ...base, checklist, privacyImpactAssessment: pia }, '2026-11-20').pia?.outcome, 'risks_mitigated');
    assert.equal(checkSignature(sandwell, { ...base, checklist: { ico: { confirmed: true, evidence: 'x' } } }, '2026-11-20').pia, null, 'optional elsewhere');
  });
  it('records where the agency stores data; outside the pack’s places only with the transfer’s safeguard (pack dataResidency)', () => {
    const checklist = { ico: { confirmed: true, evidence: 'Z1234567' } };
    const paths = (dataStorage: Record<string, string> | undefined) => checkSignature(sandwell, { ...base, checklist, dataStorage }, '2026-11-20').errors.map((e) => e.path);
    assert.deepEqual(paths(undefined), ['dataStorage.location']);
    assert.deepEqual(paths({ location: 'Narnia' }), ['dataStorage.location']);
    assert.deepEqual(paths({ location: 'elsewhere', elsewhere: 'United States' }), ['dataStorage.safeguard']);
    const outside = checkSignature(
      sandwell,
      { ...base, checklist, dataStorage: { location: 'elsewhere', elsewhere: 'United States', safeguard: 'International data transfer agreement' } },
      '2026-11-20',
    );
    assert.deepEqual(outside.storage, { location: 'elsewhere', elsewhere: 'United States', safeguard: 'International data transfer agreement' });
    // The European Economic Area is inside Wirral's places, not inside the baseline's (Sandwell inherits it here as the UK only).
    const eea = { location: 'European Economic Area' };
    assert.deepEqual(
      checkSignature(wirral, { ...base, checklist: { 'secure-email': { confirmed: true, evidence: 'x' } }, dataStorage: eea }, '2026-11-20').errors.filter((e) => e.path.startsWith('data')),
      [],
    );
    assert.deepEqual(paths(eea), ['dataStorage.location']);
    assert.match(
      checkSignature(wirral, { ...base, checklist: {}, dataStorage: { location: 'elsewhere', elsewhere: 'US' } }, '2026-11-20').errors.find((e) => e.path === 'dataStorage.safeguard')!.message,
      /the protocol says “Never/,
    );
  });
  it('is by the SPoC, IG lead or Caldicott guardian, plus a pack’s own nominated officer (Derby 2015 s.5 para. 7)', () => {
    assert.deepEqual(signingRoles({ roles: [] }).sort(), ['caldicott_guardian', 'ig_lead', 'spoc']);
    assert.ok(
      signingRoles({ roles: [{ id: 'nominated-officer', title: 'Nominated officer', concordRole: 'designated_safeguarding_lead', duties: ['sign'], clause: 'Derby 2015 s.5' }] }).includes(
        'designated_safeguarding_lead',
      ),
    );
  });
});

describe('reviews', () => {
  it('follow the pack’s cycle (Haringey 2006 s.5.1: six months, then annually)', () => {
    const haringey = {
      dates: {
        effective: '2006-09-01',
        reviewCycle: {
          first: { amount: 6, unit: 'months' as const },
          // biome-ignore lint/suspicious/noThenProperty: the protocols' own word for the cycle after the first review
          then: { amount: 12, unit: 'months' as const },
          clause: 'Haringey 2006 s.5.1',
        },
      },
    };
    assert.equal(nextReviewOn(haringey, { effectiveOn: '2026-01-15', reviewOn: null, lastReviewedOn: null }), '2026-07-15');
    assert.equal(nextReviewOn(haringey, { effectiveOn: '2026-01-15', reviewOn: null, lastReviewedOn: '2026-07-10' }), '2027-07-10');
    assert.equal(reviewState('2026-07-15', '2026-07-16'), 'overdue');
    assert.equal(reviewState('2026-07-15', '2026-07-01'), 'due');
    assert.equal(reviewState('2026-09-15', '2026-07-01'), 'scheduled');
  });
});
