// Sign a checkpoint of the audit log — its size, root hash and the time — when it has grown since
// the last one. The root is recomputed from the stored tree, never remembered, so a checkpoint
// only ever vouches for what the database holds at that moment.
import { insertCheckpoint, latestCheckpoint, leafCount, tryLockSequencer } from '../../db/queries/audit-log.ts';
import { checkpointBody, signedNote } from '../../domain/audit-checkpoint.ts';
import { Frontier, foldRight } from '../../domain/merkle.ts';
import { storedSubtrees } from './_tree.ts';
import type { Deps } from '../kernel/deps.ts';

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

/** Sign a checkpoint if the log has grown. Returns it, or undefined when there is nothing new (or another process is sequencing). */
export async function checkpointOnce(deps: Deps): Promise<SignedCheckpoint | undefined> {
  const signer = deps.auditSigner;
  if (!signer) throw new Error('No audit signing key is configured (AUDIT_SIGNING_KEY)');
  return deps.db.transaction().execute(async (trx) => {
    if (!(await tryLockSequencer(trx))) return undefined;
    const size = await leafCount(trx);
    const latest = await latestCheckpoint(trx);
    if (size === 0 || (latest && Number(latest.tree_size) >= size)) return undefined;
    const root = foldRight(await storedSubtrees(trx)(Frontier.subtrees(size)));
    // Time never runs backwards along the log, even if clocks disagree.
    const now = deps.now().toISOString();
    const issuedAt = latest && latest.issued_at > now ? latest.issued_at : now;
    const body = checkpointBody({ treeSize: size, rootHash: root, issuedAt });
    const signature = signer.sign(body);
    const row = { tree_size: String(size), root_hash: root.toString('hex'), issued_at: issuedAt, key_id: signer.keyId, signature: signature.toString('hex') };
    await insertCheckpoint(trx, { treeSize: size, rootHash: row.root_hash, issuedAt, keyId: signer.keyId, signature: row.signature });
    return presentCheckpoint(row);
  });
}
