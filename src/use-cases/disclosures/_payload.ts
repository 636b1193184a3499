// Shared steps of the disclosure use cases: the payload's shape and encryption (one data key per
// disclosure, AES-256-GCM, wrapped by a key-encryption key named by id so keys can be rotated;
// destroying the wrapped key shreds the payload), and loading a disclosure the actor may act on.
import { findDisclosure, type DisclosureRow } from '../../db/queries/disclosures.ts';
import type { DisclosureParties } from '../../domain/disclosures.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import { isUuid } from '../kernel/gateway.ts';
import type { Tx } from '../kernel/deps.ts';
import { decryptBytes, decryptJson, unwrapDataKey, type Keyring } from '../kernel/sealing.ts';

export interface DisclosurePayload {
  items: { id: string; value: string }[];
  freeText: string | null;
  attachments: { id: string; filename: string; contentType: string; size: number }[];
}

export const disclosureContext = (id: string) => `disclosure:${id}`;
export const attachmentContext = (disclosureId: string, attachmentId: string) => `disclosure:${disclosureId}:attachment:${attachmentId}`;

export const partiesOf = (d: Pick<DisclosureRow, 'from_agency_id' | 'from_user_id' | 'to_agency_id' | 'to_user_id'>): DisclosureParties => ({
  fromAgencyId: d.from_agency_id,
  fromUserId: d.from_user_id,
  toAgencyId: d.to_agency_id,
  toUserId: d.to_user_id,
});

/** The disclosure's data key, or undefined once it has been shredded (revoked or expired unopened). */
export function disclosureKey(keyring: Keyring, d: Pick<DisclosureRow, 'id' | 'key_id' | 'wrapped_key'>): Buffer | undefined {
  return d.wrapped_key ? unwrapDataKey(keyring, d.key_id, d.wrapped_key, disclosureContext(d.id)) : undefined;
}

export function readPayload(keyring: Keyring, d: Pick<DisclosureRow, 'id' | 'key_id' | 'wrapped_key' | 'payload'>): DisclosurePayload | undefined {
  const key = disclosureKey(keyring, d);
  return key ? decryptJson<DisclosurePayload>(key, d.payload, disclosureContext(d.id)) : undefined;
}

export function readAttachment(keyring: Keyring, d: Pick<DisclosureRow, 'id' | 'key_id' | 'wrapped_key'>, attachmentId: string, content: Buffer): Buffer | undefined {
  const key = disclosureKey(keyring, d);
  return key ? decryptBytes(key, content, attachmentContext(d.id, attachmentId)) : undefined;
}

/** The disclosure if `allowed` lets the actor do `attempted`; otherwise the refusal is audited. */
export async function disclosureFor(trx: Tx, actor: Actor, disclosureId: string, attempted: string, allowed: (p: DisclosureParties) => boolean): Promise<DisclosureRow | undefined> {
  const row = isUuid(disclosureId) ? await findDisclosure(trx, actor.partnershipId, disclosureId) : undefined;
  if (row && allowed(partiesOf(row))) return row;
  await appendAudit(trx, auditActor(actor), {
    action: attempted,
    outcome: row ? 'denied' : 'not_found',
    subjectType: 'disclosure',
    subjectId: isUuid(disclosureId) ? disclosureId : undefined,
    childId: row?.child_id,
  });
  return undefined;
}

/** Shred a disclosure's payload by destroying its wrapped data key. */
export async function shredDisclosureKey(trx: Tx, partnershipId: string, disclosureId: string) {
  await trx.updateTable('disclosure').set({ wrapped_key: null }).where('partnership_id', '=', partnershipId).where('id', '=', disclosureId).execute();
}
