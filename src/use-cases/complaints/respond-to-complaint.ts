// The agency's handling team records the outcome and the response date, and the complaint closes;
// whoever recorded it is told (Sandwell 2022 s.13.4: complaints collated with their outcomes).
import { closeComplaint } from '../../db/queries/complaints.ts';
import { londonDateOf } from '../../domain/clocks.ts';
import { canRespondToComplaint, type RespondComplaintInput, respondComplaintSchema } from '../../domain/complaints.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs, unsealAs } from '../kernel/sealed.ts';
import { complaintFor } from './_complaint.ts';

export async function respondToComplaint(deps: Deps, actor: Actor, id: string, input: RespondComplaintInput): Promise<Outcome<{ status: 'closed' }>> {
  const parsed = respondComplaintSchema.safeParse(input ?? {});
  return deps.db.transaction().execute(async (trx) => {
    const row = await complaintFor(deps, trx, actor, id, 'complaint.answered', (r, x) => canRespondToComplaint(actor, { agencyId: r.agency_id }, x.rules));
    if (!row) return notFound;
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    const v = parsed.data;
    if (v.respondedOn < row.received_on || v.respondedOn > londonDateOf(deps.now()))
      return invalid([{ path: 'respondedOn', message: 'The response date must be between the date the complaint was received and today' }]);
    if (row.status !== 'open') return conflict('This complaint has already been answered.');
    const before = unsealAs(deps.keyring, 'complaint', row.id, row.sealed);
    const now = deps.now();
    const closed = await closeComplaint(trx, actor.partnershipId, row.id, {
      outcome: v.outcome,
      responded_on: v.respondedOn,
      sealed: JSON.stringify(sealAs(deps.keyring, 'complaint', row.id, { summary: before.summary, response: v.response })),
      closed_at: now,
    });
    if (!closed) return conflict('This complaint has already been answered.');
    await appendAudit(trx, auditActor(actor), {
      action: 'complaint.answered',
      subjectType: 'complaint',
      subjectId: row.id,
      childId: row.child_id ?? undefined,
      details: { outcome: v.outcome, respondedOn: v.respondedOn, late: now.getTime() > row.response_due_at.getTime() },
    });
    await notify(trx, now, actor.partnershipId, 'complaint.answered', `/complaints/${row.id}`, { userIds: [row.recorded_by] }, actor.userId);
    return ok({ status: 'closed' as const });
  });
}
