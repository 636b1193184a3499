// One breach. Its reporter and the IG staff of every party agency see it whole (children, what
// happened, every note); the partnership manager sees the register's view of it — parties,
// clocks, grade, decisions — without children or narrative. Anyone else: not found (audited).
// Reading the whole record is audited, once for each child it names, so the child's access log shows it.
import { breachChildren, breachClocks, breachDisclosures, breachEvents, breachParties } from '../../db/queries/breaches.ts';
import { type BreachStatus, type ClockState, canAssess, canInvestigate, canSeeBreach, canSeeRegister, canTriage, clockState, type MetBy, metBy } from '../../domain/breaches.ts';
import type { Duration, Pack } from '../../domain/protocol/pack.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAuditEvents } from '../kernel/audit.ts';
import { type BreachNarrative, breachEventSealContext, breachSealContext } from '../kernel/breaches.ts';
import type { Deps } from '../kernel/deps.ts';
import { readNotificationsAbout } from '../kernel/notify.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { unseal } from '../kernel/sealing.ts';
import { accessOf, breachFor } from './_steps.ts';

export interface BreachClockView {
  id: string;
  action: string;
  who: string;
  clause: string;
  within: Duration;
  from: string;
  startedAt: Date | null;
  dueAt: Date | null;
  metAt: Date | null;
  metBy: string | null;
  state: ClockState;
  /** Whether the lead agency records this step as done (others Concord meets itself). */
  recordable: boolean;
  metByConcord: MetBy;
}

export interface BreachView {
  id: string;
  /** The breach's version, sent back by its forms (optimistic concurrency, ADR 0073). */
  version: number;
  kind: string;
  status: BreachStatus;
  pack: string;
  /** 'full' for the parties' IG staff and the reporter; 'register' (metadata only) for the partnership manager. */
  scope: 'full' | 'register';
  reportedAt: Date;
  identifiedAt: Date;
  occurredAt: Date | null;
  reportedByName: string | null;
  reportingAgency: { id: string; name: string };
  leadAgency: { id: string; name: string };
  parties: { agencyId: string; name: string; capacities: string[] }[];
  children: { id: string; name: string; dateOfBirth: string }[];
  disclosures: { id: string; sentAt: Date; status: string; fromAgencyName: string; toAgencyName: string }[];
  narrative: BreachNarrative | null;
  severity: string | null;
  assessedAt: Date | null;
  triagedAt: Date | null;
  meetingAt: Date | null;
  closedAt: Date | null;
  ico: { decision: string | null; reference: string | null; reportedAt: Date | null; decidedAt: Date | null };
  individuals: { decision: string | null; toldAt: Date | null; decidedAt: Date | null };
  clocks: BreachClockView[];
  events: { id: string; at: Date; kind: string; byName: string | null; byAgencyName: string | null; details: Record<string, unknown>; note: Record<string, string | null> | null }[];
  procedure: Pick<Pack['breach'], 'lead' | 'notify' | 'steps' | 'severityGrades' | 'clause'>;
  can: { triage: boolean; assess: boolean; investigate: boolean; recordMeeting: boolean };
}

export async function viewBreach(deps: Deps, actor: Actor, breachId: string): Promise<Outcome<BreachView>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await breachFor(trx, actor, breachId, 'breach.viewed', (a) => canSeeBreach(actor, a) || canSeeRegister(actor));
    if (!row) return notFound;
    const access = accessOf(row);
    const full = canSeeBreach(actor, access);
    const now = deps.now();
    const closed = row.status === 'closed';
    const [parties, children, disclosures, clocks, events] = await Promise.all([
      breachParties(trx, actor.partnershipId, row.id),
      full ? breachChildren(trx, actor.partnershipId, row.id) : Promise.resolve([]),
      full ? breachDisclosures(trx, actor.partnershipId, row.id) : Promise.resolve([]),
      breachClocks(trx, actor.partnershipId, row.id),
      breachEvents(trx, actor.partnershipId, row.id),
    ]);
    await appendAuditEvents(
      trx,
      auditActor(actor),
      full && children.length
        ? children.map((c) => ({ action: 'breach.viewed', subjectType: 'breach', subjectId: row.id, childId: c.id, details: { scope: 'full' } }))
        : [{ action: 'breach.viewed', subjectType: 'breach', subjectId: row.id, details: { scope: full ? 'full' : 'register' } }],
    );
    await readNotificationsAbout(trx, actor, `/breaches/${row.id}`, now);
    const pack = deps.packs.get(row.pack)!;
    const byAgency = new Map<string, { agencyId: string; name: string; capacities: string[] }>();
    for (const p of parties) {
      const entry = byAgency.get(p.agency_id) ?? { agencyId: p.agency_id, name: p.name, capacities: [] };
      entry.capacities.push(p.capacity);
      byAgency.set(p.agency_id, entry);
    }
    const investigate = !closed && canInvestigate(actor, access);
    return ok({
      id: row.id,
      version: row.version,
      kind: row.kind,
      status: row.status as BreachStatus,
      pack: row.pack,
      scope: full ? 'full' : 'register',
      reportedAt: row.reported_at,
      identifiedAt: row.identified_at,
      occurredAt: row.occurred_at,
      reportedByName: full ? row.reported_by_name : null,
      reportingAgency: { id: row.reporting_agency_id, name: row.reporting_agency_name },
      leadAgency: { id: row.lead_agency_id, name: row.lead_agency_name },
      parties: [...byAgency.values()],
      children: children.map((c) => ({ id: c.id, name: `${c.given_name} ${c.family_name}`, dateOfBirth: c.date_of_birth })),
      disclosures: disclosures.map((d) => ({ id: d.id, sentAt: d.sent_at, status: d.status, fromAgencyName: d.from_agency_name, toAgencyName: d.to_agency_name })),
      narrative: full ? unseal<BreachNarrative>(deps.keyring, breachSealContext(row.id), row.sealed) : null,
      severity: row.severity,
      assessedAt: row.assessed_at,
      triagedAt: row.triaged_at,
      meetingAt: row.meeting_at,
      closedAt: row.closed_at,
      ico: { decision: row.ico_decision, reference: row.ico_reference, reportedAt: row.ico_reported_at, decidedAt: row.ico_decided_at },
      individuals: { decision: row.individuals_decision, toldAt: row.individuals_told_at, decidedAt: row.individuals_decided_at },
      clocks: clocks.map((c) => ({
        id: c.deadline_id,
        action: c.action,
        who: c.who,
        clause: c.clause,
        within: { amount: c.within_amount, unit: c.within_unit as Duration['unit'] },
        from: c.start_event,
        startedAt: c.started_at,
        dueAt: c.due_at,
        metAt: c.met_at,
        metBy: c.met_by,
        state: clockState({ startedAt: c.started_at, dueAt: c.due_at, remindAt: c.remind_at, metAt: c.met_at }, now, closed),
        recordable: metBy(c.deadline_id) === 'recorded' && !c.met_at && c.started_at !== null && investigate,
        metByConcord: metBy(c.deadline_id),
      })),
      events: events.map((e) => ({
        id: e.id,
        at: e.at,
        kind: e.kind,
        byName: e.by_name,
        byAgencyName: e.by_agency_name,
        details: e.details,
        note: full && e.sealed ? unseal<Record<string, string | null>>(deps.keyring, breachEventSealContext(e.id), e.sealed) : null,
      })),
      procedure: { lead: pack.breach.lead, notify: pack.breach.notify, steps: pack.breach.steps, severityGrades: pack.breach.severityGrades, clause: pack.breach.clause },
      can: {
        triage: row.status === 'reported' && canTriage(actor, access),
        assess: row.status === 'investigating' && canAssess(actor, access),
        investigate: row.status === 'investigating' && canInvestigate(actor, access),
        recordMeeting: row.status === 'investigating' && canInvestigate(actor, access) && !row.meeting_at && clocks.some((c) => c.start_event === 'meeting'),
      },
    });
  });
}
