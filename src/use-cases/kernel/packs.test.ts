// The six protocol packs in protocols/: they load and validate, their policies are the typed
// fixture the domain tests use, every local pack changes the engine's advice where its protocol
// differs from the national baseline (each test names the clause), and a broken pack is refused
// with the file, line, path and a clear message.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { PACKS_DIR } from '../../../test/support/db.ts';
import { type Answers, parseAnswers } from '../../domain/decision/answers.ts';
import { type ConditionCode, type Decision, decide, type RuleId } from '../../domain/decision/engine.ts';
import type { LawfulBasisCode } from '../../domain/decision/lawful-bases.ts';
import type { DecisionPolicy } from '../../domain/decision/policy.ts';
import { type Pack, packRef } from '../../domain/protocol/pack.ts';
import * as fixture from '../../domain/protocol/policies.fixture.ts';
import { decisionPolicy } from '../../domain/protocol/policy.ts';
import { type PackFileError, readPackFile } from './pack-files.ts';
import { loadPacksDir } from './packs.ts';

const SEEDS = ['southampton-2010', 'haringey-2006', 'derby-derbyshire-2015', 'wirral-2022', 'sandwell-2022'] as const;

let packs: Pack[];
const pack = (id: string): Pack => {
  const found = packs.find((p) => p.id === id);
  assert.ok(found, `pack ${id} is loaded`);
  return found;
};
const policy = (id: string): DecisionPolicy => decisionPolicy(pack(id));

before(async () => {
  packs = await loadPacksDir(PACKS_DIR);
});

/** A complete, valid answer set about an identifiable child; override what the test is about. */
function answers(overrides: Partial<Answers> = {}): Answers {
  const merged: Record<string, unknown> = {
    purpose: 'child_in_need',
    identifiable: true,
    level: 'minimum',
    confidential: true,
    childAge: 10,
    consent: 'given',
    consentConflict: false,
    harm: 'none',
    sexualActivityUnder13: false,
    ...overrides,
  };
  if (merged.consent !== 'not_sought') delete merged.consentNotSoughtReason;
  const c = merged.consent;
  const age = merged.childAge;
  if (!(c === 'given' || c === 'refused' || c === 'withdrawn') || (typeof age === 'number' && age >= 18)) delete merged.consentConflict;
  if (typeof age === 'number' && age >= 16) delete merged.sexualActivityUnder13;
  const parsed = parseAnswers(merged);
  if (!parsed.ok) throw new Error(`test answers invalid: ${JSON.stringify(parsed.errors)}`);
  return parsed.value;
}

const decidedBy = (d: Decision): RuleId | undefined => d.rules[0]?.id;
const has = (d: Decision, c: ConditionCode): boolean => d.conditions.includes(c);
const bases = (d: Decision): LawfulBasisCode[] => d.lawfulBases.map((b) => b.code);
const clauseOf = (d: Decision, id: RuleId): string | undefined => d.rules.find((r) => r.id === id)?.clause;

/** The same answers under the national baseline and under a seed's pack. */
function both(id: string, a: Answers): { base: Decision; seed: Decision } {
  return { base: decide(a, policy('national-baseline')), seed: decide(a, policy(id)) };
}

describe('the shipped protocol packs', () => {
  it('all six load and validate, each local pack extending national-baseline@2026.4', async () => {
    assert.deepEqual(packs.map(packRef).sort(), [
      'derby-derbyshire-2015@2015.4',
      'haringey-2006@2006.4',
      'national-baseline@2026.4',
      'sandwell-2022@2022.4',
      'southampton-2010@2010.4',
      'wirral-2022@2022.4',
    ]);
    for (const id of SEEDS) {
      assert.equal(pack(id).extends, 'national-baseline@2026.4', id);
      const read = await readPackFile(path.join(PACKS_DIR, id, 'pack.yaml'), PACKS_DIR);
      assert.ok(read.ok, id);
      assert.deepEqual(
        read.sources.map((f) => path.relative(PACKS_DIR, f)),
        [`${id}/pack.yaml`, 'national-baseline/pack.yaml'],
      );
    }
  });

  it('each pack’s decision policy is the typed fixture the domain tests use', () => {
    const expected: Record<string, DecisionPolicy> = {
      'national-baseline': fixture.NATIONAL_BASELINE,
      'southampton-2010': fixture.SOUTHAMPTON_2010,
      'haringey-2006': fixture.HARINGEY_2006,
      'derby-derbyshire-2015': fixture.DERBY_2015,
      'wirral-2022': fixture.WIRRAL_2022,
      'sandwell-2022': fixture.SANDWELL_2022,
    };
    for (const p of packs) assert.deepEqual(decisionPolicy(p), expected[p.id], `regenerate src/domain/protocol/policies.fixture.ts for ${p.id}`);
    assert.equal(fixture.ALL_POLICIES.length, packs.length);
  });

  it('each local pack cites its own protocol in the sections it overrides, and the baseline cites no seed', async () => {
    const seedName: Record<string, RegExp> = {
      'southampton-2010': /^Southampton 2010 /,
      'haringey-2006': /^Haringey 2006 /,
      'derby-derbyshire-2015': /^Derby 2015 /,
      'wirral-2022': /^Wirral 2022 /,
      'sandwell-2022': /^Sandwell 2022 /,
    };
    for (const id of SEEDS) {
      const own = parse(await readFile(path.join(PACKS_DIR, id, 'pack.yaml'), 'utf8')) as Record<string, unknown>;
      for (const [section, value] of Object.entries(own)) {
        if (value && typeof value === 'object' && !Array.isArray(value) && 'clause' in value) {
          assert.match(String((value as { clause: unknown }).clause), seedName[id]!, `${id} ${section}.clause`);
        }
      }
    }
    const baseline = await readFile(path.join(PACKS_DIR, 'national-baseline', 'pack.yaml'), 'utf8');
    const clauses = [...baseline.matchAll(/clause: "([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(clauses.length > 20);
    for (const c of clauses) assert.doesNotMatch(c, /^(Southampton|Haringey|Derby|Wirral|Sandwell) /, c);
  });

  it('every pack has a README that maps each section it sets to its clause, and says what it inherits', async () => {
    for (const p of packs) {
      const readme = await readFile(path.join(PACKS_DIR, p.id, 'README.md'), 'utf8');
      const own = parse(await readFile(path.join(PACKS_DIR, p.id, 'pack.yaml'), 'utf8')) as Record<string, unknown>;
      for (const section of Object.keys(own)) assert.ok(readme.includes(`\`${section}\``), `${p.id}/README.md maps \`${section}\``);
      assert.ok(readme.includes(packRef(p)), `${p.id}/README.md names ${packRef(p)}`);
      if (p.extends) assert.match(readme, /inherit/i, `${p.id}/README.md says what is inherited`);
    }
  });
});

describe('Southampton 2010: its distinctive rules change the advice', () => {
  it('s.10–11 and s.18 item 13: information shared may not be passed on without the originating agency’s agreement', () => {
    const { base, seed } = both('southampton-2010', answers());
    assert.equal(seed.outcome, 'share');
    assert.ok(has(seed, 'agree_onward_sharing') && !has(base, 'agree_onward_sharing'));
    assert.match(clauseOf(seed, 'onward_sharing') ?? '', /^Southampton 2010 s\.10–11/);
  });

  it('s.9 and s.11: shared information shows its originator, who corrects inaccuracies', () => {
    const { base, seed } = both('southampton-2010', answers({ purpose: 'child_protection', harm: 'evidence_significant_harm', consent: 'refused' }));
    assert.ok(has(seed, 'show_originator') && !has(base, 'show_originator'));
    assert.match(clauseOf(seed, 'show_originator') ?? '', /^Southampton 2010 s\.9/);
  });

  it('s.18 item 16 and s.6: identifiable information never goes by unsecured email or post', () => {
    const { base, seed } = both('southampton-2010', answers({ purpose: 'early_help', consent: 'given' }));
    assert.ok(has(seed, 'use_secure_email') && !has(base, 'use_secure_email'));
    assert.ok(!has(seed, 'initials_in_email'));
    assert.match(clauseOf(seed, 'secure_transfer') ?? '', /^Southampton 2010 s\.6/);
  });

  it('s.12: the small-number check cites Southampton and its figure of 10', () => {
    const seed = decide(answers({ level: 'aggregate' }), policy('southampton-2010'));
    assert.match(clauseOf(seed, 'aggregate_small_numbers') ?? '', /^Southampton 2010 s\.12/);
    assert.ok(seed.reasons.some((r) => r.includes('10 or fewer')));
  });
});

describe('Haringey 2006: its distinctive rules change the advice', () => {
  it('s.4.4: detailed and sensitive information needs explicit consent — refused means do not share (baseline: get advice)', () => {
    const { base, seed } = both('haringey-2006', answers({ level: 'detailed', confidential: false, consent: 'refused', harm: 'emerging_needs' }));
    assert.equal(base.outcome, 'seek_advice');
    assert.equal(seed.outcome, 'do_not_share');
    assert.equal(decidedBy(seed), 'explicit_consent_required');
    assert.match(seed.rules[0]!.clause ?? '', /^Haringey 2006 s\.4\.4/);
  });

  it('s.4.4–4.6: serious crime is not a listed exception — refer to a designated manager before sharing detailed information (baseline: share)', () => {
    const { base, seed } = both('haringey-2006', answers({ purpose: 'crime_prevention', level: 'detailed', consent: 'refused', harm: 'serious_crime' }));
    assert.equal(base.outcome, 'share');
    assert.equal(seed.outcome, 'seek_advice');
    assert.equal(decidedBy(seed), 'explicit_consent_public_interest');
    assert.ok(has(seed, 'seek_advice_from_dsl'));
  });

  it('s.4.4–4.5: an imbalance of power is not a listed exception for detailed information (baseline: share on public task)', () => {
    const { base, seed } = both('haringey-2006', answers({ level: 'detailed', consent: 'not_sought', consentNotSoughtReason: 'imbalance_of_power' }));
    assert.equal(base.outcome, 'share');
    assert.equal(seed.outcome, 'seek_advice');
  });

  it('s.3.8 and s.4.3–4.4: the minimum data set may be shared without consent, telling the family (baseline: ask first)', () => {
    const { base, seed } = both('haringey-2006', answers({ level: 'minimum', consent: 'not_yet_asked' }));
    assert.equal(base.outcome, 'do_not_share');
    assert.equal(seed.outcome, 'share');
    assert.equal(decidedBy(seed), 'minimum_data_set_without_consent');
    assert.ok(has(seed, 'inform_subject_unless_risk'));
    assert.match(seed.rules[0]!.clause ?? '', /^Haringey 2006 s\.3\.7\(b\), s\.3\.8/);
  });

  it('s.4.5: the listed exceptions still allow detailed information without consent (significant harm; a legal duty)', () => {
    const harm = both('haringey-2006', answers({ level: 'detailed', consent: 'refused', harm: 'evidence_significant_harm' }));
    assert.equal(harm.seed.outcome, 'share');
    const duty = both('haringey-2006', answers({ level: 'detailed', consent: 'not_sought', consentNotSoughtReason: 'statutory_duty' }));
    assert.equal(duty.seed.outcome, 'share');
  });

  it('s.3.8(a): shared information names the originating organisation and key contact', () => {
    const { base, seed } = both('haringey-2006', answers());
    assert.ok(has(seed, 'show_originator') && !has(base, 'show_originator'));
  });
});

describe('Derby 2015: its distinctive rules change the advice', () => {
  it('s.3 (sexual activity of under 16 year olds): a sexually active 12-year-old must be referred (baseline: talk to the safeguarding lead today)', () => {
    const a = answers({ purpose: 'early_help', childAge: 12, consent: 'refused', harm: 'none', sexualActivityUnder13: true });
    const { base, seed } = both('derby-derbyshire-2015', a);
    assert.equal(base.outcome, 'seek_advice');
    assert.equal(decidedBy(base), 'sexual_activity_under_13_discuss');
    assert.equal(seed.outcome, 'share');
    assert.equal(decidedBy(seed), 'sexual_activity_under_13');
    assert.ok(has(seed, 'refer_to_childrens_social_care'));
    assert.match(seed.rules[0]!.clause ?? '', /^Derby 2015 s\.3/);
    assert.ok(seed.reasons.some((r) => r.includes("children's social care and/or the police")));
  });

  it('s.3 (Whose consent should be sought?): a child of 12 or over who consents decides, though a parent disagrees (baseline: get advice)', () => {
    const a = answers({ purpose: 'early_help', childAge: 12, consent: 'given', consentConflict: true, harm: 'emerging_needs' });
    const { base, seed } = both('derby-derbyshire-2015', a);
    assert.equal(base.outcome, 'seek_advice');
    assert.equal(seed.outcome, 'share');
    assert.match(clauseOf(seed, 'competence_presumed') ?? '', /^Derby 2015 s\.3/);
    const eleven = both('derby-derbyshire-2015', answers({ purpose: 'early_help', childAge: 11, consent: 'given', consentConflict: true, harm: 'emerging_needs' }));
    assert.equal(eleven.seed.outcome, 'seek_advice', 'under 12: no presumption');
  });

  it('s.3 (preventative services): without consent the key factor is proportionality — weigh it up with advice (baseline: do not share)', () => {
    const { base, seed } = both('derby-derbyshire-2015', answers({ purpose: 'early_help', consent: 'refused', harm: 'emerging_needs' }));
    assert.equal(base.outcome, 'do_not_share');
    assert.equal(seed.outcome, 'seek_advice');
    assert.ok(has(seed, 'weigh_public_interest'));
    assert.equal(decidedBy(seed), 'weigh_proportionality_without_consent');
  });

  it('s.5 para. 7: information received is not disclosed to another agency without the provider’s agreement', () => {
    const { base, seed } = both('derby-derbyshire-2015', answers());
    assert.ok(has(seed, 'agree_onward_sharing') && !has(base, 'agree_onward_sharing'));
  });
});

describe('Wirral 2022: its distinctive rules change the advice', () => {
  it('App. 2 s.5.4: a decision not to share is given, with its reasons, to the agency that asked', () => {
    const { base, seed } = both('wirral-2022', answers({ consent: 'refused', harm: 'none' }));
    assert.equal(seed.outcome, 'do_not_share');
    assert.ok(has(seed, 'give_reasons_to_requester') && !has(base, 'give_reasons_to_requester'));
    assert.match(clauseOf(seed, 'reasons_to_requester') ?? '', /^Wirral 2022 App\. 2 s\.5\.4/);
  });

  it('App. 2 s.4.3 and s.6.2–6.3: encrypted or government secure email, with initials in emails', () => {
    const { base, seed } = both('wirral-2022', answers({ purpose: 'child_protection', harm: 'reasonable_cause_significant_harm', consent: 'not_sought', consentNotSoughtReason: 'increase_risk' }));
    for (const c of ['use_secure_email', 'initials_in_email'] as const) assert.ok(has(seed, c) && !has(base, c), c);
    assert.match(clauseOf(seed, 'secure_transfer') ?? '', /^Wirral 2022 App\. 2 s\.4\.3/);
  });

  it('App. 2 s.6.1: shared information shows the originator’s details, including organisation and date', () => {
    const { base, seed } = both('wirral-2022', answers({ purpose: 'early_help', consent: 'given' }));
    assert.ok(has(seed, 'show_originator') && !has(base, 'show_originator'));
    assert.match(clauseOf(seed, 'show_originator') ?? '', /^Wirral 2022 App\. 2 s\.6\.1/);
  });
});

describe('Sandwell 2022: its distinctive rules change the advice', () => {
  it('App. 2 (Early Help): early help needs freely given, informed, explicit consent — refused means do not share (baseline: get advice)', () => {
    const { base, seed } = both('sandwell-2022', answers({ purpose: 'early_help', confidential: false, consent: 'refused', harm: 'emerging_needs' }));
    assert.equal(base.outcome, 'seek_advice');
    assert.equal(seed.outcome, 'do_not_share');
    assert.equal(decidedBy(seed), 'explicit_consent_required');
    assert.match(seed.rules[0]!.clause ?? '', /^Sandwell 2022 App\. 2 \(Early Help/);
  });

  it('App. 2 (Early Help) and s.6.3: early help without freely given consent because of an imbalance of power — get advice (baseline: share)', () => {
    const { base, seed } = both('sandwell-2022', answers({ purpose: 'early_help', consent: 'not_sought', consentNotSoughtReason: 'imbalance_of_power' }));
    assert.equal(base.outcome, 'share');
    assert.equal(seed.outcome, 'seek_advice');
  });

  it('s.1.7: safeguarding and promoting welfare relies on public task, not consent — a child in need’s information is shared and the family told (baseline: ask first)', () => {
    const { base, seed } = both('sandwell-2022', answers({ purpose: 'child_in_need', consent: 'not_yet_asked' }));
    assert.equal(base.outcome, 'do_not_share');
    assert.equal(seed.outcome, 'share');
    assert.equal(decidedBy(seed), 'consent_not_required_for_purpose');
    assert.ok(has(seed, 'inform_subject_unless_risk'));
    assert.match(seed.rules[0]!.clause ?? '', /^Sandwell 2022 s\.1\.7/);
  });

  it('s.1.7: legal obligation is listed with public task as the basis for child protection', () => {
    const { base, seed } = both('sandwell-2022', answers({ purpose: 'child_protection', consent: 'refused', harm: 'evidence_significant_harm' }));
    assert.ok(bases(seed).includes('uk_gdpr_6_1_c') && !bases(base).includes('uk_gdpr_6_1_c'));
    assert.match(clauseOf(seed, 'preferred_lawful_bases') ?? '', /^Sandwell 2022 s\.1\.7/);
  });

  it('App. 2 q.5: serious crime is an exception to the early-help consent requirement — still shared in the public interest', () => {
    const { seed } = both('sandwell-2022', answers({ purpose: 'early_help', consent: 'refused', harm: 'serious_crime' }));
    assert.equal(seed.outcome, 'share');
  });
});

// ---------------------------------------------------------------------------------------------
// Broken packs
// ---------------------------------------------------------------------------------------------

describe('a broken pack is refused with the file, line, path and what is wrong', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'concord-broken-pack-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  const HEAD = 'id: broken\nversion: "1"\ntitle: A broken pack\nextends: national-baseline@2026.4\n';
  async function errorsOf(name: string, text: string): Promise<{ file: string; errors: PackFileError[] }> {
    const file = path.join(dir, name);
    await writeFile(file, text, 'utf8');
    const read = await readPackFile(file, PACKS_DIR);
    assert.ok(!read.ok, `${name} should be refused`);
    return { file, errors: read.ok ? [] : read.errors };
  }

  it('a value of the wrong type', async () => {
    const { file, errors } = await errorsOf('wrong-type.yaml', `${HEAD}consent:\n  competence:\n    presumedFromAge: twelve\n`);
    assert.deepEqual(errors, [{ file, line: 7, path: 'consent.competence.presumedFromAge', message: 'Invalid input: expected number, received string' }]);
  });

  it('a version written as a number', async () => {
    const { file, errors } = await errorsOf('number-version.yaml', 'id: broken\nversion: 2026.1\ntitle: A broken pack\nextends: national-baseline@2026.4\n');
    assert.deepEqual(errors, [{ file, line: 2, path: 'version', message: 'Invalid input: expected string, received number' }]);
  });

  it('an unknown key: the key’s line, what it might be, and what is allowed', async () => {
    const { file, errors } = await errorsOf('unknown-key.yaml', `${HEAD}consent:\n  competance:\n    presumedFromAge: 12\n`);
    assert.equal(errors.length, 1);
    assert.deepEqual({ ...errors[0], message: undefined }, { file, line: 6, path: 'consent.competance', message: undefined });
    assert.match(errors[0]!.message, /^"competance" is not a known key here — did you mean "competence"\? Allowed: explicitConsentRequiredFor, exceptions, .*whoMayConsent, clause$/);
  });

  it('a value not among the options, inside a list', async () => {
    const { file, errors } = await errorsOf('bad-option.yaml', `${HEAD}mandatoryReferrals:\n  - id: under-13\n    when: sexual_activity_under_12\n    to: social care\n    clause: Test s.3\n`);
    assert.deepEqual(errors, [{ file, line: 7, path: 'mandatoryReferrals.0.when', message: 'Invalid option: expected one of "sexual_activity_under_13"|"significant_harm"' }]);
  });

  it('a rule the engine refuses: consent as the preferred UK GDPR basis (ADR 0006)', async () => {
    const { file, errors } = await errorsOf('consent-basis.yaml', `${HEAD}lawfulBases:\n  preferred:\n    - uk_gdpr_6_1_a\n`);
    assert.deepEqual(
      errors.map((e) => [e.file, e.line, e.path]),
      [
        [file, 7, 'lawfulBases.preferred.0'],
        [file, 6, 'lawfulBases.preferred'],
      ],
    );
    assert.match(errors[0]!.message, /consent \(uk_gdpr_6_1_a\) cannot be a preferred basis/);
  });

  it('an extends naming a version that is not there', async () => {
    const { file, errors } = await errorsOf('bad-version.yaml', 'id: broken\nversion: "1"\ntitle: A broken pack\nextends: national-baseline@1999.1\n');
    assert.deepEqual(errors, [{ file, line: 4, path: 'extends', message: `${path.join(PACKS_DIR, 'national-baseline', 'pack.yaml')} is version 2026.4, not 1999.1` }]);
  });

  it('an extends naming a pack that does not exist', async () => {
    const { file, errors } = await errorsOf('no-parent.yaml', 'id: broken\nversion: "1"\ntitle: A broken pack\nextends: no-such-pack@1\n');
    assert.deepEqual(errors, [
      { file, line: 4, path: 'extends', message: 'the parent pack no-such-pack@1 cannot be used' },
      { file: path.join(PACKS_DIR, 'no-such-pack', 'pack.yaml'), path: '(file)', message: 'file not found' },
    ]);
  });

  it('an extends that is not id@version', async () => {
    const { file, errors } = await errorsOf('bad-extends.yaml', 'id: broken\nversion: "1"\ntitle: A broken pack\nextends: national-baseline\n');
    assert.deepEqual(errors, [{ file, line: 4, path: 'extends', message: 'write the parent as id@version, e.g. national-baseline@2026.4' }]);
  });

  it('a duplicate key', async () => {
    const { file, errors } = await errorsOf('duplicate.yaml', `${HEAD}title: Again\n`);
    assert.deepEqual(errors, [{ file, line: 5, path: '(yaml)', message: 'Map keys must be unique' }]);
  });

  it('a YAML syntax error', async () => {
    const { file, errors } = await errorsOf('syntax.yaml', `${HEAD}aggregate:\n  smallNumberThreshold: 5\n clause: Test s.12\n`);
    assert.deepEqual(errors, [{ file, line: 7, path: '(yaml)', message: 'All mapping items must start at the same column' }]);
  });

  it('the packs directory refuses to load with any broken pack, naming it', async () => {
    const packsDir = path.join(dir, 'protocols');
    await mkdir(path.join(packsDir, 'national-baseline'), { recursive: true });
    await writeFile(path.join(packsDir, 'national-baseline', 'pack.yaml'), await readFile(path.join(PACKS_DIR, 'national-baseline', 'pack.yaml')));
    await mkdir(path.join(packsDir, 'broken'));
    const broken = path.join(packsDir, 'broken', 'pack.yaml');
    await writeFile(broken, `${HEAD}aggregate:\n  smallNumberThreshold: -1\n`);
    await assert.rejects(loadPacksDir(packsDir), (e: Error) => {
      assert.equal(e.message, `Protocol pack broken is not valid:\n${broken}:6: aggregate.smallNumberThreshold: Too small: expected number to be >=0`);
      return true;
    });
  });
});
