// Disclosures: information one agency sends another about a child, item by item, each item marked
// fact or opinion and stamped with its originator (Wirral 2022 s.6.1 "the originator's details,
// including organisation name and date"; HM Government 2018 Principles "Accurate": fact
// distinguished from opinion). A received item keeps its originator wherever it goes (Southampton
// 2010 s.11 "the recipient must record the identity of the originator"), and may go further only
// with the originator's agreement (Southampton 2010 s.11 and s.18 item 13; Derby 2015 s.5.7).
// An agency that finds an item inaccurate tells the originator, who decides and corrects; the
// correction reaches every agency that received the item (Southampton 2010 s.9; UK GDPR Art. 19).
import { z } from 'zod';
import { type PartyStanding, standingRefusal } from './agreements.ts';
import { deadline } from './clocks.ts';
import { LEVELS, type Level } from './decision/answers.ts';
import { defineLifecycle, next } from './lifecycle.ts';
import type { Duration, Pack } from './protocol/pack.ts';
import { type Actor, isAgencyLead } from './staff.ts';

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

/** A disclosure's status as of `now`: information not opened by its expiry time has expired, even
 *  before the expiry job has recorded it and destroyed its key. */
export function disclosureStatusAt(d: { status: string; expiresAt: Date }, now: Date): DisclosureStatus {
  const status = d.status as DisclosureStatus;
  return status === 'sent' && d.expiresAt.getTime() <= now.getTime() ? 'expired' : status;
}

/** Whether the content of a disclosure in this status may still be read: revoked, expired and returned
 *  information has been (or is about to be) shredded. */
export const contentReadable = (status: DisclosureStatus) => status === 'sent' || status === 'opened';

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
    freeText: z
      .string()
      .trim()
      .max(10000, 'The message must be 10000 characters or fewer')
      .optional()
      .transform((v) => v || null),
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

/** What stops information being sent under a recorded decision (send-disclosure.ts refuses, the
 *  send page and the decision page explain). The last two are about the items: what is sent must
 *  stay within what was decided (Haringey 2006 s.4.4; HM Government 2018 Principles "Necessary
 *  and proportionate"). */
export type SendBlocker =
  | 'not_decider'
  | 'not_shared'
  | 'withdrawn'
  | 'awaiting_approval'
  | 'approval_refused'
  | 'recipient_outside'
  | 'recipient_suspended'
  | 'recipient_left'
  | `recipient_${Exclude<PartyStanding, 'in_force'>}`
  | 'already_sent'
  | 'above_level'
  | 'needs_consent';

export const sendBlockerText: Record<SendBlocker | 'request_closed', string> = {
  not_decider: 'Record your decision to share before sending information',
  not_shared: 'The decision recorded was not to share, so nothing can be sent under it.',
  withdrawn: 'This decision to share was withdrawn, so nothing can be sent under it. Record a new decision if information should now be shared.',
  awaiting_approval: 'Sharing against or without the advice must be approved by a designated manager first (your protocol requires it). Nothing can be sent until they approve.',
  approval_refused: 'The designated manager did not approve sharing against the advice, so nothing can be sent under this decision.',
  recipient_outside: 'The decision names a recipient outside the partnership. Concord sends information only to partner agencies.',
  recipient_suspended: 'The recipient agency’s membership of the partnership is suspended by the partnership manager, so information cannot be sent to it until it is reinstated.',
  recipient_left: 'The recipient agency has left the partnership, so information can no longer be sent to it.',
  // An agency that has not signed, whose signature lapsed or whose re-affirmation is overdue can
  // receive no information (src/domain/agreements.ts partyStanding; Wirral 2022 App. 2 s.7.4;
  // Sandwell 2022 s.14.4; Southampton 2010 s.18).
  recipient_not_party: standingRefusal.not_party,
  recipient_not_signed: standingRefusal.not_signed,
  recipient_lapsed: standingRefusal.lapsed,
  recipient_earlier_version: standingRefusal.earlier_version,
  recipient_reaffirmation_overdue: standingRefusal.reaffirmation_overdue,
  already_sent: 'Information has already been sent under this decision. Record a new decision to send more.',
  above_level: 'This is more than the decision allows: it was about less information than this. Remove it, or record a new decision about this level of information.',
  needs_consent: 'Your protocol needs explicit consent to share information at this level, and the decision records none (nor one of the protocol’s exceptions). Remove it, or record a new decision.',
  request_closed: 'The request this decision answers is no longer waiting for an answer.',
};

/** The information levels a decision about `decided` covers. A decision about information that
 *  identifies no one (no level asked) covers only figures about a group. */
const LEVELS_WITHIN: Record<Level, readonly Level[]> = { minimum: ['minimum'], detailed: ['minimum', 'detailed'], aggregate: ['aggregate'] };
export const levelsWithin = (decided: Level | null): readonly Level[] => (decided ? LEVELS_WITHIN[decided] : ['aggregate']);

export interface SendingDecision {
  agencyId: string;
  decidedBy: string;
  action: string;
  /** The recipient agency in the partnership, or null for a recipient outside it. */
  recipientAgencyId: string | null;
  /** The recipient agency's membership of the partnership (src/domain/people.ts), when known. */
  recipientMembership?: 'member' | 'suspended' | 'left' | string | null;
  /** The recipient agency's standing under the partnership's information sharing agreement. */
  recipientStanding: PartyStanding;
  /** The disclosure already sent under the decision, if any: one disclosure per decision. */
  sentDisclosureId: string | null;
  /** Whether the decision was withdrawn before anything was sent. */
  withdrawn: boolean;
  /** A designated manager's approval of sharing against the advice (decision-record.ts). */
  approvalStatus: string;
  /** The information level the decision was about (its answers), null when it identifies no one. */
  decidedLevel: Level | null;
  /** Levels the pack shares only with explicit consent (Haringey 2006 s.4.4). */
  explicitConsentLevels: readonly Level[];
  /** Whether the decision has explicit consent, or one of the pack's exceptions to it. */
  explicitConsentCovered: boolean;
}

/** Whether a decision's answers give the explicit consent a pack asks for, or one of its
 *  exceptions (Haringey 2006 s.4.4–4.5): consent given, a listed harm, or a listed reason for not
 *  seeking consent. */
export function explicitConsentCovered(
  exceptions: { harms: readonly string[]; notSoughtReasons: readonly string[] },
  a: { consent?: unknown; harm?: unknown; consentNotSoughtReason?: unknown },
): boolean {
  if (a.consent === 'given') return true;
  if (typeof a.harm === 'string' && exceptions.harms.includes(a.harm)) return true;
  return a.consent === 'not_sought' && typeof a.consentNotSoughtReason === 'string' && exceptions.notSoughtReasons.includes(a.consentNotSoughtReason);
}

/** Why one item cannot go under a decision, or null. */
export function itemBlocker(d: Pick<SendingDecision, 'decidedLevel' | 'explicitConsentLevels' | 'explicitConsentCovered' | 'approvalStatus'>, level: string): 'above_level' | 'needs_consent' | null {
  if (!levelsWithin(d.decidedLevel).includes(level as Level)) return 'above_level';
  // A designated manager who approved sharing against the advice has taken the s.4.6 referral.
  if (d.explicitConsentLevels.includes(level as Level) && !d.explicitConsentCovered && d.approvalStatus !== 'approved') return 'needs_consent';
  return null;
}

/** Why the actor cannot send information under a decision now, in the order they are checked;
 *  none when they can. Only the person who recorded a decision to share with a partner agency in force
 *  under the agreement (a party that has signed, not lapsed, re-affirmed on time) sends under it, once, once any approval it needs is given, and only items within what
 *  was decided (`items`: the levels of what is about to be sent, when known). */
export function sendBlockers(actor: Pick<Actor, 'userId' | 'agencyId'>, d: SendingDecision, items: readonly { level: string }[] = []): SendBlocker[] {
  const blockers: SendBlocker[] = [];
  if (d.agencyId !== actor.agencyId || d.decidedBy !== actor.userId) blockers.push('not_decider');
  if (d.action !== 'shared') blockers.push('not_shared');
  else if (d.withdrawn && !d.sentDisclosureId) blockers.push('withdrawn');
  else if (d.approvalStatus === 'pending') blockers.push('awaiting_approval');
  else if (d.approvalStatus === 'refused') blockers.push('approval_refused');
  else if (!d.recipientAgencyId) blockers.push('recipient_outside');
  else if (d.recipientMembership === 'suspended') blockers.push('recipient_suspended');
  else if (d.recipientMembership === 'left') blockers.push('recipient_left');
  else if (d.recipientStanding !== 'in_force') blockers.push(`recipient_${d.recipientStanding}`);
  if (d.sentDisclosureId) blockers.push('already_sent');
  const itemBlockers = new Set(items.map((i) => itemBlocker(d, i.level)));
  if (itemBlockers.has('above_level')) blockers.push('above_level');
  if (itemBlockers.has('needs_consent')) blockers.push('needs_consent');
  return blockers;
}

export interface DisclosureParties {
  fromAgencyId: string;
  fromUserId: string;
  toAgencyId: string;
  toUserId: string | null;
}

/** Only authorised staff of the addressed agency open a disclosure: the person it is addressed to,
 *  or the agency's SPoC or safeguarding lead (Wirral 2022 s.6.1 "only shared with the intended recipient"). */
export const canOpenDisclosure = (actor: Pick<Actor, 'userId' | 'agencyId' | 'roles'>, d: DisclosureParties) => actor.agencyId === d.toAgencyId && (actor.userId === d.toUserId || isAgencyLead(actor));

/** The sender, and their agency's SPoC or safeguarding lead, see what was sent and its read receipts. */
export const isSenderSide = (actor: Pick<Actor, 'userId' | 'agencyId' | 'roles'>, d: DisclosureParties) => actor.agencyId === d.fromAgencyId && (actor.userId === d.fromUserId || isAgencyLead(actor));

/** The items of received information that cannot be passed on yet: those originated by another
 *  agency that has not agreed to that item going on (Southampton 2010 s.11 and s.18 item 13; Derby
 *  2015 s.5 para. 7). The originator agrees item by item, so some items may go while others wait. */
export function unagreedItems<T extends { id: string; originatorAgencyId: string }>(items: readonly T[], senderAgencyId: string, agreedItemIds: ReadonlySet<string>): T[] {
  return items.filter((i) => i.originatorAgencyId !== senderAgencyId && !agreedItemIds.has(i.id));
}

/** The agencies (sorted, distinct) whose agreement is missing for some of these items. */
export const missingOriginators = (items: readonly { originatorAgencyId: string }[]) => [...new Set(items.map((i) => i.originatorAgencyId))].sort();

/** Received information never goes "onward" to an agency it came from: the agency that sent it, or
 *  the originator of any of its items (it holds them already, and asking it to agree to receiving
 *  its own information back is no agreement at all). Such an agency is never offered as an onward
 *  recipient and is refused when named. */
export function isSourceOf(agencyId: string, d: { fromAgencyId: string; originatorAgencyIds: readonly string[] }): boolean {
  return agencyId === d.fromAgencyId || d.originatorAgencyIds.includes(agencyId);
}
export const SOURCE_RECIPIENT_MESSAGE = 'Select an agency the information did not come from: the agency that sent it and the originators of its items already hold it';

export const AGREEMENT_STATUSES = ['requested', 'agreed', 'partly_agreed', 'refused'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
export const agreementLifecycle = defineLifecycle<AgreementStatus, 'agree' | 'agree_part' | 'refuse'>({
  states: AGREEMENT_STATUSES,
  final: ['agreed', 'partly_agreed', 'refused'],
  transitions: {
    agree: { from: ['requested'], to: 'agreed' },
    agree_part: { from: ['requested'], to: 'partly_agreed' },
    refuse: { from: ['requested'], to: 'refused' },
  },
});
export const agreementStatusLabels: Record<AgreementStatus, { text: string; colour: string }> = {
  requested: { text: 'Waiting for the originator', colour: 'blue' },
  agreed: { text: 'Agreed', colour: 'green' },
  partly_agreed: { text: 'Agreed in part', colour: 'yellow' },
  refused: { text: 'Refused', colour: 'red' },
};

/** One item's answer as given (a form's or an API call's fields, not yet checked). */
export interface ItemAnswerInput {
  itemId?: string | undefined;
  answer?: string | undefined;
  reason?: string | null | undefined;
}

/** One item's checked answer: agreed, or refused with the originator's reason. */
export interface ItemAnswer {
  itemId: string;
  agreed: boolean;
  reason: string | null;
}

/**
 * The originator's answer to a request for onward agreement, item by item (Southampton 2010 s.10–11
 * and s.18 item 13; Derby 2015 s.5 para. 7): each of its `items` agreed or refused, a refusal with
 * its reason. Either every item is answered in `answers`, or one `answer` covers them all (with
 * `reasons` for a refusal). Errors name the item (`items.<id>.answer`, `items.<id>.reason`).
 */
export function checkAgreementAnswers(
  items: readonly { id: string; label: string }[],
  input: { answer?: string | undefined; reasons?: string | null | undefined; items?: readonly ItemAnswerInput[] | undefined },
): { ok: true; answers: ItemAnswer[]; status: Exclude<AgreementStatus, 'requested'> } | { ok: false; errors: { path: string; message: string }[] } {
  const errors: { path: string; message: string }[] = [];
  let answers: ItemAnswer[] = [];
  if (input.items?.length) {
    const known = new Set(items.map((i) => i.id));
    if (input.items.some((a) => !a.itemId || !known.has(a.itemId))) errors.push({ path: 'items', message: 'Answer only about your agency’s items in this information' });
    items.forEach((item, n) => {
      const given = input.items!.find((a) => a.itemId === item.id);
      const name = `item ${n + 1} (${item.label})`;
      if (given?.answer !== 'agree' && given?.answer !== 'refuse') {
        errors.push({ path: `items.${item.id}.answer`, message: `Select whether ${name} may be passed on` });
        return;
      }
      const reason = given.reason?.trim() || null;
      errors.push(...noteLength(reason, `items.${item.id}.reason`));
      if (given.answer === 'refuse' && !reason) errors.push({ path: `items.${item.id}.reason`, message: `Give your reason for refusing ${name}` });
      answers.push({ itemId: item.id, agreed: given.answer === 'agree', reason: given.answer === 'refuse' ? reason : null });
    });
  } else if (input.answer === 'agree' || input.answer === 'refuse') {
    const reasons = input.reasons?.trim() || null;
    errors.push(...noteLength(reasons, 'reasons'));
    if (input.answer === 'refuse' && !reasons) errors.push({ path: 'reasons', message: 'Give your reasons for refusing' });
    answers = items.map((i) => ({ itemId: i.id, agreed: input.answer === 'agree', reason: input.answer === 'refuse' ? reasons : null }));
  } else {
    errors.push({ path: 'answer', message: 'Select whether you agree to the information being shared' });
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, answers, status: agreementStatusOf(answers) };
}

/** All items agreed, none, or some. */
export function agreementStatusOf(answers: readonly { agreed: boolean }[]): Exclude<AgreementStatus, 'requested'> {
  const agreed = answers.filter((a) => a.agreed).length;
  return agreed === 0 ? 'refused' : agreed === answers.length ? 'agreed' : 'partly_agreed';
}

/** The lifecycle event that records an answer with this outcome. */
export const agreementEvent = (status: Exclude<AgreementStatus, 'requested'>) => (status === 'agreed' ? 'agree' : status === 'refused' ? 'refuse' : 'agree_part');

const MAX_REASON_LENGTH = 5000;
const noteLength = (text: string | null, path: string) => (text && text.length > MAX_REASON_LENGTH ? [{ path, message: `Must be ${MAX_REASON_LENGTH} characters or fewer` }] : []);

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

export interface CorrectionParties {
  originatorAgencyId: string;
  originatorUserId: string;
  reportingAgencyId: string;
}

/** What the originator (or a lead) of the originating agency may decide about a reported inaccuracy. */
export const canDecideCorrection = (actor: Pick<Actor, 'agencyId' | 'userId' | 'roles'>, c: Pick<CorrectionParties, 'originatorAgencyId' | 'originatorUserId'>) =>
  actor.agencyId === c.originatorAgencyId && (actor.userId === c.originatorUserId || isAgencyLead(actor));

/** Who follows a reported inaccuracy: those who may decide it, and the agency that reported it. */
export const canFollowCorrection = (actor: Pick<Actor, 'agencyId' | 'userId' | 'roles'>, c: CorrectionParties) => canDecideCorrection(actor, c) || actor.agencyId === c.reportingAgencyId;

export interface AgreementParties {
  originatorAgencyId: string;
  /** Whether the actor is the originator of an item in the information to be passed on. */
  actorOriginatedItem: boolean;
}

/** The originating agency answers a request for agreement to onward sharing: its leads, or the
 *  person who originated the information. */
export const canAnswerAgreement = (actor: Pick<Actor, 'agencyId' | 'roles'>, g: AgreementParties) => actor.agencyId === g.originatorAgencyId && (isAgencyLead(actor) || g.actorOriginatedItem);

/**
 * The clock on a reported inaccuracy, where the partnership's protocol makes accuracy a duty
 * between partners (pack `accuracy`): Southampton 2010 s.9 ("advise the corrections to the
 * originator"; "the originator must decide what corrective action is needed including advising
 * appropriate agencies") and Haringey 2006 s.3.8(a) (the originating organisation and key contact
 * "must be notified if data is found to be inaccurate"). The protocols set no time; Concord's is
 * five working days. When it runs out undecided:
 * - `originatorCorrectsAndNotifiesRecipients`: the originator and its agency's leads are reminded
 *   that the decision is theirs;
 * - `recipientReportsInaccuracy`: the reporting agency is told it has no answer yet, so that it can
 *   press the originator's key contact (its duty is to make sure the originator knows).
 * A protocol that names neither leaves the report without a clock, as before.
 */
export const CORRECTION_DECISION_WITHIN: Duration = { amount: 5, unit: 'working_days' };

export interface CorrectionClock {
  dueAt: Date;
  remindOriginator: boolean;
  tellReporter: boolean;
}

/** The clock on a report made at `reportedAt` under `pack`, or null where the pack sets none. */
export function correctionClock(pack: Pick<Pack, 'accuracy'>, reportedAt: Date): CorrectionClock | null {
  const remindOriginator = pack.accuracy.originatorCorrectsAndNotifiesRecipients;
  const tellReporter = pack.accuracy.recipientReportsInaccuracy;
  if (!remindOriginator && !tellReporter) return null;
  return { dueAt: deadline(reportedAt, CORRECTION_DECISION_WITHIN), remindOriginator, tellReporter };
}
