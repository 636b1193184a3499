// Disclosures: information one agency sends another about a child, item by item, each item marked
// fact or opinion and stamped with its originator (Wirral 2022 s.6.1 "the originator's details,
// including organisation name and date"; HM Government 2018 Principles "Accurate": fact
// distinguished from opinion). A received item keeps its originator wherever it goes (Southampton
// 2010 s.11 "the recipient must record the identity of the originator"), and may go further only
// with the originator's agreement (Southampton 2010 s.11 and s.18 item 13; Derby 2015 s.5.7).
// An agency that finds an item inaccurate tells the originator, who decides and corrects; the
// correction reaches every agency that received the item (Southampton 2010 s.9; UK GDPR Art. 19).
import { z } from 'zod';
import { LEVELS, type Level } from './decision/answers.ts';
import { defineLifecycle, next } from './lifecycle.ts';
import type { Pack } from './protocol/pack.ts';
import { hasRole, type Actor, type Role } from './staff.ts';

export const DISCLOSURE_STATUSES = ['sent', 'opened', 'revoked', 'expired', 'returned'] as const;
export type DisclosureStatus = (typeof DISCLOSURE_STATUSES)[number];
export const disclosureStatusLabels: Record<DisclosureStatus, { text: string; colour: string }> = {
  sent: { text: 'Not opened yet', colour: 'blue' },
  opened: { text: 'Opened', colour: 'green' },
  revoked: { text: 'Revoked', colour: 'red' },
  expired: { text: 'Expired unopened', colour: 'grey' },
  returned: { text: 'Returned by the recipient', colour: 'orange' },
};

export const disclosureLifecycle = defineLifecycle<DisclosureStatus, 'open' | 'revoke' | 'expire' | 'return'>({
  states: DISCLOSURE_STATUSES,
  final: ['revoked', 'expired', 'returned'],
  transitions: {
    open: { from: ['sent', 'opened'], to: 'opened' },
    // Only unopened information can be recalled: once read, it has been received.
    revoke: { from: ['sent'], to: 'revoked' },
    expire: { from: ['sent'], to: 'expired' },
    // The recipient returns or refuses it: its copy is destroyed and an incident opened (domain/breaches.ts).
    return: { from: ['sent', 'opened'], to: 'returned' },
  },
});
export const disclosureTransition = (s: DisclosureStatus, e: 'open' | 'revoke' | 'expire' | 'return') => next(disclosureLifecycle, s, e);

export const ITEM_KINDS = ['fact', 'opinion'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const itemKindLabels: Record<ItemKind, string> = { fact: 'Fact', opinion: 'Opinion' };

/** Whether a disclosure answers all or part of a request, or is sent without one. */
export const DISCLOSURE_SCOPES = ['share_all', 'share_part', 'proactive', 'onward'] as const;
export type DisclosureScope = (typeof DISCLOSURE_SCOPES)[number];

export const MAX_ITEMS = 30;
export const MAX_ATTACHMENTS = 3;
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;
export const ATTACHMENT_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'text/plain': 'text file',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
};

export const itemInputSchema = z
  .object({
    level: z.enum(LEVELS, { error: 'Select the level of the information' }),
    label: z.string({ error: 'Select what the information is' }).trim().min(1, 'Select what the information is').max(200),
    value: z.string({ error: 'Enter the information' }).trim().min(1, 'Enter the information').max(5000, 'Each item must be 5000 characters or fewer'),
    kind: z.enum(ITEM_KINDS, { error: 'Select whether this is fact or opinion' }),
  })
  .strict();
export type ItemInput = z.output<typeof itemInputSchema>;

export const disclosureInputSchema = z
  .object({
    decisionId: z.string({ error: 'Give the decision that authorises this disclosure' }).trim().min(1, 'Give the decision that authorises this disclosure'),
    items: z.array(itemInputSchema).max(MAX_ITEMS, `Send at most ${MAX_ITEMS} items`).default([]),
    freeText: z.string().trim().max(10000, 'The message must be 10000 characters or fewer').optional().transform((v) => v || null),
    /** When answering a request: all or part of what was asked. */
    scope: z.enum(['share_all', 'share_part'], { error: 'Select whether you are sharing all or part of what was asked for' }).optional(),
    /** Onward disclosure: the received items to pass on (their originators must have agreed). */
    sourceItemIds: z.array(z.string()).max(MAX_ITEMS).default([]),
  })
  .strict();
export type DisclosureInput = z.output<typeof disclosureInputSchema>;

export interface AttachmentInput {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** Check items against the partnership's information levels, and attachments against the limits. */
export function checkDisclosureContent(pack: Pack, input: DisclosureInput, attachments: readonly AttachmentInput[]): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  input.items.forEach((item, i) => {
    const level = pack.informationLevels.find((l) => l.level === item.level);
    if (!level) errors.push({ path: `items.${i}.level`, message: `The protocol has no "${item.level}" information level` });
    else if (!level.items.includes(item.label) && item.label !== level.title) {
      errors.push({ path: `items.${i}.label`, message: `Select one of the protocol's ${level.title.toLowerCase()} items` });
    }
  });
  if (attachments.length > MAX_ATTACHMENTS) errors.push({ path: 'attachments', message: `Attach at most ${MAX_ATTACHMENTS} files` });
  attachments.forEach((a, i) => {
    if (!ATTACHMENT_TYPES[a.contentType]) errors.push({ path: `attachments.${i}`, message: `${a.filename} must be a PDF, Word document, PNG, JPEG or text file` });
    if (a.content.length === 0) errors.push({ path: `attachments.${i}`, message: `${a.filename} is empty` });
    if (a.content.length > MAX_ATTACHMENT_BYTES) errors.push({ path: `attachments.${i}`, message: `${a.filename} must be smaller than 2 MB` });
    if (!/^[^\\/\u0000-\u001f]{1,200}$/.test(a.filename)) errors.push({ path: `attachments.${i}`, message: 'A file name must be 1 to 200 characters, without slashes' });
  });
  if (input.items.length === 0 && input.sourceItemIds.length === 0 && !input.freeText && attachments.length === 0) {
    errors.push({ path: 'items', message: 'Add at least one item of information, a message or an attachment' });
  }
  return errors;
}

/** The pack's information items by level, for forms: "level|label". */
export function itemChoices(pack: Pack): { level: Level; title: string; labels: string[] }[] {
  return pack.informationLevels.map((l) => ({ level: l.level, title: l.title, labels: [...l.items] }));
}

export interface DisclosureParties {
  fromAgencyId: string;
  fromUserId: string;
  toAgencyId: string;
  toUserId: string | null;
}

/** Staff who manage information arriving at or leaving an agency. */
const LEADS: Role[] = ['spoc', 'designated_safeguarding_lead'];

/** Only authorised staff of the addressed agency open a disclosure: the person it is addressed to,
 *  or the agency's SPoC or safeguarding lead (Wirral 2022 s.6.1 "only shared with the intended recipient"). */
export const canOpenDisclosure = (actor: Pick<Actor, 'userId' | 'agencyId' | 'roles'>, d: DisclosureParties) =>
  actor.agencyId === d.toAgencyId && (actor.userId === d.toUserId || hasRole(actor, ...LEADS));

/** The sender, and their agency's SPoC or safeguarding lead, see what was sent and its read receipts. */
export const isSenderSide = (actor: Pick<Actor, 'userId' | 'agencyId' | 'roles'>, d: DisclosureParties) =>
  actor.agencyId === d.fromAgencyId && (actor.userId === d.fromUserId || hasRole(actor, ...LEADS));

/** Originator agencies (other than the sender's own) whose agreement is missing for passing items on. */
export function missingAgreements(items: readonly { originatorAgencyId: string }[], senderAgencyId: string, agreedOriginators: ReadonlySet<string>): string[] {
  return [...new Set(items.map((i) => i.originatorAgencyId))].filter((o) => o !== senderAgencyId && !agreedOriginators.has(o)).sort();
}

export const AGREEMENT_STATUSES = ['requested', 'agreed', 'refused'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
export const agreementLifecycle = defineLifecycle<AgreementStatus, 'agree' | 'refuse'>({
  states: AGREEMENT_STATUSES,
  final: ['agreed', 'refused'],
  transitions: { agree: { from: ['requested'], to: 'agreed' }, refuse: { from: ['requested'], to: 'refused' } },
});
export const agreementStatusLabels: Record<AgreementStatus, { text: string; colour: string }> = {
  requested: { text: 'Waiting for the originator', colour: 'blue' },
  agreed: { text: 'Agreed', colour: 'green' },
  refused: { text: 'Refused', colour: 'red' },
};

export const CORRECTION_STATUSES = ['reported', 'corrected', 'rejected'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];
export const correctionLifecycle = defineLifecycle<CorrectionStatus, 'correct' | 'reject'>({
  states: CORRECTION_STATUSES,
  final: ['corrected', 'rejected'],
  transitions: { correct: { from: ['reported'], to: 'corrected' }, reject: { from: ['reported'], to: 'rejected' } },
});
export const correctionStatusLabels: Record<CorrectionStatus, { text: string; colour: string }> = {
  reported: { text: 'Reported to the originator', colour: 'yellow' },
  corrected: { text: 'Corrected', colour: 'green' },
  rejected: { text: 'Originator says it is accurate', colour: 'grey' },
};

/** What the originator (or a lead) of the originating agency may decide about a reported inaccuracy. */
export const canDecideCorrection = (actor: Pick<Actor, 'agencyId' | 'userId' | 'roles'>, c: { originatorAgencyId: string; originatorUserId: string }) =>
  actor.agencyId === c.originatorAgencyId && (actor.userId === c.originatorUserId || hasRole(actor, ...LEADS));
