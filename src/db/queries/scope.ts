/** Every query is confined to one partnership, and most to what one agency may see. */
export interface Scope {
  partnershipId: string;
  agencyId: string;
  /** False for someone who holds only administration roles: they see no child, whatever their
   *  agency's involvement (separation of duties, ADR 0044; decided by mayWorkWithChildren). */
  seesChildren?: boolean;
}
