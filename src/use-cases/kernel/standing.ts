// An agency's standing under the partnership's information sharing agreement, as every path that
// would put information in its hands reads it: sending under a decision (kernel/sending.ts), making
// a request to it, and asking to pass information on to it. The rule itself is `partyStanding` in
// src/domain/agreements.ts; the refusal wording is `standingRefusal` there (ADR 0021).
import { agencyAgreementFacts } from '../../db/queries/agreements.ts';
import { type PartyStanding, partyStanding, standingRefusal } from '../../domain/agreements.ts';
import { londonDateOf } from '../../domain/clocks.ts';
import type { Pack } from '../../domain/protocol/pack.ts';
import type { Tx } from './deps.ts';

/** The columns the standing rule reads (from `sendContext` or `agencyAgreementFacts`). */
export interface StandingFacts {
  agreement_pack: string | null;
  /** An agreed move to a new version waiting for its date (ADR 0088). */
  agreement_next_pack: string | null;
  agreement_next_pack_on: string | null;
  recipient_party: string | null;
  recipient_name: string | null;
  recipient_active: boolean | null;
  recipient_signature_pack: string | null;
  recipient_signed_on: string | null;
  recipient_lapsed_on: string | null;
}

export function standingOf(c: StandingFacts, packs: { get(ref: string): Pack | undefined }, now: Date): PartyStanding {
  const agreementPack = c.agreement_pack ? packs.get(c.agreement_pack) : undefined;
  const nextPack = c.agreement_next_pack ? packs.get(c.agreement_next_pack) : undefined;
  const next = nextPack && c.agreement_next_pack && c.agreement_next_pack_on ? { pack: nextPack, packRef: c.agreement_next_pack, from: c.agreement_next_pack_on } : null;
  return partyStanding(
    agreementPack && c.agreement_pack ? { pack: agreementPack, packRef: c.agreement_pack, next } : null,
    {
      active: c.recipient_active === true && c.recipient_name !== null,
      isParty: c.recipient_party !== null,
      signature: c.recipient_signature_pack && c.recipient_signed_on ? { pack: c.recipient_signature_pack, signedOn: c.recipient_signed_on, lapsedOn: c.recipient_lapsed_on } : null,
    },
    londonDateOf(now),
  );
}

/** Why information may not be put in this agency's hands, or null when it is in force. */
export async function recipientRefusal(trx: Tx, packs: { get(ref: string): Pack | undefined }, partnershipId: string, agencyId: string, now: Date): Promise<string | null> {
  const facts = await agencyAgreementFacts(trx, partnershipId, agencyId);
  const standing: PartyStanding = facts ? standingOf(facts, packs, now) : 'not_party';
  return standing === 'in_force' ? null : standingRefusal[standing];
}
