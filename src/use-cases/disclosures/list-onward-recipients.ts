// The agencies a recipient may pass received information on to: those for which the originating
// agencies have agreed to at least one item going on, item by item (Southampton 2010 s.10–11 and
// s.18 item 13; Derby 2015 s.5 para. 7) — never an agency the information came from.
// For the onward decision's recipient choice; record-decision.ts and send-disclosure.ts check the
// agreements again. Names only, no personal data; a refused attempt is audited and "not found".
import { agreedRecipients } from '../../db/queries/onward-agreements.ts';
import { canOpenDisclosure } from '../../domain/disclosures.ts';
import type { Actor } from '../../domain/staff.ts';
import { scopeOf } from '../kernel/actor.ts';
import type { Deps } from '../kernel/deps.ts';
import { DISCLOSURE, reach } from '../kernel/gateway.ts';
import { isOnwardSource, onwardBlockers } from '../kernel/onward-sharing.ts';
import { conflict, notFound, type Outcome, ok } from '../kernel/outcome.ts';

export interface OnwardRecipients {
  disclosureId: string;
  childId: string;
  /** Active agencies (not the actor's own, nor one the information came from) to which some item may go. */
  agencies: { id: string; name: string }[];
}

export async function listOnwardRecipients(deps: Deps, actor: Actor, disclosureId: string): Promise<Outcome<OnwardRecipients>> {
  return deps.db.transaction().execute(async (trx) => {
    const d = await reach(trx, actor, DISCLOSURE, disclosureId, 'decision.started', (r) => canOpenDisclosure(actor, r.parties));
    if (!d) return notFound;
    if (d.status !== 'opened') return conflict('Open the information before deciding whether to pass it on.');
    const agencies: { id: string; name: string }[] = [];
    for (const a of await agreedRecipients(trx, scopeOf(actor), d.id)) {
      if (await isOnwardSource(trx, actor.partnershipId, d.id, a.id)) continue;
      const blockers = await onwardBlockers(trx, actor, d.id, a.id);
      if (blockers.passable.length) agencies.push({ id: a.id, name: a.name });
    }
    return ok({ disclosureId: d.id, childId: d.child_id, agencies });
  });
}
