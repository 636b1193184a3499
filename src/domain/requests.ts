// Requests for information between agencies: what a request must say, its lifecycle, its due time
// from the partnership's protocol and urgency, the escalation of overdue requests, and who may do
// what. Requests to the front door are recorded with a clearly defined purpose and scrutinised for
// consent (Wirral 2022 s.3.8); a decision not to share is explained to the agency that asked
// (Wirral 2022 s.5.4); agencies respond within the time the protocol sets (Southampton 2010 s.18
// item 7).
import { z } from 'zod';
import { deadline } from './clocks.ts';
import { CONSENT_STATES, PURPOSES } from './decision/answers.ts';
import { LAWFUL_BASES, type LawfulBasisCode } from './decision/lawful-bases.ts';
import { defineLifecycle, next } from './lifecycle.ts';
import { type Duration, type Pack, URGENCIES } from './protocol/pack.ts';
import { REQUEST_WARNINGS, type RequestProblem, type RequestWarning, requestConcerns, suggestedLawfulBasis, unconfirmed } from './request-coherence.ts';
import { type Actor, hasRole, isAgencyLead, type Role } from './staff.ts';
import { stalePageMessage } from './stale-page.ts';

export { URGENCIES };
export type Urgency = (typeof URGENCIES)[number];
export const urgencyLabels: Record<Urgency, string> = {
  immediate: 'Immediate — a child may be at risk of significant harm now',
  urgent: 'Urgent',
  routine: 'Routine',
};

export const REQUEST_STATUSES = ['submitted', 'returned', 'accepted', 'allocated', 'more_info', 'answered', 'declined', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const requestStatusLabels: Record<RequestStatus, { text: string; colour: string }> = {
  submitted: { text: 'Awaiting triage', colour: 'blue' },
  returned: { text: 'Returned to requester', colour: 'orange' },
  accepted: { text: 'Awaiting allocation', colour: 'light-blue' },
  allocated: { text: 'Allocated', colour: 'purple' },
  more_info: { text: 'More information asked for', colour: 'yellow' },
  answered: { text: 'Answered', colour: 'green' },
  declined: { text: 'Declined', colour: 'red' },
  withdrawn: { text: 'Withdrawn', colour: 'grey' },
};

export const REQUEST_EVENTS = ['accept', 'return', 'resubmit', 'allocate', 'ask_more', 'provide_more', 'answer', 'decline', 'withdraw'] as const;
export type RequestEvent = (typeof REQUEST_EVENTS)[number];

/** A request's step in words, for "this request was … by … at …". */
function requestEventWords(e: { kind: string; allocated_to_name: string | null }): string {
  const words: Record<string, string> = {
    accept: 'accepted',
    return: 'returned to the requester',
    resubmit: 'sent again',
    allocate: e.allocated_to_name ? `allocated to ${e.allocated_to_name}` : 'allocated',
    ask_more: 'sent back with a question',
    provide_more: 'given more information',
    answer: 'answered',
    decline: 'declined',
    withdraw: 'withdrawn',
    escalated: 'escalated',
  };
  return words[e.kind] ?? 'changed';
}

/**
 * What a stale page is told (optimistic concurrency): "While you had this page open, this request
 * was allocated to Ann Smith by Bob Jones at 10:04am on 3 December 2026. Check it below, then try
 * again if you still want to." `latest` is the step since the page was shown, if known.
 */
export function staleRequestMessage(latest: { kind: string; at: Date; by_name: string | null; allocated_to_name: string | null } | undefined, changedAt: Date): string {
  return stalePageMessage('request', { what: latest ? requestEventWords(latest) : 'changed', by: latest?.by_name ?? null, at: latest?.at ?? changedAt });
}

/** The request lifecycle. The receiving agency triages (accepts or returns it to the requester for
 *  a clearer purpose or consent), allocates, and the responder answers, declines or asks for more. */
export const requestLifecycle = defineLifecycle<RequestStatus, RequestEvent>({
  states: REQUEST_STATUSES,
  final: ['answered', 'declined', 'withdrawn'],
  transitions: {
    accept: { from: ['submitted'], to: 'accepted' },
    return: { from: ['submitted'], to: 'returned' },
    resubmit: { from: ['returned'], to: 'submitted' },
    allocate: { from: ['accepted', 'allocated'], to: 'allocated' },
    ask_more: { from: ['allocated'], to: 'more_info' },
    provide_more: { from: ['more_info'], to: 'allocated' },
    answer: { from: ['allocated'], to: 'answered' },
    decline: { from: ['allocated'], to: 'declined' },
    withdraw: { from: ['submitted', 'returned', 'accepted', 'allocated', 'more_info'], to: 'withdrawn' },
  },
});

export const requestTransition = (status: RequestStatus, event: RequestEvent) => next(requestLifecycle, status, event);

/** While the receiving agency owes the next step the request's clock runs and it can escalate. */
export const awaitingReceiver = (status: RequestStatus) => status === 'submitted' || status === 'accepted' || status === 'allocated';

const text = (max: number, required: string) => z.string({ error: required }).trim().min(1, required).max(max, `Must be ${max} characters or fewer`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Must be ${max} characters or fewer`)
    .optional()
    .transform((v) => v || null);

/** What a practitioner asks another agency for. */
export const requestInputSchema = z
  .object({
    toAgencyId: z.string({ error: 'Select the agency you are asking' }).trim().min(1, 'Select the agency you are asking'),
    purpose: z.enum(PURPOSES, { error: 'Select the purpose of the request' }),
    /** Absent: the basis suggested for the purpose (suggestedLawfulBasis). */
    lawfulBasis: z.enum(LAWFUL_BASES, { error: 'Select the lawful basis for the request' }).optional(),
    urgency: z.enum(URGENCIES, { error: 'Select how urgent the request is' }),
    informationNeeded: text(5000, 'Say what information you need'),
    reason: text(5000, 'Explain why you need it and how it will help the child'),
    consent: z.enum(CONSENT_STATES, { error: 'Select whether the family has consented' }),
    consentDetail: optionalText(2000),
    /** The warnings the requester has read and goes ahead despite (requestConcerns). */
    confirmedWarnings: z
      .array(z.enum(REQUEST_WARNINGS, { error: 'Confirm only the warnings you were shown' }))
      .max(REQUEST_WARNINGS.length)
      .default([]),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.consent !== 'given' && !v.consentDetail) {
      ctx.addIssue({ code: 'custom', path: ['consentDetail'], message: 'Explain why you are asking without consent' });
    }
  });
export type RequestInput = z.output<typeof requestInputSchema>;

/**
 * A request as it will be made: its lawful basis (the one chosen, or the one suggested for the
 * purpose), the errors that refuse it, and the warnings the requester has not yet confirmed.
 */
export function checkRequest(pack: Pack, r: RequestInput): { lawfulBasis: LawfulBasisCode | null; errors: RequestProblem[]; warnings: RequestWarning[]; confirmed: RequestWarning[] } {
  const lawfulBasis = r.lawfulBasis ?? suggestedLawfulBasis(pack, r.purpose)?.code ?? null;
  if (!lawfulBasis)
    return {
      lawfulBasis,
      errors: [{ path: 'purpose', message: 'Select the purpose of the request: a request needs a clear and legitimate purpose', clause: 'Wirral 2022 s.3.8' }],
      warnings: [],
      confirmed: [],
    };
  const { errors, warnings } = requestConcerns(pack, { ...r, lawfulBasis });
  const open = unconfirmed(warnings, r.confirmedWarnings);
  return { lawfulBasis, errors, warnings: open, confirmed: warnings.filter((w) => !open.includes(w)) };
}

/** The request rules of a pack. Pack versions stored before requests existed fall back to the
 *  national baseline's rules (protocols/national-baseline/pack.yaml), recorded here as Concord's defaults. */
export interface RequestRules {
  responseTimes: Record<Urgency, Duration>;
  escalation: { afterDue?: Duration; to: Role; clause: string }[];
  scrutiny: { checks: { id: string; text: string }[]; clause: string };
  responseClause: string;
  expireUnopenedAfter: Duration;
  necessaryPrompt: string;
  disclosureClause: string;
}

export const DEFAULT_REQUEST_RULES: RequestRules = {
  responseTimes: { immediate: { amount: 4, unit: 'hours' }, urgent: { amount: 1, unit: 'working_days' }, routine: { amount: 5, unit: 'working_days' } },
  escalation: [
    { to: 'spoc', clause: 'Concord default' },
    { afterDue: { amount: 1, unit: 'working_days' }, to: 'designated_safeguarding_lead', clause: 'Concord default' },
  ],
  scrutiny: {
    checks: [
      { id: 'purpose', text: 'The purpose of the request is clear and it is for safeguarding or promoting the welfare of the child' },
      { id: 'necessary', text: 'What is asked for is necessary and proportionate to that purpose' },
      { id: 'consent', text: 'Consent has been sought, or the request explains why it was not sought or is not needed' },
    ],
    clause: 'Concord default',
  },
  responseClause: 'Concord default',
  expireUnopenedAfter: { amount: 20, unit: 'working_days' },
  necessaryPrompt: 'Share only what is necessary and proportionate for the purpose, distinguish fact from opinion, and make sure the information is accurate and up to date.',
  disclosureClause: 'Concord default',
};

export function requestRules(pack: Pack): RequestRules {
  const r = pack.requests;
  const d = pack.disclosures;
  return {
    responseTimes: r ? { immediate: r.responseTimes.immediate, urgent: r.responseTimes.urgent, routine: r.responseTimes.routine } : DEFAULT_REQUEST_RULES.responseTimes,
    escalation: r?.escalation ?? DEFAULT_REQUEST_RULES.escalation,
    scrutiny: r?.scrutiny ?? DEFAULT_REQUEST_RULES.scrutiny,
    responseClause: r?.responseTimes.clause ?? DEFAULT_REQUEST_RULES.responseClause,
    expireUnopenedAfter: d?.expireUnopenedAfter ?? DEFAULT_REQUEST_RULES.expireUnopenedAfter,
    necessaryPrompt: d?.necessaryPrompt ?? DEFAULT_REQUEST_RULES.necessaryPrompt,
    disclosureClause: d?.clause ?? DEFAULT_REQUEST_RULES.disclosureClause,
  };
}

/** When a request made at `createdAt` must be answered. */
export const requestDueAt = (createdAt: Date, urgency: Urgency, rules: RequestRules): Date => deadline(createdAt, rules.responseTimes[urgency]);

/** When each escalation step falls due for a request due at `dueAt`. */
export const escalationTimes = (dueAt: Date, rules: RequestRules): Date[] => rules.escalation.map((s) => (s.afterDue ? deadline(dueAt, s.afterDue) : dueAt));

/** The escalation step a request should now be at (0 = none), given the time. Steps never go back. */
export function escalationLevelAt(dueAt: Date, now: Date, rules: RequestRules): number {
  return escalationTimes(dueAt, rules).filter((t) => t.getTime() <= now.getTime()).length;
}

/** The facts about a request that decide who may see it and act on it. */
export interface RequestParties {
  fromAgencyId: string;
  fromUserId: string;
  toAgencyId: string;
  allocatedTo: string | null;
}

/** The requester, and their agency's SPoC and safeguarding lead, follow a request they sent. */
export const isRequestingSide = (actor: Pick<Actor, 'userId' | 'agencyId' | 'roles'>, r: RequestParties) => actor.agencyId === r.fromAgencyId && (actor.userId === r.fromUserId || isAgencyLead(actor));

/** The receiving agency's SPoC triages and allocates (Wirral 2022 s.3.6–3.8, s.5.5 "SPoC or lead officer"). */
export const canTriage = (actor: Pick<Actor, 'agencyId' | 'roles'>, r: Pick<RequestParties, 'toAgencyId'>) => actor.agencyId === r.toAgencyId && hasRole(actor, 'spoc');

/** The person allocated, or the receiving SPoC, responds. */
export const canRespond = (actor: Pick<Actor, 'userId' | 'agencyId' | 'roles'>, r: RequestParties) => actor.agencyId === r.toAgencyId && (actor.userId === r.allocatedTo || hasRole(actor, 'spoc'));

/** The receiving side: SPoC, safeguarding lead (escalations) and the person allocated. */
export const isReceivingSide = (actor: Pick<Actor, 'userId' | 'agencyId' | 'roles'>, r: RequestParties) => actor.agencyId === r.toAgencyId && (actor.userId === r.allocatedTo || isAgencyLead(actor));

export const canSeeRequest = (actor: Pick<Actor, 'userId' | 'agencyId' | 'roles'>, r: RequestParties) => isRequestingSide(actor, r) || isReceivingSide(actor, r);

/** Check a triage: accepting needs every scrutiny check confirmed; returning needs a reason. */
export function checkTriage(rules: RequestRules, input: { outcome?: string; checks: readonly string[]; note: string | null }): { path: string; message: string }[] {
  if (input.outcome !== 'accept' && input.outcome !== 'return') return [{ path: 'outcome', message: 'Select whether you accept the request or return it to the requester' }];
  if (input.outcome === 'return') return input.note ? [] : [{ path: 'note', message: 'Explain to the requester why the request is returned and what it needs' }];
  const missing = rules.scrutiny.checks.filter((c) => !input.checks.includes(c.id));
  return missing.length
    ? [{ path: 'checks', message: `Confirm every check before accepting, or return the request: ${missing.map((c) => c.text.charAt(0).toLowerCase() + c.text.slice(1)).join('; ')}` }]
    : [];
}
