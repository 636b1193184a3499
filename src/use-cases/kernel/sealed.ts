// The registry of sealed records: for each kind of record whose free text is encrypted (sealing.ts),
// the context bound to its ciphertext as additional data — so a sealed value opens only as the
// record it was sealed for — and the shape of what is sealed. A context string, once used, must
// never change: every value sealed under it would stop opening (src/use-cases/kernel/sealing.test.ts pins them).
import { z } from 'zod';
import type { SealedColumn, SealedPayload } from '../../db/schema.ts';
import { CONSENT_STATES } from '../../domain/decision/answers.ts';
import { type DataKey, decryptBytes, decryptJson, encryptBytes, encryptJson, type Keyring, newDataKey, seal, sealEach, unseal, unwrapDataKey } from './sealing.ts';

const text = z.string();
const maybeText = z.string().nullable();

/** A recorded decision's narrative. */
const decision = z.object({ purposeDetail: text, informationShared: maybeText, reasons: maybeText });

/** What the receiving agency needs to find the child in its own records (the minimum data set). */
const childIdentity = z.object({ name: text, dateOfBirth: text, nhsNumber: maybeText, address: maybeText, postcode: maybeText });
/** A request's narrative: free text that may identify the family, and who the child is. */
const request = z.object({ informationNeeded: text, reason: text, consent: z.enum(CONSENT_STATES), consentDetail: maybeText, child: childIdentity });

/** A note on a step in a request's history. */
const requestEvent = z.object({ note: text });

/** A designated manager's note on approving, or reasons for refusing, sharing against the advice (Haringey 2006 s.4.6–4.7). */
const decisionApproval = z.object({ note: maybeText });
/** Why a decision to share was withdrawn before anything was sent. */
const decisionWithdrawal = z.object({ reason: text });

/** A reported inaccuracy: what the recipient says is wrong (seen by the originator and the
 *  reporting agency), and the originator's corrected value (sent to every recipient) or reasons. */
const correction = z.object({ description: text, correctedValue: maybeText, decisionNote: maybeText });

/** Why a recipient asks to pass information on, and the originator's reasons for refusing: for the
 *  whole answer, and for each item it refused (by item id; absent from agreements answered whole). */
const onwardAgreement = z.object({ purpose: text, reasons: maybeText, itemReasons: z.record(z.string(), text).optional() });

/** The send form as far as it has been filled in (items added one at a time), under one decision. */
const disclosureDraft = z.object({
  rows: z.array(z.object({ choice: text, value: text, kind: text })),
  scope: text,
  sourceItemIds: z.array(text),
  freeText: text,
});

/** A dispute's narrative: what the practitioner disagrees with and why. */
const dispute = z.object({ summary: text });
/** Notes on a step of a dispute: what was discussed and why (a stage), why it was escalated, or an
 *  agency's outcome and impact. */
const disputeEvent = z.record(z.string(), maybeText);
/** A complaint and, once answered, the response. */
const complaint = z.object({ summary: text, response: maybeText });
/** A statutory partner's reasons for its scrutiny finding on a decision not to share. */
const scrutinyFinding = z.object({ note: text });

/** A break-glass request's reason for access, and the lead agency's review note (ADR 0050). */
const breakGlass = z.object({ reason: text, reviewNote: maybeText });

/** A staff member's TOTP shared secret (Base32): sealed, so a copy of the database cannot mint codes (ADR 0017). */
const totpSecret = z.object({ secret: text });

/** An agency identity provider's client secret (ADR 0047): sealed, so a copy of the database cannot act as Concord at the provider. */
const identityProviderSecret = z.object({ secret: text });
/** A rights request: what the requester asks for, the evidence of identity and authority seen, and the answer's reasons. */
const rightsRequest = z.object({ summary: text, evidence: maybeText, reasons: maybeText });
/** A note on a step of a rights request (a clarification asked or received, an extension's reason). */
const rightsEvent = z.object({ note: text });
/** A source agency's reasons for the exemption it asks for. */
const rightsConsultation = z.object({ reasons: maybeText });
/** What is withheld from a response and why, for the schedule. */
const rightsWithheld = z.object({ note: text });
/** A response pack: the PDF, base64. */
const rightsResponsePack = z.object({ pdf: text });

/** The kinds of sealed record: each one's context and the schema of its sealed value. */
export const SEALED = {
  decision: { context: (id: string) => `decision:${id}`, schema: decision },
  'decision-approval': { context: (id: string) => `decision-approval:${id}`, schema: decisionApproval },
  'decision-withdrawal': { context: (id: string) => `decision-withdrawal:${id}`, schema: decisionWithdrawal },
  request: { context: (id: string) => `request:${id}`, schema: request },
  'request-event': { context: (id: string) => `request-event:${id}`, schema: requestEvent },
  correction: { context: (id: string) => `correction:${id}`, schema: correction },
  'onward-agreement': { context: (id: string) => `onward-agreement:${id}`, schema: onwardAgreement },
  'disclosure-draft': { context: (decisionId: string) => `disclosure-draft:${decisionId}`, schema: disclosureDraft },
  dispute: { context: (id: string) => `dispute:${id}`, schema: dispute },
  'dispute-event': { context: (id: string) => `dispute-event:${id}`, schema: disputeEvent },
  complaint: { context: (id: string) => `complaint:${id}`, schema: complaint },
  'scrutiny-finding': { context: (id: string) => `scrutiny-finding:${id}`, schema: scrutinyFinding },
  'totp-secret': { context: (id: string) => `totp-secret:${id}`, schema: totpSecret },
  'identity-provider-secret': { context: (agencyId: string) => `identity-provider-secret:${agencyId}`, schema: identityProviderSecret },
  'break-glass': { context: (id: string) => `break-glass:${id}`, schema: breakGlass },
  'rights-request': { context: (id: string) => `rights-request:${id}`, schema: rightsRequest },
  'rights-event': { context: (id: string) => `rights-event:${id}`, schema: rightsEvent },
  'rights-consultation': { context: (id: string) => `rights-consultation:${id}`, schema: rightsConsultation },
  'rights-withheld': { context: (id: string) => `rights-withheld:${id}`, schema: rightsWithheld },
  'rights-response-pack': { context: (id: string) => `rights-response-pack:${id}`, schema: rightsResponsePack },
} as const;

export type SealedKind = keyof typeof SEALED;
export type SealedValue<K extends SealedKind> = z.output<(typeof SEALED)[K]['schema']>;
export type ChildIdentity = z.output<typeof childIdentity>;
/** The send form as far as it has been filled in. */
export type DisclosureDraft = z.output<typeof disclosureDraft>;

/** Seal a record's value under its kind's context. */
export function sealAs<K extends SealedKind>(keyring: Keyring, kind: K, id: string, value: SealedValue<K>): SealedColumn {
  return seal(keyring, SEALED[kind].context(id), SEALED[kind].schema.parse(value));
}

/** Seal the same value for many records of a kind (a tombstone), each under its own context. */
export function sealEachAs<K extends SealedKind>(keyring: Keyring, kind: K, ids: readonly string[], value: SealedValue<K>): SealedColumn[] {
  const parsed = SEALED[kind].schema.parse(value);
  return sealEach(
    keyring,
    ids.map((id) => SEALED[kind].context(id)),
    parsed,
  );
}

/** Open a record's sealed value; throws if it was sealed for another record or kind. */
export function unsealAs<K extends SealedKind>(keyring: Keyring, kind: K, id: string, sealed: SealedColumn): SealedValue<K> {
  return SEALED[kind].schema.parse(unseal(keyring, SEALED[kind].context(id), sealed)) as SealedValue<K>;
}

// A disclosure has one data key (wrapped by a key-encryption key named by id, so keys can be
// rotated; destroying the wrapped key shreds the payload and every attachment) that encrypts its
// payload and each attachment under their own contexts.

export const disclosureContext = (disclosureId: string) => `disclosure:${disclosureId}`;
export const attachmentContext = (disclosureId: string, attachmentId: string) => `disclosure:${disclosureId}:attachment:${attachmentId}`;

/** What a disclosure carries: the items' values (their provenance is in clear), a message, and the attachments' details. */
const disclosurePayload = z.object({
  items: z.array(z.object({ id: text, value: text })),
  freeText: maybeText,
  attachments: z.array(z.object({ id: text, filename: text, contentType: text, size: z.number() })),
});
export type DisclosurePayload = z.output<typeof disclosurePayload>;

/** The stored key of a disclosure: null once it has been shredded (revoked or expired unopened). */
export interface DisclosureKeyColumns {
  id: string;
  key_id: string;
  wrapped_key: string | null;
}

/** A fresh data key for a new disclosure. */
export const newDisclosureKey = (keyring: Keyring, disclosureId: string): DataKey => newDataKey(keyring, disclosureContext(disclosureId));

export const sealDisclosurePayload = (key: Buffer, disclosureId: string, payload: DisclosurePayload): SealedPayload =>
  encryptJson(key, disclosurePayload.parse(payload), disclosureContext(disclosureId));

export const sealAttachment = (key: Buffer, disclosureId: string, attachmentId: string, content: Buffer): Buffer => encryptBytes(key, content, attachmentContext(disclosureId, attachmentId));

/** The disclosure's data key, or undefined once it has been shredded. */
function disclosureKey(keyring: Keyring, d: DisclosureKeyColumns): Buffer | undefined {
  return d.wrapped_key ? unwrapDataKey(keyring, d.key_id, d.wrapped_key, disclosureContext(d.id)) : undefined;
}

/** The disclosure's payload, or undefined once it has been shredded. */
export function unsealDisclosurePayload(keyring: Keyring, d: DisclosureKeyColumns & { payload: SealedPayload }): DisclosurePayload | undefined {
  const key = disclosureKey(keyring, d);
  return key ? disclosurePayload.parse(decryptJson(key, d.payload, disclosureContext(d.id))) : undefined;
}

/** An attachment's content, or undefined once the disclosure has been shredded. */
export function unsealAttachment(keyring: Keyring, d: DisclosureKeyColumns, attachmentId: string, content: Buffer): Buffer | undefined {
  const key = disclosureKey(keyring, d);
  return key ? decryptBytes(key, content, attachmentContext(d.id, attachmentId)) : undefined;
}
