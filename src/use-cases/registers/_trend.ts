// The register's trend sources: what each kind of register record counts by month and agency.
// One list, read by the central register page and by the trend report (web, API and CLI), so a
// register that joins (breaches, Southampton 2010 s.13 "monitor and review ... identify any
// emerging trends") joins both at once.
import { registerTrendRows } from '../../db/queries/registers.ts';
import { REGISTER_KINDS, type RegisterKind, type TrendRow } from '../../domain/registers.ts';
import type { Tx } from '../kernel/deps.ts';

/** Every register kind's counts since `since`, by month and agency. */
export async function registerTrend(trx: Tx, partnershipId: string, since: Date): Promise<(TrendRow & { kind: RegisterKind })[]> {
  const rows: (TrendRow & { kind: RegisterKind })[] = [];
  for (const kind of REGISTER_KINDS) {
    for (const r of await registerTrendRows(trx, kind, partnershipId, since)) rows.push({ kind, month: r.month, agency: r.agency, count: Number(r.n) });
  }
  return rows;
}
