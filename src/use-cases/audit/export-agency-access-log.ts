// An agency's own access log — everything its staff read, searched, recorded or were refused — for
// its information-governance staff to download (CSV or JSON) and review (Southampton 2010 s.18
// item 14; Haringey s.5). Each row carries its leaf index, so any row can be proved to be in the
// tamper-evident log (`concord audit prove`). The export itself is audited.
import { stringify } from 'csv-stringify/sync';
import { agencyAccessLog } from '../../db/queries/audit-log.ts';
import { findAgency } from '../../db/queries/staff.ts';
import { isAuditStaff } from '../../domain/access-log.ts';
import type { Actor } from '../../domain/staff.ts';
import { type AccessLogEntry, toEntry } from '../kernel/access-log.ts';
import { auditActor } from '../kernel/actor.ts';
import { type AuditActor, appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';

export type { AccessLogEntry } from '../kernel/access-log.ts';

const EXPORT_FORMATS = ['csv', 'json'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_PERIODS = { '30-days': 30, '12-months': 365, all: null } as const;
export type ExportPeriod = keyof typeof EXPORT_PERIODS;
export const periodLabels: Record<ExportPeriod, string> = { '30-days': 'The last 30 days', '12-months': 'The last 12 months', all: 'Everything' };
/** At most this many rows per export; narrow the period for more. */
export const EXPORT_LIMIT = 100_000;

export interface AccessLogExport {
  agencyId: string;
  agencyName: string;
  period: ExportPeriod;
  generatedAt: string;
  truncated: boolean;
  entries: AccessLogEntry[];
}

async function collect(deps: Deps, auditAs: AuditActor, input: { partnershipId: string; agencyId: string; period: ExportPeriod; format: ExportFormat }): Promise<Outcome<AccessLogExport>> {
  return deps.db.transaction().execute(async (trx) => {
    const agency = await findAgency(trx, input.partnershipId, input.agencyId);
    if (!agency) return notFound;
    const days = EXPORT_PERIODS[input.period];
    const now = deps.now();
    const since = days === null ? null : new Date(now.getTime() - days * 86_400_000);
    const rows = await agencyAccessLog(trx, input.partnershipId, input.agencyId, since, EXPORT_LIMIT + 1);
    const truncated = rows.length > EXPORT_LIMIT;
    const entries = rows.slice(0, EXPORT_LIMIT).map(toEntry);
    await appendAudit(trx, auditAs, {
      action: 'audit-log.exported',
      subjectType: 'agency',
      subjectId: input.agencyId,
      details: { format: input.format, period: input.period, rows: entries.length, truncated },
    });
    return ok({ agencyId: agency.id, agencyName: agency.name, period: input.period, generatedAt: now.toISOString(), truncated, entries });
  });
}

function checkInput(input: { period: string; format: string }) {
  const errors = [];
  if (!(input.format in { csv: 1, json: 1 })) errors.push({ path: 'format', message: 'Select CSV or JSON' });
  if (!(input.period in EXPORT_PERIODS)) errors.push({ path: 'period', message: 'Select which period to export' });
  return errors;
}

/** For the agency's own information-governance staff; everyone else gets "not found". */
export async function exportAgencyAccessLog(deps: Deps, actor: Actor, input: { period: string; format: string }): Promise<Outcome<AccessLogExport>> {
  if (!isAuditStaff(actor)) return notFound;
  const errors = checkInput(input);
  if (errors.length) return invalid(errors);
  return collect(deps, auditActor(actor), { partnershipId: actor.partnershipId, agencyId: actor.agencyId, period: input.period as ExportPeriod, format: input.format as ExportFormat });
}

/** The operator's export (`concord audit export`), audited as done through the CLI. */
export async function exportAccessLogAsOperator(
  deps: Deps,
  input: { partnershipId: string; agencyId: string; period: string; format: string; correlationId: string },
): Promise<Outcome<AccessLogExport>> {
  const errors = checkInput(input);
  if (errors.length) return invalid(errors);
  return collect(
    deps,
    { partnershipId: input.partnershipId, userId: null, agencyId: null, via: 'cli', correlationId: input.correlationId },
    { partnershipId: input.partnershipId, agencyId: input.agencyId, period: input.period as ExportPeriod, format: input.format as ExportFormat },
  );
}

const CSV_COLUMNS: [keyof AccessLogEntry, string][] = [
  ['occurredAt', 'occurred_at'],
  ['eventId', 'event_id'],
  ['leafIndex', 'leaf_index'],
  ['staffName', 'staff_name'],
  ['staffUserId', 'staff_user_id'],
  ['agencyName', 'agency'],
  ['action', 'action'],
  ['description', 'description'],
  ['outcome', 'outcome'],
  ['subjectType', 'subject_type'],
  ['subjectId', 'subject_id'],
  ['childId', 'child_id'],
  ['via', 'via'],
  ['correlationId', 'correlation_id'],
  ['details', 'details'],
];

/** CSV with a header row; any cell that a spreadsheet would run as a formula is escaped. */
export function accessLogCsv(e: AccessLogExport): string {
  return stringify(
    e.entries.map((row) => CSV_COLUMNS.map(([k]) => (k === 'details' ? JSON.stringify(row.details) : row[k] === null ? '' : String(row[k])))),
    { header: true, columns: CSV_COLUMNS.map(([, h]) => h), escape_formulas: true, record_delimiter: 'windows' },
  );
}

export function accessLogJson(e: AccessLogExport): string {
  return `${JSON.stringify(e, null, 2)}\n`;
}
