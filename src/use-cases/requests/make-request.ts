// Ask another agency for information about a child: purpose, lawful basis (suggested from the
// purpose when not chosen), what is needed and why, consent, urgency, and a due time from the
// partnership's protocol. Incoherent requests are refused, and warnings must be confirmed first
// (Wirral 2022 s.3.8 "recorded and the purpose will be clearly defined"; Southampton 2010 s.18 item 7). The receiving agency's
// SPoCs are notified (without personal data) in the same transaction.
import { randomUUID } from 'node:crypto';
import { activeAgency, partnershipPack } from '../../db/queries/partnerships.ts';
import { insertRequest } from '../../db/queries/requests.ts';
import type { LawfulBasisCode } from '../../domain/decision/lawful-bases.ts';
import { checkRequest, requestDueAt, requestInputSchema, requestRules } from '../../domain/requests.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { isUuid, reachChild } from '../kernel/gateway.ts';
import { notify } from '../kernel/notify.ts';
import { type FieldError, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { addRequestEvent } from '../kernel/requests.ts';
import { type SealedValue, sealAs } from '../kernel/sealed.ts';
import { recipientRefusal } from '../kernel/standing.ts';
import { once, type Replayable, type Submission } from '../kernel/submissions.ts';

export interface MadeRequest {
  requestId: string;
  dueAt: Date;
  /** The basis the request cites: the one chosen, or the one suggested for its purpose. */
  lawfulBasis: LawfulBasisCode;
}

export async function makeRequest(deps: Deps, actor: Actor, childId: string, input: unknown, submission?: Submission): Promise<Outcome<Replayable<MadeRequest>>> {
  const parsed = requestInputSchema.safeParse(input ?? {});
  return deps.db.transaction().execute((trx) =>
    once(trx, actor, 'request.create', submission, deps.now(), async () => {
      const child = await reachChild(trx, actor, childId, 'request.created');
      if (!child) return notFound;
      if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
      const r = parsed.data;
      const pack = await partnershipPack(trx, actor.partnershipId);
      const packDef = deps.packs.get(pack)!;
      // Every reason to refuse is said at once: the agency, then what the request contradicts.
      const refusals: FieldError[] = [];
      const to = isUuid(r.toAgencyId) ? await activeAgency(trx, actor.partnershipId, r.toAgencyId) : undefined;
      if (!to) refusals.push({ path: 'toAgencyId', message: 'Select an agency that is a current party to the partnership’s information sharing agreement' });
      else if (to.id === actor.agencyId) refusals.push({ path: 'toAgencyId', message: 'Select another agency: you cannot ask your own agency through Concord' });
      else {
        // A request puts the child's details in the receiving agency's hands: only an agency in force
        // under the agreement may receive it (the same rule and words as sending, ADR 0021).
        const refusal = await recipientRefusal(trx, deps.packs, actor.partnershipId, to.id, deps.now());
        if (refusal) refusals.push({ path: 'toAgencyId', message: refusal });
      }
      // The basis suggested from the purpose when none was chosen; incoherent requests refused, and
      // warnings the requester has not confirmed sent back to be confirmed (src/domain/request-coherence.ts).
      const checked = checkRequest(packDef, r);
      refusals.push(...checked.errors.map((e) => ({ path: e.path, message: e.message })));
      if (refusals.length || !to || !checked.lawfulBasis) return invalid(refusals);
      if (checked.warnings.length) return invalid(checked.warnings.map((w) => ({ path: w.path, message: w.message, warning: w.code })));
      const lawfulBasis = checked.lawfulBasis;
      const confirmedWarnings = checked.confirmed.map((w) => w.code);

      const now = deps.now();
      const dueAt = requestDueAt(now, r.urgency, requestRules(packDef));
      const id = randomUUID();
      const narrative: SealedValue<'request'> = {
        informationNeeded: r.informationNeeded,
        reason: r.reason,
        consent: r.consent,
        consentDetail: r.consentDetail,
        child: {
          name: `${child.given_name} ${child.family_name}`,
          dateOfBirth: child.date_of_birth,
          nhsNumber: child.nhs_number,
          address: child.address,
          postcode: child.postcode,
        },
      };
      await insertRequest(trx, {
        partnership_id: actor.partnershipId,
        id,
        child_id: child.id,
        from_agency_id: actor.agencyId,
        from_user_id: actor.userId,
        to_agency_id: to.id,
        purpose: r.purpose,
        lawful_basis: lawfulBasis,
        urgency: r.urgency,
        pack,
        status: 'submitted',
        due_at: dueAt,
        sealed: JSON.stringify(sealAs(deps.keyring, 'request', id, narrative)),
        created_at: now,
        updated_at: now,
        correlation_id: actor.correlationId,
      });
      // The warnings the requester went ahead despite are recorded with the request, for its triage.
      await addRequestEvent(deps, trx, actor, id, 'submitted', { details: { urgency: r.urgency, dueAt: dueAt.toISOString(), ...(confirmedWarnings.length ? { confirmedWarnings } : {}) } });
      await appendAudit(trx, auditActor(actor), {
        action: 'request.created',
        subjectType: 'request',
        subjectId: id,
        childId: child.id,
        details: { toAgencyId: to.id, purpose: r.purpose, lawfulBasis, lawfulBasisSuggested: !r.lawfulBasis, urgency: r.urgency, pack, dueAt: dueAt.toISOString(), confirmedWarnings },
      });
      await notify(trx, now, actor.partnershipId, 'request.received', `/requests/${id}`, { agency: { agencyId: to.id, roles: ['spoc'] } }, actor.userId);
      return ok({ requestId: id, dueAt, lawfulBasis });
    }),
  );
}
