// The scrutiny view: decisions not to share, and the requests they declined, with their reasons
// and any findings, for the statutory safeguarding partners (Wirral 2022 App. 2 s.5.4: "Any such
// decision is subject to scrutiny by the statutory safeguarding partners") and the register's
// keepers. The child is not identified here. Each decision's reasons read is audited against its
// child, in the same transaction, so the child's lead agency can see who read them.

import { partnershipPack } from '../../db/queries/partnerships.ts';
import { agencyKind, decisionsNotToShare, findingsFor } from '../../db/queries/registers.ts';
import { canReadScrutiny, canRecordFinding, type ScrutinyRules, scrutinyRules } from '../../domain/registers.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit, appendAuditEvents } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { unsealAs } from '../kernel/sealed.ts';

export interface ScrutinyItem {
  decisionId: string;
  decidedAt: Date;
  agencyName: string;
  purpose: string;
  requestId: string | null;
  requestDeclined: boolean;
  requestingAgencyName: string | null;
  reasons: string | null;
  findings: { id: string; finding: string; note: string; at: Date; byName: string; byAgencyName: string }[];
}

export interface ScrutinyView {
  rules: ScrutinyRules;
  canRecord: boolean;
  items: ScrutinyItem[];
}

export async function viewScrutiny(deps: Deps, actor: Actor, options: { limit?: number } = {}): Promise<Outcome<ScrutinyView>> {
  return deps.db.transaction().execute(async (trx) => {
    const pack = deps.packs.get(await partnershipPack(trx, actor.partnershipId))!;
    if (!canReadScrutiny(actor, pack)) {
      await appendAudit(trx, auditActor(actor), { action: 'scrutiny.viewed', outcome: 'denied', subjectType: 'register' });
      return notFound;
    }
    const rows = await decisionsNotToShare(trx, actor.partnershipId, Math.min(options.limit ?? 100, 500));
    const findings = await findingsFor(
      trx,
      actor.partnershipId,
      rows.map((r) => r.id),
    );
    await appendAuditEvents(
      trx,
      auditActor(actor),
      rows.map((r) => ({ action: 'decision.scrutiny-viewed', subjectType: 'decision', subjectId: r.id, childId: r.child_id })),
    );
    const kind = await agencyKind(trx, actor.partnershipId, actor.agencyId);
    return ok({
      rules: scrutinyRules(pack),
      canRecord: canRecordFinding(actor, kind, pack),
      items: rows.map((r) => ({
        decisionId: r.id,
        decidedAt: r.decided_at,
        agencyName: r.agency_name,
        purpose: r.purpose,
        requestId: r.request_id,
        requestDeclined: r.request_status === 'declined',
        requestingAgencyName: r.requesting_agency_name,
        reasons: unsealAs(deps.keyring, 'decision', r.id, r.sealed).reasons,
        findings: findings
          .filter((f) => f.subject_id === r.id)
          .map((f) => ({ id: f.id, finding: f.finding, note: unsealAs(deps.keyring, 'scrutiny-finding', f.id, f.sealed).note, at: f.recorded_at, byName: f.by_name, byAgencyName: f.by_agency_name })),
      })),
    });
  });
}
