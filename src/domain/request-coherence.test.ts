// The request form's lawful basis suggested from the purpose, and incoherent requests refused or
// warned about (Wirral 2022 App. 2 s.3.2; Sandwell 2022 s.1.17, App. 2 q.1; Southampton 2010 s.12).
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadPacksDir } from '../use-cases/kernel/packs.ts';
import { CONSENT_STATES, PURPOSES } from './decision/answers.ts';
import { LAWFUL_BASES } from './decision/lawful-bases.ts';
import { URGENCIES } from './protocol/pack.ts';
import { basesForPurpose, basesInOrder, isNonSpecific, type RequestAsk, requestConcerns, suggestedLawfulBasis } from './request-coherence.ts';
import { checkRequest, requestInputSchema } from './requests.ts';

const packs = await loadPacksDir(path.resolve(import.meta.dirname, '../../protocols'));
const pack = (id: string) => packs.find((p) => p.id === id)!;
const baseline = pack('national-baseline');
const sandwell = pack('sandwell-2022');

const ask = (over: Partial<RequestAsk> = {}): RequestAsk => ({
  purpose: 'child_protection',
  lawfulBasis: 'uk_gdpr_6_1_e',
  urgency: 'urgent',
  informationNeeded: 'Dates of police call-outs to the home address in the last 12 months',
  reason: 'To assess the risk to the child at the strategy discussion',
  consent: 'not_sought',
  ...over,
});
const codes = (a: RequestAsk, p = baseline) => requestConcerns(p, a).warnings.map((w) => w.code);
const refusedOn = (a: RequestAsk, p = baseline) => requestConcerns(p, a).errors.map((e) => e.path);

describe('the lawful basis suggested for a request', () => {
  it('comes from the pack where it names the bases for the purpose, from the national baseline otherwise', () => {
    assert.deepEqual(suggestedLawfulBasis(baseline, 'early_help'), { code: 'uk_gdpr_6_1_e', from: 'pack', clause: baseline.lawfulBases.clause });
    // Sandwell 2022 s.1.7: legal obligation and public task, legal obligation first.
    assert.equal(suggestedLawfulBasis(sandwell, 'child_protection')?.code, 'uk_gdpr_6_1_c');
    assert.equal(suggestedLawfulBasis(sandwell, 'child_protection')?.from, 'pack');
    // Sandwell's pack does not cover early help: the national baseline's usual basis.
    assert.equal(suggestedLawfulBasis(sandwell, 'early_help')?.from, 'national');
    assert.equal(suggestedLawfulBasis(baseline, 'court_order')?.code, 'court_order');
    assert.equal(suggestedLawfulBasis(baseline, 'crime_prevention')?.code, 'crime_and_disorder_act_1998_s115');
    assert.equal(suggestedLawfulBasis(baseline, 'none'), null);
  });

  it('is offered first, then the bases that fit the purpose, then every other basis once', () => {
    const order = basesInOrder(baseline, 'early_help');
    assert.equal(order[0], 'uk_gdpr_6_1_e');
    assert.deepEqual([...order].sort(), [...LAWFUL_BASES].sort());
    assert.deepEqual(basesInOrder(baseline, undefined), [...LAWFUL_BASES]);
  });

  it('is always one the pack allows for the purpose, never consent, and one that raises no concern (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...packs),
        fc.constantFrom(...PURPOSES.filter((p) => p !== 'none')),
        fc.constantFrom(...CONSENT_STATES),
        fc.constantFrom(...URGENCIES),
        (p, purpose, consent, urgency) => {
          const s = suggestedLawfulBasis(p, purpose);
          assert.ok(s, `a basis is suggested for ${purpose}`);
          assert.ok(basesForPurpose(p, purpose).includes(s.code));
          if (p.lawfulBases.forPurposes.includes(purpose)) assert.ok(p.lawfulBases.preferred.includes(s.code), `${p.id}: ${s.code} is one of the pack's preferred bases`);
          assert.ok(!['uk_gdpr_6_1_a', 'uk_gdpr_9_2_a'].includes(s.code), 'consent is never suggested (ADR 0006)');
          const c = requestConcerns(p, ask({ purpose, lawfulBasis: s.code, consent, urgency }));
          assert.deepEqual(c.errors, [], 'the suggested basis is never refused');
          assert.ok(!c.warnings.some((w) => w.code === 'basis_unusual_for_purpose'), 'the suggested basis is never unusual for its purpose');
        },
      ),
    );
  });
});

describe('incoherent requests', () => {
  it('refuses the health visitor’s early help request with a court order as its basis, and warns about the rest', () => {
    const incoherent = ask({
      purpose: 'early_help',
      lawfulBasis: 'court_order',
      urgency: 'immediate',
      informationNeeded: 'Everything you hold on the family',
      reason: 'Just in case there is something we should know',
    });
    const c = requestConcerns(baseline, incoherent);
    assert.deepEqual(
      c.errors.map((e) => e.path),
      ['lawfulBasis'],
    );
    assert.match(c.errors[0]!.message, /A court order is the lawful basis only when a court has ordered/);
    assert.match(c.errors[0]!.message, /suggested for early help is UK GDPR Art\. 6\(1\)\(e\)/);
    // With the suggested basis instead, what remains are warnings to confirm.
    assert.deepEqual(codes({ ...incoherent, lawfulBasis: 'uk_gdpr_6_1_e' }), ['immediate_without_risk', 'not_specific']);
  });

  it('refuses consent as the basis without consent, and "not personal data" about a named child', () => {
    for (const consent of CONSENT_STATES.filter((c) => c !== 'given')) assert.deepEqual(refusedOn(ask({ purpose: 'early_help', lawfulBasis: 'uk_gdpr_6_1_a', consent })), ['lawfulBasis']);
    assert.deepEqual(refusedOn(ask({ purpose: 'early_help', lawfulBasis: 'uk_gdpr_6_1_a', consent: 'given' })), []);
    assert.deepEqual(refusedOn(ask({ purpose: 'service_planning', lawfulBasis: 'anonymised_information' })), ['lawfulBasis']);
    assert.deepEqual(refusedOn(ask({ purpose: 'none' })), ['purpose']);
  });

  it('warns about a basis unusual for the purpose, and "immediate" without a risk of significant harm', () => {
    assert.deepEqual(codes(ask({ purpose: 'early_help', lawfulBasis: 'children_act_1989_s47' })), ['basis_unusual_for_purpose']);
    assert.deepEqual(codes(ask({ purpose: 'child_protection', lawfulBasis: 'children_act_1989_s47', urgency: 'immediate' })), []);
    assert.deepEqual(codes(ask({ purpose: 'police_investigation', lawfulBasis: 'dpa_2018_sch_2_para_2', urgency: 'immediate' })), []);
    for (const purpose of ['early_help', 'child_in_need', 'practice_review'] as const) {
      assert.ok(codes(ask({ purpose, lawfulBasis: suggestedLawfulBasis(baseline, purpose)!.code, urgency: 'immediate' })).includes('immediate_without_risk'), purpose);
    }
  });

  it('warns when the pack needs consent for the purpose and the family has not given it (Sandwell 2022 App. 2, early help)', () => {
    const early = ask({ purpose: 'early_help', lawfulBasis: 'uk_gdpr_6_1_e', consent: 'refused', urgency: 'routine' });
    assert.deepEqual(codes(early, sandwell), ['consent_needed_for_purpose']);
    assert.match(requestConcerns(sandwell, early).warnings[0]!.clause, /Sandwell 2022 App\. 2/);
    assert.deepEqual(codes({ ...early, consent: 'given' }, sandwell), []);
    // The national baseline needs no explicit consent for early help.
    assert.deepEqual(codes(early, baseline), []);
  });

  it('warns that planning services rarely needs a named child (Southampton 2010 s.12)', () => {
    assert.deepEqual(codes(ask({ purpose: 'service_planning', lawfulBasis: 'uk_gdpr_6_1_e', urgency: 'routine' })), ['named_child_for_planning']);
  });

  it('recognises asks for everything held or "just in case", and not specific asks', () => {
    for (const t of ['Everything you hold', 'all information about the family', 'Any information you hold', 'the full case file', 'just in case', 'any and all records you have'])
      assert.ok(isNonSpecific(t), t);
    for (const t of ['Dates of incidents at the home address in the last 12 months', 'Whether the child attended school in October', 'Her GP and health visitor']) assert.ok(!isNonSpecific(t), t);
  });
});

describe('checking a request as sent', () => {
  const input = (over: Record<string, unknown> = {}) =>
    requestInputSchema.parse({
      toAgencyId: 'a',
      purpose: 'early_help',
      urgency: 'immediate',
      informationNeeded: 'Everything you hold',
      reason: 'To offer support',
      consent: 'given',
      ...over,
    });

  it('uses the suggested basis when none is chosen, and keeps a chosen one', () => {
    assert.equal(checkRequest(baseline, input()).lawfulBasis, 'uk_gdpr_6_1_e');
    assert.equal(checkRequest(baseline, input({ lawfulBasis: 'children_act_2004_s10' })).lawfulBasis, 'children_act_2004_s10');
  });

  it('holds the request back until every warning shown is confirmed, and keeps what was confirmed', () => {
    assert.deepEqual(
      checkRequest(baseline, input()).warnings.map((w) => w.code),
      ['immediate_without_risk', 'not_specific'],
    );
    const partly = checkRequest(baseline, input({ confirmedWarnings: ['not_specific'] }));
    assert.deepEqual(
      partly.warnings.map((w) => w.code),
      ['immediate_without_risk'],
    );
    const all = checkRequest(baseline, input({ confirmedWarnings: ['not_specific', 'immediate_without_risk'] }));
    assert.deepEqual(all.warnings, []);
    assert.deepEqual(all.confirmed.map((w) => w.code).sort(), ['immediate_without_risk', 'not_specific']);
    assert.equal(requestInputSchema.safeParse({ ...input(), confirmedWarnings: ['made_up'] }).success, false);
  });
});
