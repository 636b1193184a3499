// The disposition review page's view model: records awaiting the IG lead's decision (with their
// kind, due date, rule and state in words), certificates of disposal, and copies recipients
// disposed of. Pure: no I/O.
import { HOLD_KINDS, HOLD_LABELS, type HoldKind, RECORD_LABELS, type RetentionRecord } from '../../domain/retention.ts';
import type { DisposalsView } from '../../use-cases/retention/list-disposals.ts';

const day = (d: Date) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const kindLabel = (kind: string) => RECORD_LABELS[kind as RetentionRecord] ?? kind;

export interface ReviewItem {
  value: string;
  text: string;
  hint: string;
  checked: boolean;
}

type Row = DisposalsView['pending'][number];

function stateText(r: Row): string {
  if (r.status === 'approved') return `Approved for disposal by ${r.decided_by_name ?? 'your agency'}`;
  if (r.status === 'deferred') return `Deferred until ${r.deferred_until ? day(r.deferred_until) : 'a later date'}: ${r.reason ?? ''}`;
  if (r.status === 'held') return `On legal hold (${HOLD_LABELS[r.hold_kind as HoldKind] ?? 'legal hold'}): ${r.reason ?? ''}. Release the hold before it can be disposed of`;
  return 'Awaiting your decision';
}

export function presentDisposals(v: DisposalsView, selected: readonly string[] = []) {
  const item = (r: Row): ReviewItem => ({
    value: r.id,
    text: `${kindLabel(r.kind)}, reference ${r.record_id.slice(0, 8)}`,
    hint: `Due ${day(r.due_at)} under ${r.rule_clause}. ${stateText(r)}.`,
    checked: selected.includes(r.id),
  });
  return {
    counts: { pending: v.pending.length, approved: v.approved.length, deferred: v.deferred.length, held: v.held.length },
    items: [...v.pending, ...v.approved, ...v.deferred, ...v.held].map(item),
    approvedCount: v.approved.length,
    holdKinds: HOLD_KINDS.map((k) => ({ value: k, text: HOLD_LABELS[k] })),
    certificates: v.certificates.map((c) => ({
      href: `/disposals/certificates/${c.id}`,
      disposedAt: day(c.disposed_at),
      kind: kindLabel(c.kind),
      count: c.record_count,
      rule: c.rule_clause,
      approvedBy: c.approved_by_name,
    })),
    recipients: v.disposedByRecipients.map((d) => ({ reference: d.record_id.slice(0, 8), recipient: d.agency_name, disposedAt: d.disposed_at ? day(d.disposed_at) : '', rule: d.rule_clause })),
  };
}

export function presentCertificate(c: {
  id: string;
  agency_name: string;
  kind: string;
  record_count: number;
  pack: string;
  rule_clause: string;
  rule_text: string;
  disposed_at: Date;
  approved_by_name: string;
}) {
  return {
    id: c.id,
    rows: [
      { key: { text: 'Agency' }, value: { text: c.agency_name } },
      { key: { text: 'What was disposed of' }, value: { text: kindLabel(c.kind) } },
      { key: { text: 'How many records' }, value: { text: String(c.record_count) } },
      { key: { text: 'When' }, value: { text: `${day(c.disposed_at)} at ${c.disposed_at.toISOString().slice(11, 16)} UTC` } },
      { key: { text: 'Under which rule' }, value: { text: `${c.rule_text} (${c.rule_clause}; protocol ${c.pack})` } },
      { key: { text: 'Approved by' }, value: { text: c.approved_by_name } },
      {
        key: { text: 'How' },
        value: { text: 'Each record’s data key was destroyed and its encrypted data overwritten; the details of audit events about it were crypto-shredded. The audit log still verifies.' },
      },
    ],
  };
}
