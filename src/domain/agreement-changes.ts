// Changing the agreement, and documents partners ask each other for. Pure: the date is a parameter.
//
// - Any partner can propose a change (Derby & Derbyshire 2015 s.5 para. 1 "Any partner can propose
//   changes to this protocol"); the change is agreed by the parties the pack names — the statutory
//   partners (Wirral 2022 App. 2 s.5.2–5.3, Derby 2015 s.5 para. 1) or every partner (Haringey 2006
//   s.5) — the same parties as approve a review (`dates.reviewApprovedBy`, `reviewApprovers`).
// - A change may move the partnership to a new pack version from an effective date. From that
//   date every party must have signed the new version to stay in force (`partyStanding`); records
//   keep the `pack@version` they were made under, and a decision started before the move finishes
//   under the version it started with (ADR 0088).
// - Partners make their security documents available to each other on request (Haringey 2006
//   s.7.2 "summary security document", s.7.4 "available to partner organisations on request"): a
//   party asks another for a document by a date, and the holder provides it or declines with a
//   reason (ADR 0089).
import { z } from 'zod';
import { canManageAgreements, canSignFor, DOCUMENT_KINDS } from './agreements.ts';
import type { IsoDate } from './clocks.ts';
import { isRealDate } from './dates.ts';
import { requiredText } from './fields.ts';
import type { Pack } from './protocol/pack.ts';
import type { Actor } from './staff.ts';

const isoDate = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, { error: `Enter ${what}`, abort: true })
    .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isRealDate(s), `${what[0]!.toUpperCase()}${what.slice(1)} must be a real date`);
const blankAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

// ---------------------------------------------------------------------------------------------
// Changes

export const CHANGE_STATUSES = ['proposed', 'agreed', 'in_effect'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];
export const changeStatusLabels: Record<ChangeStatus, { text: string; colour: string }> = {
  proposed: { text: 'Waiting for agreement', colour: 'yellow' },
  agreed: { text: 'Agreed', colour: 'green' },
  in_effect: { text: 'In effect', colour: 'blue' },
};

export const proposeChangeSchema = z.object({
  /** The party proposing it (the proposer's own agency, if left out). */
  agencyId: z.preprocess(blankAsUndefined, z.string().optional()),
  summary: requiredText('Enter the change you propose', 5000),
  /** The pack version (id@version) the partnership would move to, if the change is a new version. */
  toPack: z.preprocess(blankAsUndefined, z.string().max(200).optional()),
  /** From when the new version would be in force. */
  effectiveOn: z.preprocess(blankAsUndefined, isoDate('the date the new version would take effect').optional()),
});
export type ProposeChangeInput = z.infer<typeof proposeChangeSchema>;

/** A proposal against the agreement and today: a new version must be one the deployment knows and
 *  not the one in force, and comes with an effective date that is not in the past; a date without a
 *  version means nothing. */
export function checkProposal(input: ProposeChangeInput, ctx: { currentPack: string; knownPacks: readonly string[]; pendingMove: boolean }, today: IsoDate): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  if (input.toPack) {
    if (input.toPack === ctx.currentPack) errors.push({ path: 'toPack', message: 'Select a version other than the one the agreement is on' });
    else if (!ctx.knownPacks.includes(input.toPack)) errors.push({ path: 'toPack', message: 'Select a protocol version that Concord has loaded' });
    else if (ctx.pendingMove) errors.push({ path: 'toPack', message: 'A move to a new version is already agreed and waiting for its date: propose the next one after it takes effect' });
    if (!input.effectiveOn) errors.push({ path: 'effectiveOn', message: 'Enter the date the new version would take effect' });
    else if (input.effectiveOn < today) errors.push({ path: 'effectiveOn', message: 'The date the new version would take effect must be today or in the future' });
  } else if (input.effectiveOn) errors.push({ path: 'toPack', message: 'Select the version the partnership would move to, or leave the date blank' });
  return errors;
}

/** The day the partnership moves to the agreed version: its effective date, or the day it was
 *  agreed if that came later (a move never takes effect before it is agreed). */
export const movesOn = (effectiveOn: IsoDate, agreedOn: IsoDate): IsoDate => (effectiveOn > agreedOn ? effectiveOn : agreedOn);

/** Whether every party the pack names has agreed. */
export const changeAgreed = (approverAgencyIds: readonly string[], agreedAgencyIds: readonly string[]): boolean =>
  approverAgencyIds.length > 0 && approverAgencyIds.every((id) => agreedAgencyIds.includes(id));

/** The pack a decision is recorded under: the version it started with, when the partnership was on
 *  it (the current one, or one it moved from); the partnership's current version otherwise. */
export function decisionPack(startedUnder: string | undefined, current: string, movedFrom: readonly string[]): string {
  return startedUnder && (startedUnder === current || movedFrom.includes(startedUnder)) ? startedUnder : current;
}

// ---------------------------------------------------------------------------------------------
// Documents on request

export const DOCUMENT_REQUEST_STATUSES = ['open', 'provided', 'declined'] as const;
export type DocumentRequestStatus = (typeof DOCUMENT_REQUEST_STATUSES)[number];
export const documentRequestStatusLabels: Record<DocumentRequestStatus | 'overdue', { text: string; colour: string }> = {
  open: { text: 'Waiting', colour: 'yellow' },
  overdue: { text: 'Overdue', colour: 'red' },
  provided: { text: 'Provided', colour: 'green' },
  declined: { text: 'Declined', colour: 'grey' },
};

export const requestDocumentSchema = z.object({
  /** The party asking (the requester's own agency, if left out). */
  agencyId: z.preprocess(blankAsUndefined, z.string().optional()),
  holderAgencyId: z.string({ error: 'Select the agency you are asking' }).min(1, 'Select the agency you are asking'),
  kind: z.enum(DOCUMENT_KINDS, { error: 'Select the kind of document you are asking for' }),
  detail: requiredText('Enter what you are asking for and why', 2000),
  dueOn: isoDate('the date you need it by'),
});
export type RequestDocumentInput = z.infer<typeof requestDocumentSchema>;

export function checkDocumentRequest(input: RequestDocumentInput, ctx: { requesterAgencyId: string; partyAgencyIds: readonly string[] }, today: IsoDate): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  if (!ctx.partyAgencyIds.includes(input.holderAgencyId)) errors.push({ path: 'holderAgencyId', message: 'Select an agency that is party to this agreement' });
  else if (input.holderAgencyId === ctx.requesterAgencyId) errors.push({ path: 'holderAgencyId', message: 'Select another agency: your agency holds its own documents' });
  if (input.dueOn <= today) errors.push({ path: 'dueOn', message: 'The date you need it by must be in the future' });
  return errors;
}

export const answerDocumentRequestSchema = z.discriminatedUnion(
  'answer',
  [
    z.object({
      answer: z.literal('provide'),
      title: requiredText('Enter the document’s title', 200),
      /** Where the document is held, as the agreement's documents record it (Concord does not hold its contents). */
      reference: requiredText('Enter where the document is held', 300),
    }),
    z.object({ answer: z.literal('decline'), reason: requiredText('Enter why your agency declines to provide it', 2000) }),
  ],
  { error: 'Select whether you provide the document or decline' },
);
export type AnswerDocumentRequestInput = z.infer<typeof answerDocumentRequestSchema>;

/** A document request's state on `today`: open requests past their date are overdue. */
export const documentRequestState = (r: { status: DocumentRequestStatus; dueOn: IsoDate }, today: IsoDate): DocumentRequestStatus | 'overdue' =>
  r.status === 'open' && r.dueOn < today ? 'overdue' : r.status;

/** Who may open a document request and the document provided under it: the nominated officers of
 *  the agency asking and of the agency holding it, and the partnership manager. */
export const canOpenDocumentRequest = (actor: Pick<Actor, 'roles' | 'agencyId'>, pack: Pick<Pack, 'roles'>, r: { requestingAgencyId: string; holderAgencyId: string }): boolean =>
  canManageAgreements(actor) || canSignFor(actor, pack, r.requestingAgencyId) || canSignFor(actor, pack, r.holderAgencyId);
