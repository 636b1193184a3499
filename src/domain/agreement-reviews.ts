// Keeping the agreement under review and its signatures re-affirmed. Pure: the date is a parameter.
//
// - the protocol is reviewed on the pack's cycle (`dates.reviewCycle`: Haringey 2006 s.5.1 "six
//   months from the contract completion date and annually thereafter"; Wirral 2022 App. 2 s.5.2
//   annually; Sandwell 2022 document control, 18 months then two-yearly);
// - the findings are reported in writing within the pack's time (`dates.findingsReportedWithin`:
//   Haringey 2006 s.5.3 "one calendar month after the review"), with an implementation plan the
//   parties the pack names approve (`dates.reviewApprovedBy`: Haringey 2006 s.5.4–5.5 the partners;
//   Wirral 2022 App. 2 s.5.2–5.3 and Derby 2015 s.5 para. 1 the statutory safeguarding partners);
// - members re-affirm their commitment when the pack says (`signatories.reaffirmation`: Sandwell
//   2022 s.14.4 biennially).
//
// Reminders go ahead of each date and an escalation once it has passed (`noticeStage`).
import { z } from 'zod';
import { dateAfter, type PartyRole, reviewState } from './agreements.ts';
import type { IsoDate } from './clocks.ts';
import { isRealDate } from './dates.ts';
import type { Pack } from './protocol/pack.ts';

/** The notice a date calls for on `today`: a reminder while it is due (within `reviewState`'s 30
 *  days, so the page and the reminders agree), an escalation once it is overdue, nothing before. */
export function noticeStage(dueOn: IsoDate, today: IsoDate): 'reminded' | 'escalated' | null {
  const state = reviewState(dueOn, today);
  return state === 'overdue' ? 'escalated' : state === 'due' ? 'reminded' : null;
}

/** The parties whose nominated officers approve a review's implementation plan. */
export function reviewApprovers<T extends { role: PartyRole | string }>(pack: Pick<Pack, 'dates'>, parties: readonly T[]): T[] {
  if ((pack.dates.reviewApprovedBy ?? 'parties') === 'parties') return [...parties];
  return parties.filter((p) => p.role === 'statutory_partner' || p.role === 'lead_signatory');
}

/** The date by which a review's findings must be reported, if the pack sets one (Haringey 2006 s.5.3). */
export function findingsDueOn(pack: Pick<Pack, 'dates'>, heldOn: IsoDate): IsoDate | null {
  const within = pack.dates.findingsReportedWithin;
  return within ? dateAfter(heldOn, within) : null;
}

const isoDate = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, { error: `Enter ${what}`, abort: true })
    .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isRealDate(s), `${what[0]!.toUpperCase()}${what.slice(1)} must be a real date`);
const text = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`);

export const recordReviewSchema = z.object({
  heldOn: isoDate('the date the review was held'),
  findings: text('the review’s findings', 5000),
  reportedOn: isoDate('the date the findings were reported in writing'),
  /** The implementation plan: each action with its owner and due date (Haringey 2006 s.5.4–5.5). */
  actions: z
    .array(z.object({ action: text('the action', 1000), owner: text('who owns the action', 200), dueOn: isoDate('the date the action is due') }))
    .max(50, 'Record at most 50 actions')
    .default([]),
});
export type RecordReviewInput = z.infer<typeof recordReviewSchema>;

/** A review's dates against each other and today; whether its findings were reported late. */
export function checkReview(pack: Pick<Pack, 'dates'>, r: RecordReviewInput, today: IsoDate): { errors: { path: string; message: string }[]; reportedLate: boolean } {
  const errors: { path: string; message: string }[] = [];
  if (r.heldOn > today) errors.push({ path: 'heldOn', message: 'The date the review was held must be today or in the past' });
  if (r.reportedOn < r.heldOn) errors.push({ path: 'reportedOn', message: 'The findings cannot be reported before the review was held' });
  else if (r.reportedOn > today) errors.push({ path: 'reportedOn', message: 'The date the findings were reported must be today or in the past' });
  r.actions.forEach((a, i) => {
    if (a.dueOn < r.heldOn) errors.push({ path: `actions.${i}.dueOn`, message: 'An action cannot be due before the review was held' });
  });
  const due = findingsDueOn(pack, r.heldOn);
  return { errors, reportedLate: due !== null && r.reportedOn > due };
}
