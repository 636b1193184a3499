// Import a partnership's agreement and the signatures already given on paper, when a partnership
// moves its register onto Concord (and for the demo). Run by the system, not a person: each
// imported signature records the signatory's name, title and date as the paper register has them
// (Southampton 2010 s.1; Haringey 2006 s.13), with every checklist item noted as attested on the
// signed paper agreement. A lapse already known is recorded too. One transaction, audited.
import { randomUUID } from 'node:crypto';
import { insertAgreement, insertSignature, mainAgreement } from '../../db/queries/agreements.ts';
import { partnershipPack } from '../../db/queries/partnerships.ts';
import { nextReviewOn, type PartyRole } from '../../domain/agreements.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { conflict, type Outcome, ok } from '../kernel/outcome.ts';

export interface ImportedAgreement {
  title: string;
  effectiveOn: string;
  reviewOn?: string;
  parties: {
    agencyId: string;
    role: PartyRole;
    signature?: { name: string; title: string; signedOn: string; lapsed?: { on: string; reason: string } };
  }[];
}

export async function importAgreement(deps: Deps, partnershipId: string, input: ImportedAgreement): Promise<Outcome<{ agreementId: string }>> {
  return deps.db.transaction().execute(async (trx) => {
    if (await mainAgreement(trx, partnershipId)) return conflict('The partnership already has an agreement in force');
    const ref = await partnershipPack(trx, partnershipId);
    const pack = deps.packs.get(ref);
    if (!pack) return conflict(`The partnership's protocol pack ${ref} is not loaded`);
    const id = randomUUID();
    const reviewOn = input.reviewOn ?? nextReviewOn(pack, { effectiveOn: input.effectiveOn, reviewOn: null, lastReviewedOn: null });
    await insertAgreement(
      trx,
      { partnership_id: partnershipId, id, parent_id: null, pack: ref, title: input.title, purpose: null, effective_on: input.effectiveOn, review_on: reviewOn, status: 'in_force', created_by: null },
      input.parties.map((p) => ({ partnership_id: partnershipId, agreement_id: id, agency_id: p.agencyId, role: p.role })),
    );
    const attested = pack.signatories.checklist.map((i) => ({ id: i.id, text: i.text, evidence: 'Attested on the signed paper agreement held by the partnership' }));
    for (const p of input.parties) {
      if (!p.signature) continue;
      await insertSignature(trx, {
        partnership_id: partnershipId,
        id: randomUUID(),
        agreement_id: id,
        agency_id: p.agencyId,
        pack: ref,
        kind: 'signature',
        signed_by: null,
        signatory_name: p.signature.name,
        signatory_title: p.signature.title,
        signed_on: p.signature.signedOn,
        checklist: JSON.stringify(attested),
        privacy_impact_assessment: null,
        lapsed_on: p.signature.lapsed?.on ?? null,
        lapse_reason: p.signature.lapsed?.reason ?? null,
      });
    }
    await appendAudit(
      trx,
      { partnershipId, userId: null, agencyId: null, via: 'system', correlationId: randomUUID() },
      { action: 'agreement.imported', subjectType: 'agreement', subjectId: id, details: { pack: ref, parties: input.parties.length, signatures: input.parties.filter((p) => p.signature).length } },
    );
    return ok({ agreementId: id });
  });
}
