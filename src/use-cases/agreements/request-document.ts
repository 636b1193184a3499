// A party asks another for a document under the agreement (Haringey 2006 s.7.2 "summary security
// document", s.7.4 "available to partner organisations on request"): what kind, what for, and the
// date it is needed by. The party asks through its nominated officer (or the partnership manager
// for their own agency); the holder's nominated officers are told (ADR 0089).
import { randomUUID } from 'node:crypto';
import { insertDocumentRequest } from '../../db/queries/agreements.ts';
import { checkDocumentRequest, requestDocumentSchema } from '../../domain/agreement-changes.ts';
import { canManageAgreements, canSignFor, signingRoles } from '../../domain/agreements.ts';
import { londonDateOf } from '../../domain/clocks.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notify } from '../kernel/notify.ts';
import { conflict, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { agreementFor, packOf } from './_agreements.ts';

export async function requestDocument(deps: Deps, actor: Actor, agreementId: string, input: unknown): Promise<Outcome<{ requestId: string }>> {
  const parsed = requestDocumentSchema.safeParse(input ?? {});
  return deps.db.transaction().execute(async (trx) => {
    const agreement = await agreementFor(trx, actor, agreementId, 'agreement.document-requested');
    if (!agreement) return notFound;
    if (agreement.status !== 'in_force') return conflict('This agreement has been superseded: ask under the agreement in force.');
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    const r = parsed.data;
    const pack = packOf(deps, agreement);
    const agencyId = r.agencyId ?? actor.agencyId;
    if (!agreement.party_agency_ids.includes(agencyId)) return invalid([{ path: 'agencyId', message: 'Only a party to the agreement can ask another for a document' }]);
    if (!canSignFor(actor, pack, agencyId) && !(canManageAgreements(actor) && actor.agencyId === agencyId))
      return invalid([{ path: 'agencyId', message: 'A party asks for documents through its nominated officer' }]);
    const errors = checkDocumentRequest(r, { requesterAgencyId: agencyId, partyAgencyIds: agreement.party_agency_ids }, londonDateOf(deps.now()));
    if (errors.length) return invalid(errors);
    const id = randomUUID();
    await insertDocumentRequest(trx, {
      partnership_id: actor.partnershipId,
      id,
      agreement_id: agreement.id,
      requesting_agency_id: agencyId,
      requested_by: actor.userId,
      holder_agency_id: r.holderAgencyId,
      kind: r.kind,
      detail: r.detail,
      due_on: r.dueOn,
      status: 'open',
    });
    await appendAudit(trx, auditActor(actor), {
      action: 'agreement.document-requested',
      subjectType: 'agreement',
      subjectId: agreement.id,
      details: { documentRequestId: id, agencyId, holderAgencyId: r.holderAgencyId, kind: r.kind, dueOn: r.dueOn },
    });
    const link = `/partnership/agreements/${agreement.id}/document-requests/${id}`;
    await notify(trx, deps.now(), actor.partnershipId, 'agreement.document-requested', link, { agency: { agencyId: r.holderAgencyId, roles: signingRoles(pack) } }, actor.userId);
    return ok({ requestId: id });
  });
}
