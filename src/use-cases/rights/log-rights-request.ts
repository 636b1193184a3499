// Log a rights request: an agency's IG lead records a request from a child, a parent or a
// representative (Sandwell 2022 s.11.1; Derby & Derbyshire 2015 s.5 para. 6), about a child the
// agency works with (another child is refused as not found, and audited). What is asked is sealed.
// A request whose requester's identity is already confirmed starts its clock from receipt; otherwise
// it waits for identity (UK GDPR Art. 12A(2), DUAA 2025). A Freedom of Information request is
// routed to the partnership's business unit — its managers — at once (Sandwell 2022 s.12.2).
import { randomUUID } from 'node:crypto';
import { staffWithRoles } from '../../db/queries/breaches.ts';
import { partnershipPack } from '../../db/queries/partnerships.ts';
import { insertRightsRequest } from '../../db/queries/rights.ts';
import { canLogRightsRequest, logRightsRequestSchema, type RightsStatus } from '../../domain/rights.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { reachChild } from '../kernel/gateway.ts';
import { notify } from '../kernel/notify.ts';
import { fieldErrors, forbidden, invalid, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs } from '../kernel/sealed.ts';
import { addRightsEvent, storeClock } from './_steps.ts';

export async function logRightsRequest(deps: Deps, actor: Actor, input: unknown): Promise<Outcome<{ requestId: string; status: RightsStatus }>> {
  if (!canLogRightsRequest(actor)) return forbidden('Only an information governance lead can log a rights request');
  const parsed = logRightsRequestSchema.safeParse(input ?? {});
  if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
  const r = parsed.data;
  const now = deps.now();
  if (r.receivedAt.getTime() > now.getTime()) return invalid([{ path: 'receivedAt', message: 'The date the request was received must be today or in the past' }]);
  return deps.db.transaction().execute(async (trx) => {
    if (r.childId && !(await reachChild(trx, actor, r.childId, 'rights-request.logged'))) return invalid([{ path: 'childId', message: 'Select a child your agency works with' }]);
    const id = randomUUID();
    const status: RightsStatus = r.kind === 'foi' ? 'routed' : r.identityVerified ? 'open' : 'awaiting_identity';
    const row = { partnership_id: actor.partnershipId, id, received_at: r.receivedAt, verified_at: r.identityVerified && r.kind !== 'foi' ? r.receivedAt : null, extension_months: 0 };
    await insertRightsRequest(trx, {
      ...row,
      agency_id: actor.agencyId,
      kind: r.kind,
      requester_kind: r.requesterKind,
      child_id: r.kind === 'foi' ? null : r.childId,
      pack: await partnershipPack(trx, actor.partnershipId),
      status,
      logged_by: actor.userId,
      logged_at: now,
      authority_basis: r.identityVerified ? (r.requesterKind === 'child' ? 'self' : null) : null,
      sealed: JSON.stringify(sealAs(deps.keyring, 'rights-request', id, { summary: r.summary, evidence: null, reasons: null })),
      correlation_id: actor.correlationId,
    });
    if (status === 'open') await storeClock(trx, row, now);
    await addRightsEvent(deps, trx, actor, id, 'logged', { details: { kind: r.kind, status } });
    await appendAudit(trx, auditActor(actor), {
      action: 'rights-request.logged',
      subjectType: 'rights-request',
      subjectId: id,
      childId: r.kind === 'foi' ? undefined : (r.childId ?? undefined),
      details: { kind: r.kind, requesterKind: r.requesterKind, status, receivedAt: r.receivedAt.toISOString() },
    });
    if (status === 'routed') {
      const managers = await staffWithRoles(trx, actor.partnershipId, ['partnership_manager']);
      await notify(trx, now, actor.partnershipId, 'rights.foi-routed', '/rights-requests', { userIds: managers }, actor.userId);
    }
    return ok({ requestId: id, status });
  });
}
