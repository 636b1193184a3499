// Record a complaint about the use or disclosure of personal information against the agency
// concerned (and the records it is about), routed to that agency's information governance team
// as the pack says (Derby 2015 s.5 para. 5; Southampton 2010 s.14; Sandwell 2022 s.13.1). Its
// response is due the time the pack allows after it was received.
import { randomUUID } from 'node:crypto';
import { insertComplaint } from '../../db/queries/complaints.ts';
import { activeAgency, partnershipPack } from '../../db/queries/partnerships.ts';
import { londonDateOf } from '../../domain/clocks.ts';
import { type RecordComplaintInput, recordComplaintSchema, responseDueAt } from '../../domain/complaints.ts';
import { type Actor, hasRole } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { isUuid, reachChild } from '../kernel/gateway.ts';
import { notify } from '../kernel/notify.ts';
import { type FieldError, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs } from '../kernel/sealed.ts';
import { once, type Replayable, type Submission } from '../kernel/submissions.ts';
import { rulesOf } from './_complaint.ts';

const LINKS = ['requestId', 'disclosureId', 'decisionId'] as const;

export async function recordComplaint(deps: Deps, actor: Actor, input: RecordComplaintInput, submission?: Submission): Promise<Outcome<Replayable<{ complaintId: string; responseDueAt: Date }>>> {
  if (hasRole(actor, 'administrator') && actor.roles.length === 1) return notFound;
  const parsed = recordComplaintSchema.safeParse(input ?? {});
  if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
  const v = parsed.data;
  const errors: FieldError[] = LINKS.filter((k) => v[k] && !isUuid(v[k]!)).map((k) => ({ path: k, message: 'Enter the reference of the record as Concord shows it' }));
  if (v.receivedOn > londonDateOf(deps.now())) errors.push({ path: 'receivedOn', message: 'The date the complaint was received must be today or in the past' });
  return deps.db.transaction().execute((trx) =>
    once(trx, actor, 'complaint.record', submission, deps.now(), async () => {
      if (!isUuid(v.agencyId) || !(await activeAgency(trx, actor.partnershipId, v.agencyId))) errors.push({ path: 'agencyId', message: 'Select the agency the complaint is about' });
      if (errors.length) return invalid(errors);
      if (v.childId && !(await reachChild(trx, actor, v.childId, 'complaint.recorded'))) return notFound;
      const pack = await partnershipPack(trx, actor.partnershipId);
      const { rules } = rulesOf(deps, pack);
      const now = deps.now();
      const id = randomUUID();
      const due = responseDueAt(rules, v.receivedOn);
      await insertComplaint(trx, {
        partnership_id: actor.partnershipId,
        id,
        agency_id: v.agencyId,
        recorded_by: actor.userId,
        recording_agency_id: actor.agencyId,
        child_id: v.childId,
        request_id: v.requestId,
        disclosure_id: v.disclosureId,
        decision_id: v.decisionId,
        pack,
        complainant: v.complainant,
        received_on: v.receivedOn,
        status: 'open',
        response_due_at: due,
        outcome: null,
        responded_on: null,
        sealed: JSON.stringify(sealAs(deps.keyring, 'complaint', id, { summary: v.summary, response: null })),
        created_at: now,
        closed_at: null,
      });
      await appendAudit(trx, auditActor(actor), {
        action: 'complaint.recorded',
        subjectType: 'complaint',
        subjectId: id,
        childId: v.childId ?? undefined,
        details: {
          agencyId: v.agencyId,
          complainant: v.complainant,
          receivedOn: v.receivedOn,
          dueAt: due.toISOString(),
          requestId: v.requestId,
          disclosureId: v.disclosureId,
          decisionId: v.decisionId,
        },
      });
      await notify(trx, now, actor.partnershipId, 'complaint.received', `/complaints/${id}`, { agency: { agencyId: v.agencyId, roles: rules.handledBy } }, actor.userId);
      return ok({ complaintId: id, responseDueAt: due });
    }),
  );
}
