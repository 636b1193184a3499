// Record that an agency's signature has lapsed (its signatory left and nobody re-signed, it
// withdrew, or it no longer meets the checklist — Southampton 2010 s.18; Sandwell 2022 s.14.4).
// From that date the agency receives no information until its nominated officer signs again. The
// partnership manager records it; the signature itself is kept.
import { lapseSignature as markLapsed, signatureRegister } from '../../db/queries/agreements.ts';
import { canManageAgreements, lapseSignatureSchema } from '../../domain/agreements.ts';
import { londonDateOf } from '../../domain/clocks.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { conflict, type FieldError, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { agreementFor } from './_agreements.ts';

export async function lapseSignature(deps: Deps, actor: Actor, agreementId: string, input: unknown): Promise<Outcome<{ lapsedOn: string }>> {
  return deps.db.transaction().execute(async (trx) => {
    const agreement = await agreementFor(trx, actor, agreementId, 'agreement.signature-lapsed', () => canManageAgreements(actor));
    if (!agreement) return notFound;
    const parsed = lapseSignatureSchema.safeParse(input ?? {});
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    const { agencyId, reason } = parsed.data;
    const lapsedOn = parsed.data.lapsedOn ?? londonDateOf(deps.now());
    const errors: FieldError[] = [];
    const mine = (await signatureRegister(trx, actor.partnershipId, agreement.id)).find((r) => r.agency_id === agencyId);
    if (!mine) errors.push({ path: 'agencyId', message: 'Select an agency that is party to this agreement' });
    if (errors.length) return invalid(errors);
    if (!mine!.signature_id) return conflict('This agency has not signed, so there is no signature to lapse.');
    if (mine!.lapsed_on) return conflict('This signature has already lapsed.');
    await markLapsed(trx, actor.partnershipId, mine!.signature_id, lapsedOn, reason);
    await appendAudit(trx, auditActor(actor), {
      action: 'agreement.signature-lapsed',
      subjectType: 'agreement',
      subjectId: agreement.id,
      details: { agencyId, signatureId: mine!.signature_id, lapsedOn },
    });
    return ok({ lapsedOn });
  });
}
