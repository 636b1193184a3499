// What a practitioner records after the engine's advice: what is (or is not) shared, with whom,
// for what purpose and why. Golden rule 7 and Wirral 2022 "Record": keep a record of the decision
// and the reasons for it, including decisions not to share (Derby 2015 s.3; Sandwell 2022 App. 2 q.7).
import { z } from 'zod';
import type { Answers } from './decision/answers.ts';

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
