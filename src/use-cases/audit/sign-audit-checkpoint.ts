// Sign a checkpoint of the audit log — its size, root hash and the time — when it has grown since
// the last one. The root is recomputed from the stored tree, never remembered, so a checkpoint
// only ever vouches for what the database holds at that moment.
import { insertCheckpoint, latestCheckpoint, leafCount, tryLockSequencer } from '../../db/queries/audit-log.ts';
import { checkpointBody } from '../../domain/audit-checkpoint.ts';
import { Frontier, foldRight } from '../../domain/merkle.ts';
import type { Deps } from '../kernel/deps.ts';
import { presentCheckpoint, type SignedCheckpoint } from './_checkpoint.ts';
import { storedSubtrees } from './_tree.ts';

export type { SignedCheckpoint } from './_checkpoint.ts';

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
