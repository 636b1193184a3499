// The partnership's information sharing agreement: who is party to it, who has signed it, and
// whether an agency is in force under it (and so may receive information). Pure: the date is a
// parameter. The rules come from the seeds:
//
// - signatory agencies sign with the signatory's name, title and date (Southampton 2010 s.1, s.18;
//   Haringey 2006 s.2.2, s.13; Derby & Derbyshire 2015 s.5 para. 7);
// - each signatory confirms the protocol's requirements item by item (Southampton 2010 s.18, the
//   pack's `signatories.checklist`);
// - where the pack says so, a privacy impact assessment comes before signing and before sharing
//   (Wirral 2022 App. 2 s.7.4, `signatories.privacyImpactAssessmentBeforeSigning`);
// - members re-affirm their commitment every so often (Sandwell 2022 s.14.4 "biennially",
//   `signatories.reaffirmation`);
// - second-tier agreements between some partners for a narrower purpose (Derby 2015 s.1).
import { z } from 'zod';
import { addDaysToDate, deadline, type IsoDate, londonDateOf, londonInstant } from './clocks.ts';
import { isRealDate } from './dates.ts';
import type { Duration, Pack } from './protocol/pack.ts';
import { type Actor, hasRole, type Role } from './staff.ts';

/** What an agency is to an agreement (Children Act 2004 s.16E statutory partners; s.16G relevant
 *  agencies; the lead signatory that holds the agreement for the partnership). */
export const PARTY_ROLES = ['lead_signatory', 'statutory_partner', 'relevant_agency'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
export const partyRoleLabels: Record<PartyRole, string> = {
  lead_signatory: 'Lead signatory (holds the agreement)',
  statutory_partner: 'Statutory safeguarding partner',
  relevant_agency: 'Relevant agency',
};

export const DOCUMENT_KINDS = ['signed_agreement', 'security_summary', 'privacy_impact_assessment', 'procedure', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const documentKindLabels: Record<DocumentKind, string> = {
  signed_agreement: 'Signed agreement',
  security_summary: 'Summary security document',
  privacy_impact_assessment: 'Privacy impact assessment',
  procedure: 'Local procedure',
  other: 'Other document',
};

/** Who manages the agreement register: the partnership's business manager (Wirral 2022 App. 2 s.5.2;
 *  Haringey 2006 s.5 — the partnership keeps the protocol under review). */
export const canManageAgreements = (actor: Pick<Actor, 'roles'>): boolean => hasRole(actor, 'partnership_manager');

/** The Concord roles that act as an agency's nominated officer for signing (ADR 0020): its single
 *  point of contact, its information governance lead or data protection officer, and its Caldicott
 *  guardian — plus any Concord role the pack gives a "nominated officer" role of its own
 *  (Derby 2015 s.5 para. 7 "a nominated officer … will sign"). */
export function signingRoles(pack: Pick<Pack, 'roles'>): Role[] {
  const named = pack.roles.filter((r) => /nominated|signator/i.test(r.id) || /nominated|signator/i.test(r.title)).flatMap((r) => (r.concordRole ? [r.concordRole] : []));
  return [...new Set<Role>(['spoc', 'ig_lead', 'caldicott_guardian', ...named])];
}

/** Only a nominated officer of the agency itself signs for it. */
export const canSignFor = (actor: Pick<Actor, 'roles' | 'agencyId'>, pack: Pick<Pack, 'roles'>, agencyId: string): boolean => actor.agencyId === agencyId && hasRole(actor, ...signingRoles(pack));

/** Who may see an agreement: every member of the partnership sees the main agreement; a second-tier
 *  agreement is seen by its parties' staff and the partnership manager (others: not found). */
export const canSeeAgreement = (actor: Pick<Actor, 'roles' | 'agencyId'>, a: { parentId: string | null; partyAgencyIds: readonly string[] }): boolean =>
  a.parentId === null || canManageAgreements(actor) || a.partyAgencyIds.includes(actor.agencyId);

// ---------------------------------------------------------------------------------------------
// An agency's standing under the agreement

/** Why an agency is, or is not, in force under the agreement. */
export type PartyStanding = 'in_force' | 'not_party' | 'not_signed' | 'lapsed' | 'earlier_version' | 'reaffirmation_overdue';

export const standingLabels: Record<PartyStanding, { text: string; colour: string }> = {
  in_force: { text: 'Signed', colour: 'green' },
  not_party: { text: 'Not a party', colour: 'grey' },
  not_signed: { text: 'Not signed', colour: 'red' },
  lapsed: { text: 'Signature lapsed', colour: 'red' },
  earlier_version: { text: 'Signed an earlier version', colour: 'orange' },
  reaffirmation_overdue: { text: 'Re-affirmation overdue', colour: 'red' },
};

/** The latest signature an agency gave, as the standing rule reads it. */
export interface SignatureFacts {
  /** The pack the signature was given under, id@version. */
  pack: string;
  signedOn: IsoDate;
  lapsedOn: IsoDate | null;
}

/** When a signature must be re-affirmed, if the pack sets a period (Sandwell 2022 s.14.4). */
export function reaffirmationDue(pack: Pick<Pack, 'signatories'>, signedOn: IsoDate): IsoDate | null {
  const period = pack.signatories.reaffirmation;
  return period ? dateAfter(signedOn, period) : null;
}

/** A date plus a pack duration (working days count England's working days, ADR 0009). */
export function dateAfter(date: IsoDate, d: Duration): IsoDate {
  if (d.unit === 'hours') return addDaysToDate(date, Math.ceil(d.amount / 24));
  return londonDateOf(deadline(londonInstant(date, { hour: 12 }), d));
}

/** An agreed move to a new pack version, waiting on the agreement until its date (ADR 0088). */
export interface PackMove {
  packRef: string;
  pack: Pick<Pack, 'signatories'>;
  /** The first day the new version is the one in force. */
  from: IsoDate;
}

/** The agreement as the standing rule reads it: its pack version and any agreed move to a new one. */
export interface AgreementVersion {
  pack: Pick<Pack, 'signatories'>;
  packRef: string;
  next?: PackMove | null;
}

/** The pack version in force on `today`: the new one from its date, the agreement's own before. */
export function versionInForce(agreement: AgreementVersion, today: IsoDate): { packRef: string; pack: Pick<Pack, 'signatories'> } {
  const n = agreement.next;
  return n && n.from <= today ? { packRef: n.packRef, pack: n.pack } : { packRef: agreement.packRef, pack: agreement.pack };
}

/** The pack version a party signs under now: once a move is agreed, the new one (so parties
 *  re-sign before the date, Wirral 2022 App. 2 s.5.3), else the agreement's. */
export const signingVersion = (agreement: Pick<AgreementVersion, 'packRef' | 'next'>): string => agreement.next?.packRef ?? agreement.packRef;

/** An agency's standing on `today`: it is in force only when it is an active party that has signed
 *  the pack version in force on that day, its signature has not lapsed, and any re-affirmation the
 *  pack requires is not overdue. While a move to a new version waits for its date, a party's
 *  signature under the current version still stands, and so does one it gave early under the new
 *  version; from the date, only a signature under the new version does (ADR 0088). */
export function partyStanding(agreement: AgreementVersion | null, party: { active: boolean; isParty: boolean; signature: SignatureFacts | null }, today: IsoDate): PartyStanding {
  if (!party.active || !agreement || !party.isParty) return 'not_party';
  const s = party.signature;
  if (!s) return 'not_signed';
  if (s.lapsedOn && s.lapsedOn <= today) return 'lapsed';
  const current = versionInForce(agreement, today);
  const early = agreement.next && agreement.next.from > today && s.pack === agreement.next.packRef ? agreement.next : null;
  if (s.pack !== current.packRef && !early) return 'earlier_version';
  const due = reaffirmationDue((early ?? current).pack, s.signedOn);
  if (due && due < today) return 'reaffirmation_overdue';
  return 'in_force';
}

/** The date by which a party must sign the new version, if a move waits and its latest signature is
 *  under another version; null otherwise. */
export function resignBy(agreement: Pick<AgreementVersion, 'next'>, signature: Pick<SignatureFacts, 'pack'> | null): IsoDate | null {
  const n = agreement.next;
  return n && signature?.pack !== n.packRef ? n.from : null;
}

/** Why information cannot be sent to an agency, in words the sender can act on. */
export const standingRefusal: Record<Exclude<PartyStanding, 'in_force'>, string> = {
  not_party: 'The recipient is not a current party to the partnership’s information sharing agreement, so information cannot be sent to it.',
  not_signed: 'The recipient has not signed the partnership’s information sharing agreement, so information cannot be sent to it until its nominated officer signs.',
  lapsed: 'The recipient’s signature of the information sharing agreement has lapsed, so information cannot be sent to it until it signs again.',
  earlier_version: 'The recipient signed an earlier version of the information sharing agreement and has not yet signed the current one, so information cannot be sent to it.',
  reaffirmation_overdue: 'The recipient has not re-affirmed the information sharing agreement when the protocol requires, so information cannot be sent to it until it does.',
};

// ---------------------------------------------------------------------------------------------
// Input

const isoDate = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isRealDate(s), `${what[0]!.toUpperCase()}${what.slice(1)} must be a real date`);
const text = (what: string, max = 2000) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s), 'Remove control characters');
const optionalText = (what: string, max = 2000) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), text(what, max).optional());

export const createAgreementSchema = z.object({
  title: text('the agreement’s title', 200),
  /** Left out: the protocol's own effective date (the pack's `dates.effective`). */
  effectiveOn: z.preprocess((v) => (v === '' ? undefined : v), isoDate('the date the agreement takes effect').optional()),
  reviewOn: z.preprocess((v) => (v === '' ? undefined : v), isoDate('the next review date').optional()),
  /** For a second-tier agreement: the main agreement it sits under, and its narrower purpose. */
  parentId: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  purpose: optionalText('the purpose of the second-tier agreement', 1000),
  parties: z
    .array(z.object({ agencyId: z.string({ error: 'Select an agency' }), role: z.enum(PARTY_ROLES, { error: 'Select the party’s role' }) }), { error: 'Select the agencies party to the agreement' })
    .min(1, 'Select at least one agency party to the agreement'),
});
export type CreateAgreementInput = z.infer<typeof createAgreementSchema>;

export const addDocumentSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS, { error: 'Select what kind of document this is' }),
  title: text('the document’s title', 200),
  /** Where the document is held (a reference in the agency's records system): Concord records the
   *  document, not its contents. */
  reference: text('where the document is held', 300),
  agencyId: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
});

export const signAgreementSchema = z.object({
  agencyId: z.string({ error: 'Select the agency you are signing for' }),
  /** One attestation per checklist item: the item's id and the evidence for it. */
  checklist: z.record(z.string(), z.object({ confirmed: z.boolean().optional(), evidence: z.string().optional() })).default({}),
  privacyImpactAssessment: z
    .object({
      completedOn: z.string().optional(),
      outcome: z.string().optional(),
      risks: z.string().optional(),
      mitigations: z.string().optional(),
      document: z.string().optional(),
    })
    .optional(),
  /** Where the agency stores the information it receives (pack `dataResidency`): one of the
   *  places the protocol names, or `elsewhere` with where and the transfer's safeguard. */
  dataStorage: z.object({ location: z.string().optional(), elsewhere: z.string().optional(), safeguard: z.string().optional() }).optional(),
  signatoryName: text('the signatory’s full name', 200),
  signatoryTitle: text('the signatory’s job title', 200),
  signedOn: isoDate('the date of signing'),
  /** The protocol version (id@version) whose checklist the signatory read. If the agreement has
   *  moved to another since, nothing is signed: they must read the new one (ADR 0073). */
  seenPack: z.string().max(200).optional(),
});
export type SignAgreementInput = z.infer<typeof signAgreementSchema>;

export const PIA_OUTCOMES = ['risks_mitigated', 'risks_accepted', 'not_mitigated'] as const;
export const piaOutcomeLabels: Record<(typeof PIA_OUTCOMES)[number], string> = {
  risks_mitigated: 'Risks identified and controls in place to mitigate them',
  risks_accepted: 'Residual risks accepted by the senior information risk owner',
  not_mitigated: 'Risks not yet mitigated',
};

export interface Attestation {
  id: string;
  text: string;
  evidence: string;
}
/** Where a signing agency stores the information it receives, and the safeguard for a transfer
 *  outside the places the protocol names (pack `dataResidency.storeIn` / `transfersOutside`). */
export interface DataStorage {
  location: string;
  elsewhere: string | null;
  safeguard: string | null;
}

/** Check where the agency stores data against the pack: it says where (signatory checklist
 *  evidence), and storing anywhere but the pack's `dataResidency.storeIn` needs the transfer's
 *  safeguard recorded (UK GDPR Art. 44–46; Wirral 2022 App. 2 s.4.3 "not transferred outside the
 *  European Economic Area"). */
export function checkDataStorage(pack: Pick<Pack, 'dataResidency'>, given: SignAgreementInput['dataStorage']): { errors: { path: string; message: string }[]; storage: DataStorage | null } {
  const location = (given?.location ?? '').trim();
  const elsewhere = (given?.elsewhere ?? '').trim();
  const safeguard = (given?.safeguard ?? '').trim();
  const errors: { path: string; message: string }[] = [];
  if (!location) errors.push({ path: 'dataStorage.location', message: 'Select where your agency stores the information it receives' });
  else if (location !== 'elsewhere' && !pack.dataResidency.storeIn.includes(location)) errors.push({ path: 'dataStorage.location', message: 'Select one of the places listed, or somewhere else' });
  else if (location === 'elsewhere') {
    if (!elsewhere) errors.push({ path: 'dataStorage.elsewhere', message: 'Enter where your agency stores the information' });
    if (!safeguard)
      errors.push({
        path: 'dataStorage.safeguard',
        message: `Enter the safeguard for storing information outside ${pack.dataResidency.storeIn.join(' or ')}: the protocol says “${pack.dataResidency.transfersOutside}”`,
      });
  }
  if (elsewhere.length > 300 || safeguard.length > 2000) errors.push({ path: 'dataStorage.safeguard', message: 'Where and the safeguard must be 300 and 2000 characters or fewer' });
  if (errors.length) return { errors, storage: null };
  return { errors, storage: location === 'elsewhere' ? { location, elsewhere, safeguard } : { location, elsewhere: null, safeguard: null } };
}

export interface PrivacyImpactAssessment {
  completedOn: IsoDate;
  outcome: (typeof PIA_OUTCOMES)[number];
  risks: string;
  mitigations: string;
  document: string | null;
}

/** Check a signature against the pack: every checklist item attested with its evidence, the privacy
 *  impact assessment first where the pack requires one (Wirral 2022 App. 2 s.7.4: "must not sign this
 *  agreement until controls mitigate the assessed privacy risks"), and no date in the future. */
export function checkSignature(
  pack: Pick<Pack, 'signatories' | 'dataResidency'>,
  input: SignAgreementInput,
  today: IsoDate,
): { errors: { path: string; message: string }[]; attestations: Attestation[]; pia: PrivacyImpactAssessment | null; storage: DataStorage | null } {
  const residency = checkDataStorage(pack, input.dataStorage);
  const errors: { path: string; message: string }[] = [];
  const attestations: Attestation[] = [];
  pack.signatories.checklist.forEach((item) => {
    const given = input.checklist[item.id];
    const evidence = (given?.evidence ?? '').trim();
    if (!given?.confirmed) errors.push({ path: `checklist.${item.id}.confirmed`, message: `Confirm: ${item.text}` });
    else if (!evidence) errors.push({ path: `checklist.${item.id}.evidence`, message: `Give the evidence for: ${item.text}` });
    else if (evidence.length > 1000) errors.push({ path: `checklist.${item.id}.evidence`, message: 'Evidence must be 1000 characters or fewer' });
    else attestations.push({ id: item.id, text: item.text, evidence });
  });
  for (const id of Object.keys(input.checklist)) {
    if (!pack.signatories.checklist.some((i) => i.id === id)) errors.push({ path: `checklist.${id}`, message: 'This is not an item of the protocol’s signatory checklist' });
  }
  let pia: PrivacyImpactAssessment | null = null;
  const p = input.privacyImpactAssessment;
  const given = p && Object.values(p).some((v) => typeof v === 'string' && v.trim() !== '');
  if (pack.signatories.privacyImpactAssessmentBeforeSigning || given) {
    const e0 = errors.length;
    const completedOn = (p?.completedOn ?? '').trim();
    if (!completedOn) errors.push({ path: 'privacyImpactAssessment.completedOn', message: 'Enter the date the privacy impact assessment was completed' });
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(completedOn) || !isRealDate(completedOn))
      errors.push({ path: 'privacyImpactAssessment.completedOn', message: 'The privacy impact assessment date must be a real date' });
    else if (completedOn > input.signedOn) errors.push({ path: 'privacyImpactAssessment.completedOn', message: 'The privacy impact assessment must be completed before signing' });
    const outcome = PIA_OUTCOMES.find((o) => o === p?.outcome);
    if (!outcome) errors.push({ path: 'privacyImpactAssessment.outcome', message: 'Select the outcome of the privacy impact assessment' });
    else if (outcome === 'not_mitigated' && pack.signatories.privacyImpactAssessmentBeforeSigning)
      errors.push({ path: 'privacyImpactAssessment.outcome', message: 'The protocol does not allow signing until controls mitigate the assessed privacy risks (Wirral 2022 App. 2 s.7.4)' });
    const risks = (p?.risks ?? '').trim();
    const mitigations = (p?.mitigations ?? '').trim();
    if (!risks) errors.push({ path: 'privacyImpactAssessment.risks', message: 'Enter the privacy risks the assessment found' });
    if (!mitigations) errors.push({ path: 'privacyImpactAssessment.mitigations', message: 'Enter the controls that mitigate the risks' });
    if (risks.length > 2000 || mitigations.length > 2000) errors.push({ path: 'privacyImpactAssessment.risks', message: 'Risks and mitigations must each be 2000 characters or fewer' });
    if (errors.length === e0 && outcome) pia = { completedOn, outcome, risks, mitigations, document: (p?.document ?? '').trim() || null };
  }
  errors.push(...residency.errors);
  if (input.signedOn > today) errors.push({ path: 'signedOn', message: 'The date of signing must be today or in the past' });
  return { errors, attestations, pia, storage: residency.storage };
}

/** The next review date: the one the agreement records, else the pack's cycle from the effective date
 *  (Haringey 2006 s.5.1 "six months from the contract completion date and annually thereafter"). */
export function nextReviewOn(pack: Pick<Pack, 'dates'>, agreement: { effectiveOn: IsoDate; reviewOn: IsoDate | null; lastReviewedOn: IsoDate | null }): IsoDate {
  if (agreement.lastReviewedOn) return dateAfter(agreement.lastReviewedOn, pack.dates.reviewCycle.then);
  return agreement.reviewOn ?? dateAfter(agreement.effectiveOn, pack.dates.reviewCycle.first);
}

/** A review date's state on `today`: overdue after it, due within 30 days of it. */
export function reviewState(reviewOn: IsoDate, today: IsoDate): 'overdue' | 'due' | 'scheduled' {
  if (reviewOn < today) return 'overdue';
  if (addDaysToDate(today, 30) >= reviewOn) return 'due';
  return 'scheduled';
}

export const lapseSignatureSchema = z.object({
  agencyId: z.string({ error: 'Select the agency whose signature lapsed' }),
  lapsedOn: z.preprocess((v) => (v === '' ? undefined : v), isoDate('the date the signature lapsed').optional()),
  reason: text('why the signature lapsed', 1000),
});
