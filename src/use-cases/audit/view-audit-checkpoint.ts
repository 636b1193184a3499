// The latest signed checkpoint of the audit log, and the key that signs them.
import { latestCheckpoint } from '../../db/queries/audit-log.ts';
import { isAuditStaff } from '../../domain/access-log.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { conflict, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { presentCheckpoint, type SignedCheckpoint } from './_checkpoint.ts';

export async function latestSignedCheckpoint(db: Deps['db']): Promise<SignedCheckpoint | undefined> {
  const c = await latestCheckpoint(db);
  return c ? presentCheckpoint(c) : undefined;
}

export async function viewLatestAuditCheckpoint(deps: Deps, actor: Actor): Promise<Outcome<SignedCheckpoint>> {
  if (!isAuditStaff(actor)) return notFound;
  const c = await latestSignedCheckpoint(deps.db);
  return c ? ok(c) : conflict('No checkpoint has been signed yet.');
}

export interface AuditPublicKey {
  keyId: string;
  /** SPKI PEM */
  publicKey: string;
  /** The signed-note verifier key: name+hash+base64(0x01 || key). */
  verifierKey: string;
}

export function auditPublicKey(deps: Deps): AuditPublicKey | undefined {
  const s = deps.auditSigner;
  return s && { keyId: s.keyId, publicKey: s.publicKeyPem, verifierKey: s.verifierKey };
}
