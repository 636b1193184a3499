// Disputes between agencies about sharing, escalated in the stages the partnership's protocol sets:
// line managers, then Head of Service after Caldicott or DPO advice (Southampton 2010 s.13, App. 3);
// data protection officers or Caldicott guardians, then director-level mediation when unresolved
// "within a reasonable period of time" (Haringey 2006 s.12.1–12.2); SPoCs or lead officers, then
// the statutory safeguarding partners' scrutiny (Wirral 2022 App. 2 s.5.4–5.5); the SCSP Resolution
// and Escalation Policy (Sandwell 2022 s.14.1). Each stage records what was discussed, the outcome
// and why; both agencies record the outcome and its impact (Southampton 2010 s.13). Pure rules: the
// pack's stages, who acts at each, each stage's deadline, what happens when it passes, and who may
// see or act on a dispute.
import { z } from 'zod';
import { deadline } from './clocks.ts';
import { optionalId, optionalText, requiredText } from './fields.ts';
import { defineLifecycle, next } from './lifecycle.ts';
import type { Duration, Pack } from './protocol/pack.ts';
import { type Actor, hasRole, type Role } from './staff.ts';

export const DISPUTE_STATUSES = ['open', 'concluded', 'closed'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export const disputeStatusLabels: Record<DisputeStatus, { text: string; colour: string }> = {
  open: { text: 'Open', colour: 'blue' },
  concluded: { text: 'Concluded — impact to record', colour: 'yellow' },
  closed: { text: 'Closed', colour: 'grey' },
};

export const DISPUTE_EVENTS = ['record_stage', 'escalate', 'conclude', 'record_impact', 'close'] as const;
export type DisputeEvent = (typeof DISPUTE_EVENTS)[number];

/** A dispute is open while its stages run; it is concluded when a stage records agreement or the
 *  last stage records its final decision; it closes when both agencies have recorded the outcome
 *  and its impact. */
export const disputeLifecycle = defineLifecycle<DisputeStatus, DisputeEvent>({
  states: DISPUTE_STATUSES,
  final: ['closed'],
  transitions: {
    record_stage: { from: ['open'], to: 'open' },
    escalate: { from: ['open'], to: 'open' },
    conclude: { from: ['open'], to: 'concluded' },
    record_impact: { from: ['concluded'], to: 'concluded' },
    close: { from: ['concluded'], to: 'closed' },
  },
});
export const disputeTransition = (status: DisputeStatus, event: DisputeEvent) => next(disputeLifecycle, status, event);

/** What a dispute is about (Wirral 2022 App. 2 s.5.4; Sandwell 2022 s.14.1). */
export const DISPUTE_GROUNDS = ['request_declined', 'not_shared_in_time', 'referral_not_accepted', 'shared_inappropriately', 'other'] as const;
export type DisputeGround = (typeof DISPUTE_GROUNDS)[number];
export const disputeGroundLabels: Record<DisputeGround, string> = {
  request_declined: 'A request for information was declined',
  not_shared_in_time: 'Information was not shared in time',
  referral_not_accepted: 'A referral was not accepted',
  shared_inappropriately: 'Information was shared in a way we disagree with',
  other: 'Another disagreement about sharing',
};

/** Concord's stage time when neither the stage nor the pack sets one (the baseline's `stageDeadline`). */
export const DEFAULT_STAGE_WITHIN: Duration = { amount: 10, unit: 'working_days' };
/** Who acts at a stage the pack does not map to Concord roles. */
const DEFAULT_ACTED_BY: Role[] = ['designated_safeguarding_lead', 'ig_lead', 'caldicott_guardian'];

export interface DisputeStage {
  stage: number;
  name: string;
  who: string[];
  actedBy: Role[];
  within: Duration;
  /** Where the time comes from: the stage itself, or the pack's default (with its clause). */
  withinSource: string;
  onDeadline: 'remind' | 'escalate';
  record: string[];
}

export interface DisputeRules {
  stages: DisputeStage[];
  clause: string;
  /** The roles that keep and read the central register (Southampton 2010 s.13). */
  registerRoles: Role[];
}

/** The register is kept by the partnership manager and by whoever the pack's centralRegister names,
 *  through the Concord role of the pack role with that title (Southampton 2010 s.13: the Children's
 *  Services Executive). */
export function registerRoles(pack: Pack): Role[] {
  const roles = new Set<Role>(['partnership_manager']);
  const keptBy = pack.dispute.centralRegister?.keptBy.toLowerCase();
  for (const r of pack.roles) if (keptBy && r.concordRole && r.title.toLowerCase() === keptBy) roles.add(r.concordRole);
  return [...roles];
}

export function disputeRules(pack: Pack): DisputeRules {
  const fallback = pack.dispute.stageDeadline;
  return {
    clause: pack.dispute.clause,
    registerRoles: registerRoles(pack),
    stages: pack.dispute.stages.map((s) => ({
      stage: s.stage,
      name: s.name,
      who: s.who,
      actedBy: s.actedBy ?? DEFAULT_ACTED_BY,
      within: s.within ?? fallback?.within ?? DEFAULT_STAGE_WITHIN,
      withinSource: s.within ? pack.dispute.clause : (fallback?.clause ?? 'Concord default (ten working days)'),
      onDeadline: s.onDeadline ?? 'remind',
      record: s.record,
    })),
  };
}

export const stageOf = (rules: DisputeRules, n: number): DisputeStage => {
  const s = rules.stages[n - 1];
  if (!s) throw new Error(`no dispute stage ${n}`);
  return s;
};
export const isLastStage = (rules: DisputeRules, n: number) => n >= rules.stages.length;

/** When a stage that starts at `start` is due. */
export const stageDueAt = (rules: DisputeRules, n: number, start: Date): Date => deadline(start, stageOf(rules, n).within);

/** What the deadline job does with an open dispute at `now`: nothing, remind the stage's people
 *  (once per stage), or escalate to the next stage where the pack says so. A last stage is never
 *  escalated further; its people are reminded. */
export function onStageDeadline(rules: DisputeRules, d: { stage: number; stageDueAt: Date; remindedStage: number }, now: Date): 'none' | 'remind' | 'escalate' {
  if (now.getTime() < d.stageDueAt.getTime()) return 'none';
  const s = stageOf(rules, d.stage);
  if (s.onDeadline === 'escalate' && !isLastStage(rules, d.stage)) return 'escalate';
  return d.remindedStage >= d.stage ? 'none' : 'remind';
}

export interface DisputeParties {
  raisedBy: string;
  raisingAgencyId: string;
  otherAgencyId: string;
}

// The responsible manager (Wirral 2022 App. 2 s.5.1) is the senior manager a dispute escalates to.
const CASEWORK_ROLES: Role[] = ['practitioner', 'designated_safeguarding_lead', 'spoc', 'ig_lead', 'caldicott_guardian', 'manager'];
/** Roles that act for the partnership rather than for one agency (they act from any agency). */
export const PARTNERSHIP_ROLES: Role[] = ['partnership_manager'];

export const isParty = (actor: Pick<Actor, 'agencyId'>, p: DisputeParties) => actor.agencyId === p.raisingAgencyId || actor.agencyId === p.otherAgencyId;

/** The two agencies' casework staff, and the register's keepers, may read a dispute. */
export function canSeeDispute(actor: Pick<Actor, 'agencyId' | 'roles' | 'userId'>, p: DisputeParties, rules: DisputeRules): boolean {
  if (actor.userId === p.raisedBy) return true;
  if (isParty(actor, p) && hasRole(actor, ...CASEWORK_ROLES)) return true;
  return hasRole(actor, ...rules.registerRoles) || rules.stages.some((s) => s.actedBy.some((r) => PARTNERSHIP_ROLES.includes(r) && actor.roles.includes(r)));
}

/** Who acts at the stage: the roles the pack names, in either agency; a partnership role (e.g. the
 *  statutory safeguarding partners at Wirral's stage two) from any agency. */
export function canActAtStage(actor: Pick<Actor, 'agencyId' | 'roles'>, p: DisputeParties, stage: DisputeStage): boolean {
  return stage.actedBy.some((r) => actor.roles.includes(r) && (PARTNERSHIP_ROLES.includes(r) || isParty(actor, p)));
}

/** Escalation is one action for the people who act at the current stage, or whoever raised it. */
export const canEscalate = (actor: Pick<Actor, 'agencyId' | 'roles' | 'userId'>, p: DisputeParties, stage: DisputeStage) => actor.userId === p.raisedBy || canActAtStage(actor, p, stage);

/** Each agency records the outcome and its impact for itself (Southampton 2010 s.13). */
export const canRecordImpact = (actor: Pick<Actor, 'agencyId' | 'roles'>, p: DisputeParties) => isParty(actor, p) && hasRole(actor, ...CASEWORK_ROLES);

export const raiseDisputeSchema = z.object({
  ground: z.enum(DISPUTE_GROUNDS, { error: 'Select what the disagreement is about' }),
  requestId: optionalId(),
  decisionId: optionalId(),
  childId: optionalId(),
  otherAgencyId: optionalId(),
  summary: requiredText('Say what you disagree with and why', 5000),
});
export type RaiseDisputeInput = z.input<typeof raiseDisputeSchema>;

export const STAGE_OUTCOMES = ['agreed', 'not_agreed'] as const;
export type StageOutcome = (typeof STAGE_OUTCOMES)[number];
export const stageOutcomeLabels: Record<StageOutcome, string> = {
  agreed: 'Agreed — the dispute is resolved at this stage',
  not_agreed: 'Not agreed',
};

export const stageRecordSchema = z.object({
  discussed: requiredText('Say what was discussed', 5000),
  outcome: z.enum(STAGE_OUTCOMES, { error: 'Select the outcome of this stage' }),
  reasons: requiredText('Give the reasons for the outcome', 5000),
});
export type StageRecordInput = z.input<typeof stageRecordSchema>;

export const impactSchema = z.object({
  outcome: requiredText('Say what the outcome was for your agency', 2000),
  impact: requiredText('Say what impact the dispute and its outcome had, including on the child', 5000),
});
export type ImpactInput = z.input<typeof impactSchema>;

export const escalateSchema = z.object({
  reason: optionalText(2000),
});

/** What a stage's record does to the dispute: stays open (not agreed, a later stage follows), or
 *  concludes (agreed, or the last stage's final decision). */
export function afterStageRecord(rules: DisputeRules, stage: number, outcome: StageOutcome): 'open' | 'concluded' {
  return outcome === 'agreed' || isLastStage(rules, stage) ? 'concluded' : 'open';
}
