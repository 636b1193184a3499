// The partnership's central registers and the statutory partners' scrutiny. All disputes (and
// breaches) are reported to a central register that monitors the protocol's effectiveness and
// emerging trends (Southampton 2010 s.13); complaints and breaches are collated with their outcomes
// and reviewed regularly (Sandwell 2022 s.13.4); decisions not to share requested information are
// subject to scrutiny by the statutory safeguarding partners (Wirral 2022 App. 2 s.5.4). Counts that
// leave the partnership follow the pack's small-number rule (Southampton 2010 s.12: "very small
// numbers, usually considered 10 records or less").
import { z } from 'zod';
import { londonDateOf, londonInstant } from './clocks.ts';
import { registerRoles } from './disputes.ts';
import { requiredText } from './fields.ts';
import type { Pack } from './protocol/pack.ts';
import { type Actor, type AgencyKind, hasRole } from './staff.ts';

export const canReadRegister = (actor: Pick<Actor, 'roles'>, pack: Pack) => hasRole(actor, ...registerRoles(pack));

export interface ScrutinyRules {
  findingsBy: Actor['roles'][number][];
  statutoryPartnersOnly: boolean;
  clause: string;
}
export function scrutinyRules(pack: Pack): ScrutinyRules {
  return pack.scrutiny ?? { findingsBy: ['partnership_manager'], statutoryPartnersOnly: true, clause: 'Concord default after Wirral 2022 App. 2 s.5.4' };
}

/** The scrutiny view is for the register's keepers and for those who record findings. */
export const canReadScrutiny = (actor: Pick<Actor, 'roles'>, pack: Pack) => canReadRegister(actor, pack) || hasRole(actor, ...scrutinyRules(pack).findingsBy);

/** A finding is recorded by the roles the pack names, from a statutory partner where it says so. */
export function canRecordFinding(actor: Pick<Actor, 'roles'>, agencyKind: AgencyKind | string, pack: Pack): boolean {
  const rules = scrutinyRules(pack);
  return hasRole(actor, ...rules.findingsBy) && (!rules.statutoryPartnersOnly || agencyKind === 'statutory_partner');
}

export const FINDINGS = ['reasonable', 'reasonable_with_learning', 'not_reasonable'] as const;
export type Finding = (typeof FINDINGS)[number];
export const findingLabels: Record<Finding, string> = {
  reasonable: 'The decision was reasonable',
  reasonable_with_learning: 'Reasonable, with learning for the agency',
  not_reasonable: 'The decision was not reasonable',
};
export const findingSchema = z.object({
  subjectId: z.string({ error: 'Say what the finding is about' }).trim().min(1, 'Say what the finding is about'),
  finding: z.enum(FINDINGS, { error: 'Select your finding' }),
  note: requiredText('Give the reasons for your finding'),
});

/** A count as it may leave the partnership: 1..threshold is shown as "N or fewer" (0 stays 0, which
 *  reveals no one). Inside the partnership counts are exact. */
export function publishableCount(n: number, threshold: number): string {
  return n > 0 && n <= threshold ? `${threshold} or fewer` : String(n);
}

/** The records the central register brings together (Southampton 2010 s.13; Sandwell 2022 s.13.4). */
export const REGISTER_KINDS = ['dispute', 'complaint', 'breach'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];

export interface TrendRow {
  month: string;
  agency: string;
  kind: string;
  count: number;
}

/** The trend by month and agency as a table: months (oldest first) × agencies, one count per cell. */
export function trendTable(rows: readonly TrendRow[], kind: string) {
  const mine = rows.filter((r) => r.kind === kind);
  const months = [...new Set(mine.map((r) => r.month))].sort();
  const agencies = [...new Set(mine.map((r) => r.agency))].sort();
  const at = new Map(mine.map((r) => [`${r.month}|${r.agency}`, r.count]));
  return { months, agencies, cells: agencies.map((a) => ({ agency: a, counts: months.map((m) => at.get(`${m}|${a}`) ?? 0) })) };
}

/** The start (00:00 Europe/London) of the month `months - 1` months before `now`'s month: a trend
 *  of `months` calendar months including the current one. */
export function trendSince(now: Date, months: number): Date {
  const [y, m] = londonDateOf(now).split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - (months - 1);
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return londonInstant(`${year}-${String(month).padStart(2, '0')}-01`);
}
