// The central register: every dispute and complaint across the partnership — open items, their
// stage and clock, and the trend by month and agency (Southampton 2010 s.13: the central register
// "will enable them to monitor and review the effectiveness of this Protocol, as well as to identify
// any emerging trends"; Sandwell 2022 s.13.4). Metadata only: no narrative, no child's identity.
// For the partnership manager and whoever the pack's centralRegister names; audited.
//
// Breaches (issue 13 part A) join here as one more source: add their open items and trend rows
// to REGISTER_SOURCES below.
import { complaintTrend, listComplaints } from '../../db/queries/complaints.ts';
import { disputeTrend, listDisputes } from '../../db/queries/disputes.ts';
import { partnershipPack } from '../../db/queries/partnerships.ts';
import { type DisputeStatus, disputeRules, stageOf } from '../../domain/disputes.ts';
import { canReadRegister, type TrendRow, trendSince } from '../../domain/registers.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';

export interface RegisterItem {
  kind: 'dispute' | 'complaint';
  id: string;
  href: string;
  agencies: string;
  status: string;
  stage: string;
  dueAt: Date;
  overdue: boolean;
  openedAt: Date;
}

export interface Register {
  pack: string;
  smallNumberThreshold: number;
  smallNumberClause: string;
  items: RegisterItem[];
  trend: TrendRow[];
  since: Date;
}

/** A source of register items and trend rows (disputes, complaints; breaches when they exist). */
type RegisterSource = (trx: Tx, deps: Deps, partnershipId: string, pack: string, since: Date, now: Date) => Promise<{ items: RegisterItem[]; trend: TrendRow[] }>;

const disputes: RegisterSource = async (trx, deps, partnershipId, pack, since, now) => {
  const rules = disputeRules(deps.packs.get(pack)!);
  const rows = await listDisputes(trx, partnershipId, null);
  const trend = await disputeTrend(trx, partnershipId, since);
  return {
    items: rows.map((r) => {
      const rulesFor = r.pack === pack ? rules : disputeRules(deps.packs.get(r.pack)!);
      return {
        kind: 'dispute' as const,
        id: r.id,
        href: `/disputes/${r.id}`,
        agencies: `${r.raising_agency_name} and ${r.other_agency_name}`,
        status: r.status as DisputeStatus,
        stage: `Stage ${r.stage}: ${stageOf(rulesFor, r.stage).name}`,
        dueAt: r.stage_due_at,
        overdue: r.status === 'open' && r.stage_due_at.getTime() < now.getTime(),
        openedAt: r.created_at,
      };
    }),
    trend: trend.map((t) => ({ month: t.month, agency: t.agency, kind: 'dispute', count: Number(t.n) })),
  };
};

const complaints: RegisterSource = async (trx, _deps, partnershipId, _pack, since, now) => {
  const rows = await listComplaints(trx, partnershipId, null);
  const trend = await complaintTrend(trx, partnershipId, since);
  return {
    items: rows.map((r) => ({
      kind: 'complaint' as const,
      id: r.id,
      href: `/complaints/${r.id}`,
      agencies: r.agency_name,
      status: r.status,
      stage: r.status === 'open' ? 'Awaiting response' : `Answered ${r.responded_on ?? ''}`.trim(),
      dueAt: r.response_due_at,
      overdue: r.status === 'open' && r.response_due_at.getTime() < now.getTime(),
      openedAt: r.created_at,
    })),
    trend: trend.map((t) => ({ month: t.month, agency: t.agency, kind: 'complaint', count: Number(t.n) })),
  };
};

export const REGISTER_SOURCES: RegisterSource[] = [disputes, complaints];

export async function viewRegister(deps: Deps, actor: Actor, options: { months?: number } = {}): Promise<Outcome<Register>> {
  return deps.db.transaction().execute(async (trx) => {
    const pack = await partnershipPack(trx, actor.partnershipId);
    const p = deps.packs.get(pack)!;
    if (!canReadRegister(actor, p)) {
      await appendAudit(trx, auditActor(actor), { action: 'register.viewed', outcome: 'denied', subjectType: 'register' });
      return notFound;
    }
    const now = deps.now();
    const since = trendSince(now, options.months ?? 12);
    const items: RegisterItem[] = [];
    const trend: TrendRow[] = [];
    for (const source of REGISTER_SOURCES) {
      const part = await source(trx, deps, actor.partnershipId, pack, since, now);
      items.push(...part.items);
      trend.push(...part.trend);
    }
    await appendAudit(trx, auditActor(actor), { action: 'register.viewed', subjectType: 'register', details: { items: items.length } });
    return ok({ pack, smallNumberThreshold: p.aggregate.smallNumberThreshold, smallNumberClause: p.aggregate.clause, items, trend, since });
  });
}
