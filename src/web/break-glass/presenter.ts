// The break-glass page's view model: the request, what the pack says, and which forms to show.
import { breakGlassReviewLabels } from '../../domain/break-glass.ts';
import { roleLabels } from '../../domain/staff.ts';
import type { BreakGlassView } from '../../use-cases/break-glass/view-break-glass.ts';

export const breakGlassStatusLabels: Record<string, string> = { requested: 'Waiting for approval', granted: 'Access given', refused: 'Refused' };

export function breakGlassPage(v: BreakGlassView) {
  return {
    bg: v,
    status: breakGlassStatusLabels[v.status] ?? v.status,
    review: v.reviewOutcome ? breakGlassReviewLabels[v.reviewOutcome as keyof typeof breakGlassReviewLabels] : null,
    ruleText:
      v.rule.grant === 'immediate'
        ? `Your partnership’s protocol gives access at once for ${v.rule.hours} hours (${v.rule.clause}).`
        : `Your partnership’s protocol needs approval by ${v.rule.approverRoles.map((r) => roleLabels[r].toLowerCase()).join(' or ')} of your agency; access then lasts ${v.rule.hours} hours (${v.rule.clause}).`,
  };
}
