// Pure presenters for the central register and the scrutiny view.

import { purposeLabels } from '../../domain/decision/answers.ts';
import { type DisputeStatus, disputeStatusLabels } from '../../domain/disputes.ts';
import { FINDINGS, type Finding, findingLabels, trendTable } from '../../domain/registers.ts';
import type { Register } from '../../use-cases/registers/view-register.ts';
import type { ScrutinyView } from '../../use-cases/registers/view-scrutiny.ts';

const kindText = { dispute: 'Dispute', complaint: 'Complaint', breach: 'Breach' } as const;

export function presentRegister(r: Register) {
  const open = r.items.filter((i) => i.open);
  const monthName = (m: string) => new Date(`${m}-01T12:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'Europe/London' });
  const table = (kind: string, caption: string) => {
    const t = trendTable(r.trend, kind);
    return { caption, head: t.months.map(monthName), rows: t.cells.map((c) => ({ agency: c.agency, counts: c.counts, total: c.counts.reduce((a, b) => a + b, 0) })) };
  };
  return {
    counts: [
      { label: 'Open disputes', value: open.filter((i) => i.kind === 'dispute').length },
      { label: 'Open complaints', value: open.filter((i) => i.kind === 'complaint').length },
      { label: 'Open breaches', value: open.filter((i) => i.kind === 'breach').length },
      { label: 'Past their time', value: open.filter((i) => i.overdue).length },
    ],
    open: open
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
      .map((i) => ({
        kind: kindText[i.kind],
        href: i.href,
        agencies: i.agencies,
        stage: i.stage,
        dueAt: i.dueAt,
        overdue: i.overdue,
        openedAt: i.openedAt,
      })),
    closed: r.items
      .filter((i) => !i.open)
      .map((i) => ({
        kind: kindText[i.kind],
        href: i.href,
        agencies: i.agencies,
        status: i.kind === 'dispute' ? (disputeStatusLabels[i.status as DisputeStatus]?.text ?? i.status) : i.stage,
        openedAt: i.openedAt,
      })),
    trends: [
      table('dispute', 'Disputes by month and the agency disputed with'),
      table('complaint', 'Complaints by month and the agency complained about'),
      table('breach', 'Breaches by month and the lead agency (the owner of the data)'),
    ],
    threshold: r.smallNumberThreshold,
    thresholdClause: r.smallNumberClause,
  };
}

export function presentScrutiny(v: ScrutinyView, form?: { decisionId: string; values: Record<string, unknown> }) {
  const str = (x: unknown) => (typeof x === 'string' ? x : '');
  return {
    clause: v.rules.clause,
    statutoryOnly: v.rules.statutoryPartnersOnly,
    canRecord: v.canRecord,
    items: v.items.map((i) => {
      const values = form?.decisionId === i.decisionId ? form.values : {};
      return {
        id: i.decisionId,
        title: i.requestDeclined ? `${i.agencyName} declined a request from ${i.requestingAgencyName ?? 'another agency'}` : `${i.agencyName} decided not to share`,
        decidedAt: i.decidedAt,
        purpose: purposeLabels[i.purpose as keyof typeof purposeLabels] ?? i.purpose,
        reasons: i.reasons ?? 'No reasons were recorded.',
        findings: i.findings.map((f) => ({ ...f, finding: findingLabels[f.finding as Finding] ?? f.finding })),
        form: { findings: FINDINGS.map((f) => ({ value: f, text: findingLabels[f], checked: str(values.finding) === f })), note: str(values.note) },
      };
    }),
  };
}
