// Pure view models for the unusual-access alert pages (ADR 0085).
import { type AccessAlertStatus, accessAlertStatusLabels } from '../../domain/access-alerts.ts';
import { formatDate, formatDateTime } from '../../domain/date-format.ts';

const TAG: Record<AccessAlertStatus, string> = { open: 'govuk-tag--red', acknowledged: 'govuk-tag--yellow', closed: 'govuk-tag--grey' };

export const alertStatusTag = (status: AccessAlertStatus) => ({ text: accessAlertStatusLabels[status], classes: TAG[status] });

interface AlertFacts {
  id: string;
  day: string;
  views: number;
  threshold: number;
  created_at: Date;
  status: AccessAlertStatus;
  person_name: string;
  person_email: string;
  agency_name: string;
  acknowledged_at: Date | null;
  acknowledged_by_name: string | null;
  closed_at: Date | null;
  closed_by_name: string | null;
  note: string | null;
}

export function alertRows(rows: readonly AlertFacts[]) {
  return rows.map((r) => ({
    href: `/access-alerts/${r.id}`,
    raised: formatDateTime(r.created_at),
    person: r.person_name,
    what: `${r.views} views on ${formatDate(r.day)} (usual limit ${r.threshold})`,
    tag: alertStatusTag(r.status),
  }));
}

export function alertView(r: AlertFacts) {
  return {
    id: r.id,
    tag: alertStatusTag(r.status),
    open: r.status !== 'closed',
    canAcknowledge: r.status === 'open',
    rows: [
      { key: { text: 'Who' }, value: { text: `${r.person_name} (${r.person_email}), ${r.agency_name}` } },
      { key: { text: 'What was found' }, value: { text: `${r.views} views of children’s records on ${formatDate(r.day)}, above their usual limit of ${r.threshold} a day` } },
      { key: { text: 'Raised' }, value: { text: formatDateTime(r.created_at) } },
      ...(r.acknowledged_at ? [{ key: { text: 'Acknowledged' }, value: { text: `${formatDateTime(r.acknowledged_at)} by ${r.acknowledged_by_name ?? 'a reviewer'}` } }] : []),
      ...(r.closed_at ? [{ key: { text: 'Closed' }, value: { text: `${formatDateTime(r.closed_at)} by ${r.closed_by_name ?? 'a reviewer'}` } }] : []),
      ...(r.note ? [{ key: { text: 'Note' }, value: { text: r.note } }] : []),
    ],
  };
}
