// An item's current version: the value its originator last corrected it to, or the value as sent.
// Southampton 2010 s.9: a correction reaches everyone who received the item — so whoever holds a
// copy reads the corrected value with "corrected on … by …", and passing it on passes the corrected
// value (UK GDPR Art. 5(1)(d), Art. 19). Used by preparing, sending and opening a disclosure.
import { correctedVersions } from '../../db/queries/corrections.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { unsealAs } from '../kernel/sealed.ts';

export interface Correction {
  correctionId: string;
  value: string;
  at: Date;
  byName: string | null;
  agencyName: string;
}

/** The latest correction of each item (by origin item), if it has been corrected. */
export async function currentVersions(deps: Deps, trx: Tx, partnershipId: string, originItemIds: readonly string[]): Promise<Map<string, Correction>> {
  const rows = await correctedVersions(trx, partnershipId, [...new Set(originItemIds)]);
  const latest = new Map<string, Correction>();
  for (const r of rows) {
    const sealed = unsealAs(deps.keyring, 'correction', r.id, r.sealed);
    if (sealed.correctedValue === null || !r.decided_at) continue;
    latest.set(r.origin_item_id, { correctionId: r.id, value: sealed.correctedValue, at: r.decided_at, byName: r.decided_by_name, agencyName: r.originator_agency_name });
  }
  return latest;
}

/** The value to show or pass on: the latest correction's, else the value as it was sent. */
export const currentValue = (sent: string | null, correction: Correction | undefined): string | null => correction?.value ?? sent;

/** "Corrected on … by …", without the value. */
export const correctionStamp = (c: Correction | undefined) => (c ? { at: c.at, byName: c.byName, agencyName: c.agencyName } : null);
