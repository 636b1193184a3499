/** Every query is confined to one partnership, and most to what one agency may see. */
export interface Scope {
  partnershipId: string;
  agencyId: string;
}
