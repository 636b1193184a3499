// Access to a child's record. A practitioner sees only children their agency holds or has a
// recorded involvement with; anything else is treated as if it did not exist (DESIGN "Security
// defaults"; Southampton 2010 s.7 "need to know"; Wirral 2022 s.4.3 only partners with a
// legitimate purpose). Partnerships never see each other's records.
import type { Actor } from './staff.ts';

export interface ChildAccessFacts {
  partnershipId: string;
  /** Agencies that hold a record of the child or have a recorded involvement. */
  involvedAgencyIds: readonly string[];
}

export function canSeeChild(actor: Pick<Actor, 'partnershipId' | 'agencyId'>, child: ChildAccessFacts): boolean {
  return child.partnershipId === actor.partnershipId && child.involvedAgencyIds.includes(actor.agencyId);
}
