// Opening a breach: shared by reporting one (breaches/report-breach.ts) and by a recipient
// returning a disclosure (disclosures/return-disclosure.ts), so both open the same record with the
// same clocks and tell the same people. Runs in the caller's transaction.
import { randomUUID } from 'node:crypto';
import { insertBreach, insertBreachEvent, meetBreachClock } from '../../db/queries/breaches.ts';
import { partnershipPack } from '../../db/queries/partnerships.ts';
import { breachDeadlines, clockTimes, defaultLeadAgency, leadRule, metBy } from '../../domain/breaches.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from './actor.ts';
import { appendAudit } from './audit.ts';
import type { Deps, Tx } from './deps.ts';
import { notify } from './notify.ts';
import { seal } from './sealing.ts';

export const breachSealContext = (breachId: string) => `breach:${breachId}`;
export const breachEventSealContext = (eventId: string) => `breach-event:${eventId}`;

/** What a breach report says, sealed: what happened and how. */
export interface BreachNarrative {
  what: string;
  how: string;
}

/** A disclosure named in a breach: its sender and recipient, and who originated its items. */
export interface InvolvedDisclosure {
  id: string;
  child_id: string;
  from_agency_id: string;
  from_user_id: string;
  to_agency_id: string;
  originator_agency_ids: string[] | null;
}

export interface NewBreach {
  kind: 'reported' | 'returned_disclosure';
  narrative: BreachNarrative;
  identifiedAt: Date;
  occurredAt: Date | null;
  childIds: string[];
  disclosures: InvolvedDisclosure[];
  /** Audit details beyond the defaults (e.g. the reason a disclosure was returned). */
  details?: Record<string, unknown>;
}

/** Record a step in a breach's history, with an optional sealed note. */
export async function addBreachEvent(
  deps: Deps,
  trx: Tx,
  actor: Pick<Actor, 'partnershipId' | 'userId' | 'agencyId'> | { partnershipId: string; userId: null; agencyId: null },
  breachId: string,
  kind: string,
  extra: { details?: Record<string, unknown>; note?: Record<string, string | null> | null; at?: Date } = {},
) {
  const id = randomUUID();
  await insertBreachEvent(trx, {
    partnership_id: actor.partnershipId,
    id,
    breach_id: breachId,
    at: extra.at ?? deps.now(),
    kind,
    by_user_id: actor.userId,
    by_agency_id: actor.agencyId,
    details: JSON.stringify(extra.details ?? {}),
    sealed: extra.note ? JSON.stringify(seal(deps.keyring, breachEventSealContext(id), extra.note)) : null,
  });
  return id;
}

/** Open a breach: its parties, children and disclosures, a clock for each deadline of the pack's
 *  procedure (those Concord meets by this report met at once), the audit event, and the people the
 *  procedure names told — the reporting and lead agencies' IG leads, and for a breach involving a
 *  disclosure, its sender and the IG leads of the agencies whose information it was. */
export async function openBreach(deps: Deps, trx: Tx, actor: Actor, input: NewBreach): Promise<{ breachId: string; leadAgencyId: string }> {
  const packRefValue = await partnershipPack(trx, actor.partnershipId);
  const pack = deps.packs.get(packRefValue)!;
  const now = deps.now();
  const id = randomUUID();
  const owners = [...new Set(input.disclosures.flatMap((d) => [...(d.originator_agency_ids ?? []), d.from_agency_id]))];
  const otherOwners = owners.filter((a) => a !== actor.agencyId);
  const leadAgencyId = defaultLeadAgency(leadRule(pack), actor.agencyId, otherOwners);
  const parties = [
    { agency_id: actor.agencyId, capacity: 'reporting' },
    { agency_id: leadAgencyId, capacity: 'lead' },
    ...input.disclosures.flatMap((d) => [
      { agency_id: d.from_agency_id, capacity: 'sender' },
      { agency_id: d.to_agency_id, capacity: 'recipient' },
      ...(d.originator_agency_ids ?? []).map((a) => ({ agency_id: a, capacity: 'originator' })),
    ]),
  ];
  const events = { identified: input.identifiedAt, occurred: input.occurredAt, meeting: null };
  const deadlines = breachDeadlines(pack, otherOwners.length > 0);
  await insertBreach(trx, {
    breach: {
      partnership_id: actor.partnershipId,
      id,
      pack: packRefValue,
      kind: input.kind,
      status: 'reported',
      reported_by: actor.userId,
      reporting_agency_id: actor.agencyId,
      lead_agency_id: leadAgencyId,
      reported_at: now,
      identified_at: input.identifiedAt,
      occurred_at: input.occurredAt,
      sealed: JSON.stringify(seal(deps.keyring, breachSealContext(id), input.narrative)),
      correlation_id: actor.correlationId,
    },
    parties,
    children: [...new Set([...input.childIds, ...input.disclosures.map((d) => d.child_id)])],
    disclosures: input.disclosures.map((d) => d.id),
    clocks: deadlines.map((d, position) => {
      const t = clockTimes(d, events);
      return {
        deadline_id: d.id,
        position,
        action: d.action,
        who: d.who,
        within_amount: d.within.amount,
        within_unit: d.within.unit,
        start_event: d.from,
        clause: d.clause,
        started_at: t.startedAt,
        due_at: t.dueAt,
        remind_at: t.remindAt,
      };
    }),
  });
  // Reporting in Concord is the internal report, and it tells the data's owners at once.
  const metNow = deadlines.filter((d) => metBy(d.id) === 'report' || metBy(d.id) === 'originator_told');
  for (const d of metNow) await meetBreachClock(trx, actor.partnershipId, id, d.id, now, metBy(d.id));
  await addBreachEvent(deps, trx, actor, id, 'reported', { details: { kind: input.kind, children: input.childIds.length, disclosures: input.disclosures.length, met: metNow.map((d) => d.id) } });
  await appendAudit(trx, auditActor(actor), {
    action: 'breach.reported',
    subjectType: 'breach',
    subjectId: id,
    details: {
      kind: input.kind,
      pack: packRefValue,
      leadAgencyId,
      identifiedAt: input.identifiedAt.toISOString(),
      disclosures: input.disclosures.map((d) => d.id),
      children: input.childIds.length,
      ...input.details,
    },
  });
  const link = `/breaches/${id}`;
  await notify(trx, now, actor.partnershipId, 'breach.reported', link, { agency: { agencyId: actor.agencyId, roles: ['ig_lead'] } }, actor.userId);
  if (leadAgencyId !== actor.agencyId) await notify(trx, now, actor.partnershipId, 'breach.reported', link, { agency: { agencyId: leadAgencyId, roles: ['ig_lead'] } }, actor.userId);
  for (const owner of otherOwners.filter((a) => a !== leadAgencyId)) {
    await notify(trx, now, actor.partnershipId, 'breach.involves-your-information', link, { agency: { agencyId: owner, roles: ['ig_lead'] } }, actor.userId);
  }
  const senders = input.disclosures.filter((d) => d.from_agency_id !== actor.agencyId).map((d) => d.from_user_id);
  if (senders.length) await notify(trx, now, actor.partnershipId, 'breach.involves-your-information', link, { userIds: senders }, actor.userId);
  return { breachId: id, leadAgencyId };
}
