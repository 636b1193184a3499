// Optimistic concurrency for every record changed from a page (ADR 0073): the page sends the
// version it showed (`seen`); if the record has changed since, the step acts on nothing and the
// person is told what changed, by whom and when (src/domain/stale-page.ts), from the audit log.
import { latestChangeOf } from '../../db/queries/audit-log.ts';
import { auditActionWords, isStale, stalePageMessage } from '../../domain/stale-page.ts';
import type { Tx } from './deps.ts';
import { conflict } from './outcome.ts';

/** The version a form sent, if any (a string of digits). */
export const seenVersion = (input: unknown): string | null => {
  const seen = (input as { seen?: unknown } | null | undefined)?.seen;
  return typeof seen === 'string' || typeof seen === 'number' ? String(seen) : null;
};

/** A conflict saying what changed, if the page was stale; undefined if it may go on. */
export async function staleConflict(trx: Tx, partnershipId: string, record: 'breach' | 'decision' | 'dispute' | 'disclosure', row: { id: string; version: number }, seen: string | null) {
  if (!isStale(seen, String(row.version))) return undefined;
  const latest = await latestChangeOf(trx, partnershipId, record, row.id);
  return conflict(stalePageMessage(record, { what: latest ? `changed (${auditActionWords(latest.action)})` : 'changed', by: latest?.display_name ?? null, at: latest?.occurred_at }));
}
