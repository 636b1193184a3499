// Passing received information on needs its originators' agreement, item by item (Southampton 2010
// s.10–11 and s.18 item 13; Derby 2015 s.5 para. 7), and never goes to an agency it came from. Used
// by a decision about passing information on, by preparing and sending it, and by the onward pages.

import type { Kysely } from 'kysely';
import { disclosureForDecision, itemOriginators } from '../../db/queries/disclosures.ts';
import { onwardItemAnswers } from '../../db/queries/onward-agreements.ts';
import { agencyNames } from '../../db/queries/staff.ts';
import type { DB } from '../../db/schema.ts';
import { isSourceOf, missingOriginators, unagreedItems } from '../../domain/disclosures.ts';
import type { Actor } from '../../domain/staff.ts';
import { unsealAs } from './sealed.ts';
import type { Keyring } from './sealing.ts';

/** For passing items of a received disclosure to `toAgencyId`: the originators (by name) who have
 *  not agreed to some of the items, the items that may go (`passable`), those that may not
 *  (`waiting`), and the agreements that allow the passable ones. `itemIds` narrows to some items. */
export async function onwardBlockers(db: Kysely<DB>, actor: Actor, disclosureId: string, toAgencyId: string, itemIds?: readonly string[]) {
  const items = await itemOriginators(db, actor.partnershipId, disclosureId, itemIds);
  const answers = await onwardItemAnswers(db, actor.partnershipId, disclosureId, actor.agencyId, toAgencyId);
  const agreed = answers.filter((a) => a.agreed);
  const waiting = unagreedItems(
    items.map((i) => ({ id: i.id, originatorAgencyId: i.originator_agency_id })),
    actor.agencyId,
    new Set(agreed.map((a) => a.item_id)),
  );
  const waitingIds = new Set(waiting.map((w) => w.id));
  const passable = items.filter((i) => !waitingIds.has(i.id)).map((i) => i.id);
  const names = await agencyNames(db, actor.partnershipId, missingOriginators(waiting));
  const agreementIds = [...new Set(agreed.filter((a) => passable.includes(a.item_id)).map((a) => a.agreement_id))];
  return { missing: names, passable, waiting: [...waitingIds], agreementIds };
}

/** Whether `agencyId` is an agency the received information came from (its sender or the
 *  originator of one of its items): never an onward recipient (domain/disclosures.ts isSourceOf). */
export async function isOnwardSource(db: Kysely<DB>, partnershipId: string, disclosureId: string, agencyId: string): Promise<boolean> {
  const d = await disclosureForDecision(db, partnershipId, disclosureId);
  if (!d) return false;
  const items = await itemOriginators(db, partnershipId, disclosureId);
  return isSourceOf(agencyId, { fromAgencyId: d.from_agency_id, originatorAgencyIds: items.map((i) => i.originator_agency_id) });
}

/** Why each item that may not be passed to `toAgencyId` is held back, for the sender: its
 *  originator refused it (with the reason) or has not agreed to it yet. */
export async function onwardItemNotes(db: Kysely<DB>, keyring: Keyring, actor: Actor, disclosureId: string, toAgencyId: string, toAgencyName: string): Promise<Map<string, string>> {
  const answers = await onwardItemAnswers(db, actor.partnershipId, disclosureId, actor.agencyId, toAgencyId);
  const { waiting } = await onwardBlockers(db, actor, disclosureId, toAgencyId);
  const notes = new Map<string, string>();
  for (const itemId of waiting) {
    // The latest refusal of this item, if any (answers come oldest first).
    const refusal = answers.filter((a) => a.item_id === itemId && !a.agreed).at(-1);
    if (refusal) {
      const sealed = unsealAs(keyring, 'onward-agreement', refusal.agreement_id, refusal.sealed);
      const reason = sealed.itemReasons?.[itemId] ?? sealed.reasons;
      notes.set(itemId, `${refusal.originator_agency_name} refused to let this item go to ${toAgencyName}${reason ? `: ${reason}` : ''}`);
    } else notes.set(itemId, `Its originator has not agreed to it going to ${toAgencyName}`);
  }
  return notes;
}
