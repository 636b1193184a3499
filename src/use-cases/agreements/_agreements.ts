// Shared by the agreement verbs: reaching an agreement the actor may see (the gateway audits a
// refusal and callers answer "not found"), and the pack it was made under.
import { type AgreementRecord, signatureRegister } from '../../db/queries/agreements.ts';
import {
  type AgreementVersion,
  type Attestation,
  canSeeAgreement,
  canSignFor,
  type DataStorage,
  type PartyStanding,
  type PrivacyImpactAssessment,
  partyStanding,
  reaffirmationDue,
  resignBy,
} from '../../domain/agreements.ts';
import type { Pack } from '../../domain/protocol/pack.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { PARTNERSHIP_AGREEMENT, reach } from '../kernel/gateway.ts';

export type { AgreementRecord };

/** The agreement if the actor may see it and `allowed` lets them do `attempted`; undefined (audited) otherwise. */
export async function agreementFor(trx: Tx, actor: Actor, agreementId: string, attempted: string, allowed: (a: AgreementRecord) => boolean = () => true) {
  return reach(trx, actor, PARTNERSHIP_AGREEMENT, agreementId, attempted, (a) => canSeeAgreement(actor, { parentId: a.parent_id, partyAgencyIds: a.party_agency_ids }) && allowed(a));
}

export function packOf(deps: Deps, a: Pick<AgreementRecord, 'pack'>): Pack {
  const pack = deps.packs.get(a.pack);
  if (!pack) throw new Error(`The agreement's pack ${a.pack} is not loaded`);
  return pack;
}

/** The agreement's version as the standing rule reads it: its pack and any agreed move waiting for its date. */
export function versionOf(deps: Deps, a: Pick<AgreementRecord, 'pack' | 'next_pack' | 'next_pack_on'>): AgreementVersion & { pack: Pack; next: (AgreementVersion['next'] & { pack: Pack }) | null } {
  const next = a.next_pack && a.next_pack_on ? deps.packs.get(a.next_pack) : undefined;
  if (a.next_pack && !next) throw new Error(`The agreement's next pack ${a.next_pack} is not loaded`);
  return { pack: packOf(deps, a), packRef: a.pack, next: next && a.next_pack && a.next_pack_on ? { pack: next, packRef: a.next_pack, from: a.next_pack_on } : null };
}

export interface RegisterEntry {
  agencyId: string;
  agencyName: string;
  role: string;
  standing: PartyStanding;
  signature: {
    id: string;
    kind: string;
    pack: string;
    signatoryName: string;
    signatoryTitle: string;
    signedOn: string;
    checklist: Attestation[];
    privacyImpactAssessment: PrivacyImpactAssessment | null;
    dataStorage: DataStorage | null;
    lapsedOn: string | null;
    lapseReason: string | null;
  } | null;
  reaffirmBy: string | null;
  /** When a move to a new version waits: the date by which the party must sign it (ADR 0088). */
  resignBy: string | null;
  canSign: boolean;
}

/** Every party of an agreement with its latest signature and its standing on `today`. */
export async function agreementRegister(trx: Tx, actor: Actor | null, agreement: AgreementRecord, version: ReturnType<typeof versionOf>, today: string): Promise<RegisterEntry[]> {
  const pack = version.pack;
  const rows = await signatureRegister(trx, agreement.partnership_id, agreement.id);
  return rows.map((r) => {
    const signature = r.signature_id
      ? {
          id: r.signature_id,
          kind: r.signature_kind!,
          pack: r.signature_pack!,
          signatoryName: r.signatory_name!,
          signatoryTitle: r.signatory_title!,
          signedOn: r.signed_on!,
          checklist: (r.checklist ?? []) as Attestation[],
          privacyImpactAssessment: (r.privacy_impact_assessment ?? null) as PrivacyImpactAssessment | null,
          dataStorage: (r.data_storage ?? null) as DataStorage | null,
          lapsedOn: r.lapsed_on,
          lapseReason: r.lapse_reason,
        }
      : null;
    const standing = partyStanding(
      version,
      { active: r.agency_active, isParty: true, signature: signature ? { pack: signature.pack, signedOn: signature.signedOn, lapsedOn: signature.lapsedOn } : null },
      today,
    );
    return {
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      role: r.role,
      standing,
      signature,
      reaffirmBy: signature && !signature.lapsedOn ? reaffirmationDue(version.next && signature.pack === version.next.packRef ? version.next.pack : pack, signature.signedOn) : null,
      resignBy: r.agency_active ? resignBy(version, signature) : null,
      canSign: actor !== null && agreement.status === 'in_force' && canSignFor(actor, pack, r.agency_id),
    };
  });
}
