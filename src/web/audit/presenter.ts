// Pure presenters for the audit pages: the child's access log and the export form.
import { auditOutcomeLabels } from '../../domain/access-log.ts';
import { EXPORT_PERIODS, type ExportPeriod, periodLabels } from '../../use-cases/audit/export-agency-access-log.ts';
import type { ChildAccessLog } from '../../use-cases/children/view-child-access-log.ts';

const by = (e: ChildAccessLog['entries'][number]): string => {
  if (e.staffName) return e.staffName;
  if (e.via === 'cli') return 'An administrator (command line)';
  if (e.via === 'job' || e.via === 'system') return 'Concord (automatic)';
  return 'Not known';
};

export function presentAccessLog(log: ChildAccessLog) {
  const name = `${log.child.givenName} ${log.child.familyName}`;
  const base = `/children/${log.child.id}/access-log`;
  return {
    childId: log.child.id,
    childName: name,
    total: log.total,
    rows: log.entries.map((e) => ({
      at: e.occurredAt,
      who: by(e),
      agency: e.agencyName ?? '',
      what: `${e.description}${e.via === 'api' ? ' (through the API)' : ''}`,
      refused: e.outcome !== 'ok' ? (auditOutcomeLabels[e.outcome] ?? e.outcome) : null,
    })),
    pagination:
      log.pages > 1
        ? {
            ...(log.page > 1 ? { previous: { href: log.page === 2 ? base : `${base}?page=${log.page - 1}` } } : {}),
            ...(log.page < log.pages ? { next: { href: `${base}?page=${log.page + 1}` } } : {}),
            items: Array.from({ length: log.pages }, (_, i) => ({ number: i + 1, href: i === 0 ? base : `${base}?page=${i + 1}`, current: i + 1 === log.page })),
          }
        : null,
    page: log.page,
    pages: log.pages,
  };
}

export function exportForm(values: { format?: string; period?: string }) {
  return {
    formats: [
      { value: 'csv', text: 'CSV (for a spreadsheet)', checked: (values.format ?? 'csv') === 'csv' },
      { value: 'json', text: 'JSON (for another system)', checked: values.format === 'json' },
    ],
    periods: (Object.keys(EXPORT_PERIODS) as ExportPeriod[]).map((p) => ({ value: p, text: periodLabels[p], checked: (values.period ?? '30-days') === p })),
  };
}
