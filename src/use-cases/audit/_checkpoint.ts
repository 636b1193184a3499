// A signed checkpoint as the API, the CLI and proofs present it.
import { checkpointBody, signedNote } from '../../domain/audit-checkpoint.ts';

export interface SignedCheckpoint {
  treeSize: number;
  rootHash: string;
  issuedAt: string;
  keyId: string;
  signature: string;
  /** The checkpoint as a C2SP signed note: what to publish, hand to an inspector, or archive. */
  note: string;
}

export function presentCheckpoint(c: { tree_size: string; root_hash: string; issued_at: string; key_id: string; signature: string }): SignedCheckpoint {
  const treeSize = Number(c.tree_size);
  const body = checkpointBody({ treeSize, rootHash: Buffer.from(c.root_hash, 'hex'), issuedAt: c.issued_at });
  return { treeSize, rootHash: c.root_hash, issuedAt: c.issued_at, keyId: c.key_id, signature: c.signature, note: signedNote(body, c.key_id, Buffer.from(c.signature, 'hex')) };
}
