// The partnership's agreements: the main agreement and the second-tier agreements the actor may see
// (a second-tier agreement is seen by its parties and the partnership manager), each with how many
// parties are in force and when it is next reviewed.
import { listAgreements as listRows, partnershipAgencies } from '../../db/queries/agreements.ts';
import { canManageAgreements, canSeeAgreement, nextReviewOn, reviewState } from '../../domain/agreements.ts';
import { londonDateOf } from '../../domain/clocks.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { agreementRegister, versionOf } from './_agreements.ts';

export interface AgreementSummary {
  id: string;
  title: string;
  pack: string;
  parentId: string | null;
  purpose: string | null;
  status: string;
  effectiveOn: string;
  nextReviewOn: string;
  review: 'overdue' | 'due' | 'scheduled';
  parties: number;
  inForce: number;
}

export async function listAgreements(deps: Deps, actor: Actor): Promise<{ agreements: AgreementSummary[]; canManage: boolean; agencies: { id: string; name: string; kind: string }[] }> {
  return deps.db.transaction().execute(async (trx) => {
    const today = londonDateOf(deps.now());
    const rows = (await listRows(trx, actor.partnershipId)).filter((a) => canSeeAgreement(actor, { parentId: a.parent_id, partyAgencyIds: a.party_agency_ids ?? [] }));
    const agreements: AgreementSummary[] = [];
    for (const a of rows) {
      const pack = deps.packs.get(a.pack);
      if (!pack) continue;
      const record = { ...a, party_agency_ids: a.party_agency_ids ?? [] };
      const register = await agreementRegister(trx, null, record, versionOf(deps, record), today);
      const next = nextReviewOn(pack, { effectiveOn: a.effective_on, reviewOn: a.review_on, lastReviewedOn: a.last_reviewed_on });
      agreements.push({
        id: a.id,
        title: a.title,
        pack: a.pack,
        parentId: a.parent_id,
        purpose: a.purpose,
        status: a.status,
        effectiveOn: a.effective_on,
        nextReviewOn: next,
        review: reviewState(next, today),
        parties: register.length,
        inForce: register.filter((r) => r.standing === 'in_force').length,
      });
    }
    const agencies = (await partnershipAgencies(trx, actor.partnershipId)).filter((g) => g.active);
    return { agreements, canManage: canManageAgreements(actor), agencies };
  });
}
