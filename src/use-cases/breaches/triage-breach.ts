// Triage by the reporting agency's IG lead: confirm the breach for investigation (naming the lead
// agency if the pack's rule gave the wrong one: the owner of the data, Wirral 2022 App. 2 s.5.8, or
// the partner in breach, Haringey 2006 s.6.2), or record that it was not a breach, with reasons —
// it stays on the register (Wirral 2022 "Personal Data Breach": keep a record of every breach).
import { addBreachParties } from '../../db/queries/breaches.ts';
import { activeAgency } from '../../db/queries/partnerships.ts';
import { canTriage, triageBreachSchema } from '../../domain/breaches.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { isUuid } from '../kernel/gateway.ts';
import { breachStep } from './_steps.ts';

export async function triageBreach(deps: Deps, actor: Actor, breachId: string, input: unknown) {
  const parsed = triageBreachSchema.safeParse(input ?? {});
  const event = parsed.success && parsed.data.outcome === 'dismiss' ? 'dismiss' : 'confirm';
  return breachStep(deps, actor, breachId, input, {
    action: event === 'dismiss' ? 'breach.dismissed' : 'breach.triaged',
    event,
    allowed: (a) => canTriage(actor, a),
    schema: triageBreachSchema,
    run: async ({ trx, row, input: t, now }) => {
      let lead = row.lead_agency_id;
      if (t.outcome === 'confirm' && t.leadAgencyId && t.leadAgencyId !== lead) {
        const agency = isUuid(t.leadAgencyId) ? await activeAgency(trx, actor.partnershipId, t.leadAgencyId) : undefined;
        if (!agency) return { errors: [{ path: 'leadAgencyId', message: 'Select an agency in the partnership' }] };
        lead = agency.id;
        await addBreachParties(trx, actor.partnershipId, row.id, [{ agency_id: lead, capacity: 'lead' }]);
      }
      const changedLead = lead !== row.lead_agency_id;
      return {
        patch: { triaged_at: now, lead_agency_id: lead },
        details: { outcome: t.outcome, leadAgencyId: lead, leadChanged: changedLead },
        note: t.note ? { note: t.note } : null,
        notify: t.outcome === 'confirm' && lead !== actor.agencyId ? [{ kind: 'breach.reported', to: { agency: { agencyId: lead, roles: ['ig_lead'] } } }] : [],
      };
    },
  });
}
