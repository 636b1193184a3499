// The central register: every dispute, complaint and breach across the partnership — open items, their
// stage and clock, and the trend by month and agency (Southampton 2010 s.13: the central register
// "will enable them to monitor and review the effectiveness of this Protocol, as well as to identify
// any emerging trends"; Sandwell 2022 s.13.4). Metadata only: no narrative, no child's identity.
// For the partnership manager and whoever the pack's centralRegister names; audited.
// A new register joins with one more item source below and one trend query in `_trend.ts`.
import { listBreaches } from '../../db/queries/breaches.ts';
import { listComplaints } from '../../db/queries/complaints.ts';
import { listDisputes } from '../../db/queries/disputes.ts';
import { partnershipPack } from '../../db/queries/partnerships.ts';
import { breachStatusLabels } from '../../domain/breaches.ts';
import { type DisputeStatus, disputeRules, stageOf } from '../../domain/disputes.ts';
import { canReadRegister, type RegisterKind, type TrendRow, trendSince } from '../../domain/registers.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { registerTrend } from './_trend.ts';

export interface RegisterItem {
  kind: RegisterKind;
  id: string;
  href: string;
  agencies: string;
  status: string;
  /** Still being worked on (not concluded, answered or closed). */
  open: boolean;
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

/** A source of register items: disputes, complaints, breaches. */
type RegisterSource = (trx: Tx, deps: Deps, partnershipId: string, pack: string, now: Date) => Promise<RegisterItem[]>;

const disputes: RegisterSource = async (trx, deps, partnershipId, pack, now) => {
  const rules = disputeRules(deps.packs.get(pack)!);
  const rows = await listDisputes(trx, partnershipId, null);
  return rows.map((r) => {
    const rulesFor = r.pack === pack ? rules : disputeRules(deps.packs.get(r.pack)!);
    return {
      kind: 'dispute' as const,
      id: r.id,
      href: `/disputes/${r.id}`,
      agencies: `${r.raising_agency_name} and ${r.other_agency_name}`,
      status: r.status as DisputeStatus,
      open: r.status === 'open',
      stage: `Stage ${r.stage}: ${stageOf(rulesFor, r.stage).name}`,
      dueAt: r.stage_due_at,
      overdue: r.status === 'open' && r.stage_due_at.getTime() < now.getTime(),
      openedAt: r.created_at,
    };
  });
};

const complaints: RegisterSource = async (trx, _deps, partnershipId, _pack, now) =>
  (await listComplaints(trx, partnershipId, null)).map((r) => ({
    kind: 'complaint' as const,
    id: r.id,
    href: `/complaints/${r.id}`,
    agencies: r.agency_name,
    status: r.status,
    open: r.status === 'open',
    stage: r.status === 'open' ? 'Awaiting response' : `Answered ${r.responded_on ?? ''}`.trim(),
    dueAt: r.response_due_at,
    overdue: r.status === 'open' && r.response_due_at.getTime() < now.getTime(),
    openedAt: r.created_at,
  }));

// A breach's place in the register: its lead agency (and the reporter where another agency found
// it), its status and severity, and its soonest unmet pack deadline (Wirral 2022 App. 2 s.5.9).
const breaches: RegisterSource = async (trx, _deps, partnershipId, _pack, now) =>
  (await listBreaches(trx, partnershipId, { agencyId: null, reportedBy: null }, now)).map((r) => ({
    kind: 'breach' as const,
    id: r.id,
    href: `/breaches/${r.id}`,
    agencies: r.reporting_agency_id === r.lead_agency_id ? r.lead_agency_name : `${r.lead_agency_name} (reported by ${r.reporting_agency_name})`,
    status: r.status,
    open: r.status !== 'closed',
    stage: `${breachStatusLabels[r.status as keyof typeof breachStatusLabels]?.text ?? r.status}${r.severity ? `, severity ${r.severity}` : ''}`,
    dueAt: r.next_due_at ?? r.reported_at,
    overdue: r.status !== 'closed' && Number(r.overdue_clocks) > 0,
    openedAt: r.reported_at,
  }));

export const REGISTER_SOURCES: RegisterSource[] = [disputes, complaints, breaches];

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
    for (const source of REGISTER_SOURCES) items.push(...(await source(trx, deps, actor.partnershipId, pack, now)));
    const trend: TrendRow[] = await registerTrend(trx, actor.partnershipId, since);
    await appendAudit(trx, auditActor(actor), { action: 'register.viewed', subjectType: 'register', details: { items: items.length } });
    return ok({ pack, smallNumberThreshold: p.aggregate.smallNumberThreshold, smallNumberClause: p.aggregate.clause, items, trend, since });
  });
}
