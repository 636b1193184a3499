// What a practitioner records after the engine's advice: what is (or is not) shared, with whom,
// for what purpose and why. Golden rule 7 and Wirral 2022 "Record": keep a record of the decision
// and the reasons for it, including decisions not to share (Derby 2015 s.3; Sandwell 2022 App. 2 q.7).
import { z } from 'zod';
import type { Answers } from './decision/answers.ts';
import { defineLifecycle } from './lifecycle.ts';
import { type Actor, isAgencyLead, type Role } from './staff.ts';

export const ACTIONS = ['shared', 'not_shared'] as const;
export type SharingAction = (typeof ACTIONS)[number];
export const actionLabels: Record<SharingAction, string> = {
  shared: 'I am sharing information',
  not_shared: 'I am not sharing information',
};

export const decisionRecordSchema = z
  .object({
    action: z.enum(ACTIONS, { error: 'Select whether you are sharing information' }).optional(),
    recipientAgencyId: z
      .string()
      .trim()
      .optional()
      .nullable()
      .transform((v) => (v ? v : null)),
    recipientOther: z
      .string()
      .trim()
      .max(200, 'The recipient must be 200 characters or fewer')
      .optional()
      .nullable()
      .transform((v) => (v ? v : null)),
    purposeDetail: z
      .string()
      .trim()
      .max(1000, 'The purpose must be 1000 characters or fewer')
      .optional()
      .nullable()
      .transform((v) => (v ? v : null)),
    informationShared: z
      .string()
      .trim()
      .max(5000, 'What you share must be 5000 characters or fewer')
      .optional()
      .nullable()
      .transform((v) => (v ? v : null)),
    reasons: z
      .string()
      .trim()
      .max(5000, 'Your reasons must be 5000 characters or fewer')
      .optional()
      .nullable()
      .transform((v) => (v ? v : null)),
  })
  .strict();

export type DecisionRecordInput = z.output<typeof decisionRecordSchema>;

export interface RecordContext {
  outcome: 'share' | 'do_not_share' | 'seek_advice';
  identifiable: boolean;
  consent?: string | undefined;
}

/** What recording a decision depends on: the advice, and whether identifiable information would
 *  go with or without consent. */
export const recordContextOf = (outcome: RecordContext['outcome'], answers: Pick<Answers, 'identifiable' | 'consent'>): RecordContext => ({
  outcome,
  identifiable: answers.identifiable !== false,
  consent: answers.consent,
});

/** The action the advice points to, chosen in advance on the record page (none when the advice is to get advice). */
export function advisedAction(outcome: RecordContext['outcome']): SharingAction | undefined {
  return outcome === 'share' ? 'shared' : outcome === 'do_not_share' ? 'not_shared' : undefined;
}

/** Reasons are required when declining, when sharing identifiable information without consent,
 *  and whenever the practitioner departs from the engine's advice. */
export function reasonsRequired(ctx: RecordContext, action: SharingAction): boolean {
  if (action === 'not_shared') return true;
  if (ctx.identifiable && ctx.consent !== 'given') return true;
  return ctx.outcome !== 'share';
}

export function checkDecisionRecord(ctx: RecordContext, r: DecisionRecordInput): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  if (!r.action) errors.push({ path: 'action', message: 'Select whether you are sharing information' });
  if (!r.recipientAgencyId && !r.recipientOther) {
    errors.push({
      path: 'recipientAgencyId',
      message: r.action === 'shared' ? 'Select who you are sharing with' : 'Select who asked for, or would have received, the information',
    });
  }
  if (r.recipientAgencyId && r.recipientOther) errors.push({ path: 'recipientOther', message: 'Select an agency or name another recipient, not both' });
  if (!r.purposeDetail) errors.push({ path: 'purposeDetail', message: 'Describe the purpose of sharing' });
  if (r.action === 'shared' && !r.informationShared) errors.push({ path: 'informationShared', message: 'Describe what information you are sharing' });
  if (r.action && reasonsRequired(ctx, r.action) && !r.reasons) {
    errors.push({
      path: 'reasons',
      message:
        r.action === 'not_shared'
          ? 'Explain why you are not sharing'
          : ctx.outcome !== 'share'
            ? 'Explain why you are sharing when the advice was not to share yet'
            : 'Explain why you are sharing without consent',
    });
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// After recording: approval of a departure from the advice, and the decision's state
// ---------------------------------------------------------------------------------------------

/** The pack's `departures` rule as the decision record reads it. */
export interface DepartureRule {
  /** The Concord role that must approve sharing against or without the advice; null: none. */
  approverRole: Role | null;
  /** Harms in which the practitioner acts at once (Haringey 2006 s.4.6: urgent medical treatment). */
  exceptHarms: readonly string[];
}

export const departureRule = (p: { departures?: { approverRole: Role | null; exceptions: { harms: readonly string[] } } | undefined }): DepartureRule => ({
  approverRole: p.departures?.approverRole ?? null,
  exceptHarms: p.departures?.exceptions.harms ?? [],
});

/** Whether a decision departs from the advice: sharing when the advice was "seek advice" or "do not share". */
export const departsFromAdvice = (outcome: RecordContext['outcome'], action: SharingAction) => action === 'shared' && outcome !== 'share';

/** The role whose approval a decision needs before anything is sent under it, or null. Haringey
 *  2006 s.4.6: "All situations where it may be necessary to breach client confidentiality must be
 *  referred to a designated manager unless exceptional circumstances apply e.g. where there is a
 *  need for urgent medical treatment". */
export function approverNeeded(rule: DepartureRule, outcome: RecordContext['outcome'], action: SharingAction, harm: string | undefined): Role | null {
  if (!rule.approverRole || !departsFromAdvice(outcome, action)) return null;
  if (harm !== undefined && rule.exceptHarms.includes(harm)) return null;
  return rule.approverRole;
}

export const APPROVAL_STATUSES = ['not_needed', 'pending', 'approved', 'refused'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const approvalLifecycle = defineLifecycle<ApprovalStatus, 'approve' | 'refuse'>({
  states: APPROVAL_STATUSES,
  final: ['not_needed', 'approved', 'refused'],
  transitions: { approve: { from: ['pending'], to: 'approved' }, refuse: { from: ['pending'], to: 'refused' } },
});

/** Who approves: someone else in the deciding agency holding the approver role. */
export const canApproveDecision = (actor: Pick<Actor, 'userId' | 'agencyId' | 'roles'>, d: { agencyId: string; decidedBy: string; approverRole: string | null }) =>
  d.approverRole !== null && actor.agencyId === d.agencyId && actor.userId !== d.decidedBy && (actor.roles as readonly string[]).includes(d.approverRole);

/** Who withdraws a decision to share: the person who recorded it, or their agency's leads. */
export const canWithdrawDecision = (actor: Pick<Actor, 'userId' | 'agencyId' | 'roles'>, d: { agencyId: string; decidedBy: string }) =>
  actor.agencyId === d.agencyId && (actor.userId === d.decidedBy || isAgencyLead(actor));

/** What a decision has led to: shown on the decision page and in the child's chronology. */
export const DECISION_STATES = ['not_sharing', 'awaiting_approval', 'approval_refused', 'decided_not_sent', 'sent', 'withdrawn'] as const;
export type DecisionState = (typeof DECISION_STATES)[number];

export const decisionStateLabels: Record<DecisionState, { text: string; colour: string; chronology: string }> = {
  not_sharing: { text: 'Decided not to share', colour: 'grey', chronology: 'Decided not to share' },
  awaiting_approval: { text: 'Waiting for approval', colour: 'yellow', chronology: 'Decided to share — waiting for approval' },
  approval_refused: { text: 'Approval refused', colour: 'red', chronology: 'Decided to share — approval refused, nothing sent' },
  decided_not_sent: { text: 'Decided — not sent yet', colour: 'blue', chronology: 'Decided to share — not sent yet' },
  sent: { text: 'Sent', colour: 'green', chronology: 'Information shared' },
  withdrawn: { text: 'Withdrawn', colour: 'grey', chronology: 'Decision to share withdrawn — nothing sent' },
};

export function decisionState(d: { action: string; approvalStatus: string; withdrawn: boolean; sent: boolean }): DecisionState {
  if (d.action !== 'shared') return 'not_sharing';
  if (d.sent) return 'sent';
  if (d.withdrawn) return 'withdrawn';
  if (d.approvalStatus === 'pending') return 'awaiting_approval';
  if (d.approvalStatus === 'refused') return 'approval_refused';
  return 'decided_not_sent';
}
