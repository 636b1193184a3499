// A practitioner who disagrees with another agency's decision raises a dispute, linked to the
// request, the decision or the child it concerns. It starts at the pack's first stage with that
// stage's clock running; the people who act at stage one in both agencies are told (no personal
// data in the notification). Southampton 2010 s.13 ("all disputes … must be reported to the
// Children's Services Executive who will keep a central register"); Wirral 2022 App. 2 s.5.5.
import { randomUUID } from 'node:crypto';
import { decisionForDispute, insertDispute, requestForDispute } from '../../db/queries/disputes.ts';
import { activeAgency, partnershipPack } from '../../db/queries/partnerships.ts';
import { type RaiseDisputeInput, raiseDisputeSchema, stageDueAt, stageOf } from '../../domain/disputes.ts';
import { type Actor, hasRole } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { auditRefusal, isUuid, reachChild } from '../kernel/gateway.ts';
import { type FieldError, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs } from '../kernel/sealed.ts';
import { once, type Replayable, type Submission } from '../kernel/submissions.ts';
import { addDisputeEvent, notifyStage, rulesOf } from './_dispute.ts';

export async function raiseDispute(deps: Deps, actor: Actor, input: RaiseDisputeInput, submission?: Submission): Promise<Outcome<Replayable<{ disputeId: string; stage: number; stageDueAt: Date }>>> {
  const parsed = raiseDisputeSchema.safeParse(input ?? {});
  if (!parsed.success) {
    // Say everything that is missing at once, including the agency when nothing links the dispute to one.
    const raw = (input ?? {}) as Record<string, unknown>;
    const noAgency = !raw.requestId && !raw.decisionId && !raw.otherAgencyId;
    return invalid([...fieldErrors(parsed.error.issues), ...(noAgency ? [{ path: 'otherAgencyId', message: 'Select the agency you disagree with' }] : [])]);
  }
  const v = parsed.data;
  if (!hasRole(actor, 'practitioner', 'designated_safeguarding_lead', 'spoc', 'ig_lead', 'caldicott_guardian')) return notFound;
  return deps.db.transaction().execute((trx) =>
    once(trx, actor, 'dispute.raise', submission, deps.now(), async () => {
      let childId: string | null = null;
      let otherAgencyId: string | null = null;
      const errors: FieldError[] = [];
      // The link: a request between the two agencies, a decision of the other agency, or a child.
      if (v.requestId) {
        const r = isUuid(v.requestId) ? await requestForDispute(trx, actor.partnershipId, v.requestId) : undefined;
        if (!r || (r.from_agency_id !== actor.agencyId && r.to_agency_id !== actor.agencyId)) {
          await appendAudit(trx, auditActor(actor), {
            action: 'dispute.raised',
            outcome: r ? 'denied' : 'not_found',
            subjectType: 'request',
            subjectId: isUuid(v.requestId) ? v.requestId : undefined,
            childId: r?.child_id,
          });
          return notFound;
        }
        childId = r.child_id;
        otherAgencyId = r.from_agency_id === actor.agencyId ? r.to_agency_id : r.from_agency_id;
      } else if (v.decisionId) {
        const d = isUuid(v.decisionId) ? await decisionForDispute(trx, actor.partnershipId, v.decisionId) : undefined;
        if (!d) {
          await auditRefusal(trx, actor, 'decision', 'dispute.raised', v.decisionId, undefined);
          return notFound;
        }
        if (!(await reachChild(trx, actor, d.child_id, 'dispute.raised'))) return notFound;
        if (d.agency_id === actor.agencyId) errors.push({ path: 'decisionId', message: 'A dispute is with another agency: this decision was made by your own agency' });
        childId = d.child_id;
        otherAgencyId = d.agency_id;
      } else {
        if (v.childId) {
          if (!(await reachChild(trx, actor, v.childId, 'dispute.raised'))) return notFound;
          childId = v.childId;
        }
        if (!v.otherAgencyId || !isUuid(v.otherAgencyId) || !(await activeAgency(trx, actor.partnershipId, v.otherAgencyId))) {
          errors.push({ path: 'otherAgencyId', message: 'Select the agency you disagree with' });
        } else if (v.otherAgencyId === actor.agencyId) {
          errors.push({ path: 'otherAgencyId', message: 'Select another agency: a dispute is between agencies' });
        } else otherAgencyId = v.otherAgencyId;
      }
      if (errors.length || !otherAgencyId) return invalid(errors);

      const pack = await partnershipPack(trx, actor.partnershipId);
      const rules = rulesOf(deps, pack);
      const now = deps.now();
      const id = randomUUID();
      const due = stageDueAt(rules, 1, now);
      await insertDispute(trx, {
        partnership_id: actor.partnershipId,
        id,
        child_id: childId,
        request_id: v.requestId,
        decision_id: v.decisionId,
        raised_by: actor.userId,
        raising_agency_id: actor.agencyId,
        other_agency_id: otherAgencyId,
        pack,
        status: 'open',
        stage: 1,
        stage_started_at: now,
        stage_due_at: due,
        sealed: JSON.stringify(sealAs(deps.keyring, 'dispute', id, { summary: v.summary })),
        created_at: now,
        concluded_at: null,
        closed_at: null,
      });
      await addDisputeEvent(deps, trx, actor, id, 'raised', 1, { ground: v.ground, dueAt: due.toISOString() });
      await appendAudit(trx, auditActor(actor), {
        action: 'dispute.raised',
        subjectType: 'dispute',
        subjectId: id,
        childId: childId ?? undefined,
        details: { ground: v.ground, otherAgencyId, requestId: v.requestId, decisionId: v.decisionId, stage: 1, pack },
      });
      await notifyStage(deps, trx, actor.partnershipId, { raisedBy: actor.userId, raisingAgencyId: actor.agencyId, otherAgencyId }, stageOf(rules, 1), 'dispute.raised', id, actor.userId);
      return ok({ disputeId: id, stage: 1, stageDueAt: due });
    }),
  );
}
