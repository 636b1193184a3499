// Optimistic concurrency (ADR 0073): a page carries the version of the record it showed; a step
// taken from a page that is no longer current acts on nothing, and the person is told what
// changed, by whom and when — "While you had this page open, this breach was assessed by Bob
// Jones at 10:04am on 3 December 2026. Check it below, then try again if you still want to."
import { formatDateTime } from './date-format.ts';

export interface Change {
  /** What happened, as a past participle: "allocated to Ann Smith", "withdrawn". */
  what: string;
  by: string | null;
  /** When, if known. */
  at?: Date;
}

/** Whether a step was taken from a page showing an older version (no version sent: not checked). */
export const isStale = (seen: string | null | undefined, current: string): boolean => !!seen && seen !== current;

export function stalePageMessage(record: string, change: Change): string {
  const by = change.by ? ` by ${change.by}` : '';
  const [date, time] = change.at ? formatDateTime(change.at).split(' at ') : [];
  const when = change.at ? ` at ${time} on ${date}` : '';
  return `While you had this page open, this ${record} was ${change.what}${by}${when}. Check it below, then try again if you still want to.`;
}

/** An audit action in words: `breach.meeting-recorded` → "meeting recorded". */
export function auditActionWords(action: string): string {
  return action.slice(action.indexOf('.') + 1).replace(/-/g, ' ');
}
