// The register's trend by month and agency as counts, for the partnership (exact) or for use
// outside it (`publish`), when every count of 1 to the pack's small-number threshold is shown as
// "N or fewer" (pack `aggregate.smallNumberThreshold`; Southampton 2010 s.12). For a register
// keeper (web, API) or an operator naming a partnership (CLI). Counts only: no one is identified;
// the export is audited.
import { randomUUID } from 'node:crypto';
import { findPartnershipForReport } from '../../db/queries/registers.ts';
import { canReadRegister, publishableCount, type RegisterKind, trendSince } from '../../domain/registers.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { type AuditActor, appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { registerTrend } from './_trend.ts';

export interface TrendReport {
  partnershipSlug: string;
  pack: string;
  published: boolean;
  threshold: number;
  clause: string;
  since: string;
  rows: { kind: RegisterKind; month: string; agency: string; count: string }[];
}

type Who = { actor: Actor } | { partnershipSlug: string };

export async function reportRegisterTrend(deps: Deps, who: Who, options: { publish?: boolean; months?: number } = {}): Promise<Outcome<TrendReport>> {
  const months = options.months ?? 12;
  if (!Number.isInteger(months) || months < 1 || months > 60) return invalid([{ path: 'months', message: 'Ask for 1 to 60 months' }]);
  return deps.db.transaction().execute(async (trx) => {
    const p = await findPartnershipForReport(trx, 'actor' in who ? { id: who.actor.partnershipId } : { slug: who.partnershipSlug });
    if (!p) return notFound;
    const pack = deps.packs.get(p.pack)!;
    const auditor: AuditActor = 'actor' in who ? auditActor(who.actor) : { partnershipId: p.id, userId: null, agencyId: null, via: 'cli', correlationId: randomUUID() };
    if ('actor' in who && !canReadRegister(who.actor, pack)) {
      await appendAudit(trx, auditor, { action: 'register.trend-reported', outcome: 'denied', subjectType: 'register' });
      return notFound;
    }
    const since = trendSince(deps.now(), months);
    const threshold = pack.aggregate.smallNumberThreshold;
    const count = (n: number) => (options.publish ? publishableCount(n, threshold) : String(n));
    const rows = (await registerTrend(trx, p.id, since))
      .map((r) => ({ kind: r.kind, month: r.month, agency: r.agency, count: count(r.count) }))
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.month.localeCompare(b.month) || a.agency.localeCompare(b.agency));
    await appendAudit(trx, auditor, { action: 'register.trend-reported', subjectType: 'register', details: { published: !!options.publish, months, rows: rows.length } });
    return ok({ partnershipSlug: p.slug, pack: p.pack, published: !!options.publish, threshold, clause: pack.aggregate.clause, since: since.toISOString(), rows });
  });
}
