// A statutory safeguarding partner records its scrutiny finding on a decision not to share (Wirral
// 2022 App. 2 s.5.4). Who may is the pack's `scrutiny` section: the roles named, from a statutory
// partner agency where it says so. The decision's agency is told nothing automatically here: the
// finding is for the partnership's oversight; it appears in the scrutiny view and the audit log.
import { randomUUID } from 'node:crypto';
import { partnershipPack } from '../../db/queries/partnerships.ts';
import { agencyKind, findDecisionForScrutiny, insertFinding } from '../../db/queries/registers.ts';
import { canRecordFinding, findingSchema } from '../../domain/registers.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { auditRefusal, isUuid } from '../kernel/gateway.ts';
import { fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs } from '../kernel/sealed.ts';

export async function recordScrutinyFinding(deps: Deps, actor: Actor, input: { subjectId?: string; finding?: string; note?: string }): Promise<Outcome<{ findingId: string }>> {
  const parsed = findingSchema.safeParse(input ?? {});
  return deps.db.transaction().execute(async (trx) => {
    const pack = deps.packs.get(await partnershipPack(trx, actor.partnershipId))!;
    const kind = await agencyKind(trx, actor.partnershipId, actor.agencyId);
    const subjectId = parsed.success ? parsed.data.subjectId : String(input?.subjectId ?? '');
    const decision = isUuid(subjectId) ? await findDecisionForScrutiny(trx, actor.partnershipId, subjectId) : undefined;
    if (!canRecordFinding(actor, kind, pack) || !decision || decision.action !== 'not_shared') {
      await auditRefusal(trx, actor, 'decision', 'scrutiny.finding-recorded', subjectId, decision ? decision.child_id : undefined);
      return notFound;
    }
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    const id = randomUUID();
    await insertFinding(trx, {
      partnership_id: actor.partnershipId,
      id,
      subject_type: 'decision',
      subject_id: decision.id,
      child_id: decision.child_id,
      by_user_id: actor.userId,
      by_agency_id: actor.agencyId,
      finding: parsed.data.finding,
      sealed: JSON.stringify(sealAs(deps.keyring, 'scrutiny-finding', id, { note: parsed.data.note })),
      recorded_at: deps.now(),
    });
    await appendAudit(trx, auditActor(actor), {
      action: 'scrutiny.finding-recorded',
      subjectType: 'decision',
      subjectId: decision.id,
      childId: decision.child_id,
      details: { findingId: id, finding: parsed.data.finding, requestId: decision.request_id },
    });
    return ok({ findingId: id });
  });
}
