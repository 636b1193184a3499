// Sign (or re-affirm) the agreement for an agency: its nominated officer attests the pack's
// signatory checklist item by item with evidence (Southampton 2010 s.18), records the privacy
// impact assessment first where the pack requires it (Wirral 2022 App. 2 s.7.4: "must not sign
// this agreement until controls mitigate the assessed privacy risks"), and signs with name, title
// and date (Southampton 2010 s.1; Haringey 2006 s.2.2, s.13; Derby & Derbyshire 2015 s.5 para. 7).
// It says where the agency stores the information it receives; outside the places the pack's
// `dataResidency.storeIn` names, it records the transfer's safeguard (`checkDataStorage`).
// A signature given while the agency's last one is still in force under the same pack version is a
// re-affirmation (Sandwell 2022 s.14.4). From then on the agency may receive information. Once a
// move to a new pack version is agreed, parties sign under the new version, with its checklist
// (`signingVersion`, ADR 0088).
import { randomUUID } from 'node:crypto';
import { insertSignature, signatureRegister } from '../../db/queries/agreements.ts';
import { canSignFor, checkSignature, partyStanding, signAgreementSchema, signingVersion } from '../../domain/agreements.ts';
import { londonDateOf } from '../../domain/clocks.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { conflict, fieldErrors, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { agreementFor, versionOf } from './_agreements.ts';

export async function signAgreement(deps: Deps, actor: Actor, agreementId: string, input: unknown): Promise<Outcome<{ signatureId: string; kind: 'signature' | 'reaffirmation' }>> {
  const parsed = signAgreementSchema.safeParse(input ?? {});
  return deps.db.transaction().execute(async (trx) => {
    const agreement = await agreementFor(trx, actor, agreementId, 'agreement.signed');
    if (!agreement) return notFound;
    if (agreement.status !== 'in_force') return conflict('This agreement has been superseded: sign the agreement in force.');
    const version = versionOf(deps, agreement);
    const signingRef = signingVersion(version);
    // Before anything else about the form: a page that showed another version's checklist signs nothing.
    const seenPack = (input as { seenPack?: unknown } | null | undefined)?.seenPack;
    if (typeof seenPack === 'string' && seenPack && seenPack !== signingRef)
      return conflict(
        `While you had this page open, the agreement moved to protocol version ${signingRef}, and its signatory checklist may have changed. Nothing was signed: read the checklist again, then sign.`,
      );
    if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
    const s = parsed.data;
    const pack = version.next?.pack ?? version.pack;
    if (!agreement.party_agency_ids.includes(s.agencyId)) return invalid([{ path: 'agencyId', message: 'Select an agency that is party to this agreement' }]);
    if (!canSignFor(actor, pack, s.agencyId)) return invalid([{ path: 'agencyId', message: 'Only your agency’s nominated officer signs for it' }]);
    const today = londonDateOf(deps.now());
    const check = checkSignature(pack, s, today);
    if (check.errors.length) return invalid(check.errors);
    const register = await signatureRegister(trx, actor.partnershipId, agreement.id);
    const mine = register.find((r) => r.agency_id === s.agencyId);
    const before = mine?.signed_on
      ? partyStanding(version, { active: true, isParty: true, signature: { pack: mine.signature_pack!, signedOn: mine.signed_on, lapsedOn: mine.lapsed_on } }, today)
      : 'not_signed';
    if (mine?.signed_on && s.signedOn < mine.signed_on) return invalid([{ path: 'signedOn', message: 'The date of signing must not be before the agency’s last signature' }]);
    const kind = (before === 'in_force' || before === 'reaffirmation_overdue') && mine?.signature_pack === signingRef ? 'reaffirmation' : 'signature';
    const id = randomUUID();
    await insertSignature(trx, {
      partnership_id: actor.partnershipId,
      id,
      agreement_id: agreement.id,
      agency_id: s.agencyId,
      pack: signingRef,
      kind,
      signed_by: actor.userId,
      signatory_name: s.signatoryName,
      signatory_title: s.signatoryTitle,
      signed_on: s.signedOn,
      checklist: JSON.stringify(check.attestations),
      privacy_impact_assessment: check.pia ? JSON.stringify(check.pia) : null,
      data_storage: JSON.stringify(check.storage),
    });
    await appendAudit(trx, auditActor(actor), {
      action: kind === 'reaffirmation' ? 'agreement.reaffirmed' : 'agreement.signed',
      subjectType: 'agreement',
      subjectId: agreement.id,
      details: {
        agencyId: s.agencyId,
        signatureId: id,
        pack: signingRef,
        signedOn: s.signedOn,
        items: check.attestations.map((x) => x.id),
        privacyImpactAssessment: check.pia ? check.pia.outcome : null,
        dataStoredOutside: check.storage?.location === 'elsewhere',
        before,
      },
    });
    return ok({ signatureId: id, kind });
  });
}
