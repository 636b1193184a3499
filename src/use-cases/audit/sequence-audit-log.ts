// Give committed audit events their place in the tamper-evident log: take them in commit order
// from behind a safe watermark (only events whose transaction is older than every transaction
// still running — none can ever appear before them), encode each canonically with a salted
// commitment to its details, append their leaf hashes to the Merkle tree and store the subtrees
// they complete. Writers never wait for this: they append to audit_event as before, and this runs
// in batches behind them (the job in src/jobs/audit-sequencer.ts, or `sequenceOnce` directly).
import { randomBytes } from 'node:crypto';
import { eventsToSequence, insertLeaves, insertNodes, lastLeaf, type NewLeaf, tryLockSequencer } from '../../db/queries/audit-log.ts';
import { canonicalJson, detailsCommitment, needsSalt, SALT_BYTES } from '../../domain/audit-leaf.ts';
import { leafHash, type Node } from '../../domain/merkle.ts';
import type { Deps } from '../kernel/deps.ts';
import { eventLeaf, loadFrontier, STORED_FROM_LEVEL } from './_tree.ts';

export interface SequenceResult {
  /** Events appended by this call. */
  appended: number;
  treeSize: number;
  /** Another process holds the sequencer's lock; nothing was done. */
  busy: boolean;
}

export interface SequenceOptions {
  /** Events per transaction. */
  batchSize?: number;
  /** Stop after this many events (the job's time budget per tick). */
  maxEvents?: number;
}

/** Sequence one batch in one transaction. */
async function sequenceBatch(deps: Deps, batchSize: number): Promise<{ appended: number; treeSize: number; busy: boolean }> {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await tryLockSequencer(trx))) return { appended: 0, treeSize: 0, busy: true };
    const last = await lastLeaf(trx);
    const size = last ? last.leafIndex + 1 : 0;
    const events = await eventsToSequence(trx, last ? { tx: last.tx, id: last.id } : null, batchSize);
    if (events.length === 0) return { appended: 0, treeSize: size, busy: false };

    const frontier = await loadFrontier(trx, size);
    const salts = randomBytes(SALT_BYTES * events.length);
    const leaves: NewLeaf[] = [];
    const completed: Node[] = [];
    events.forEach((e, i) => {
      const details = canonicalJson(e.details);
      const salt = needsSalt(details) ? salts.subarray(i * SALT_BYTES, (i + 1) * SALT_BYTES) : Buffer.alloc(0);
      const commitment = detailsCommitment(salt, details);
      const leaf = eventLeaf(e, commitment);
      const hash = leafHash(leaf);
      leaves.push({
        leafIndex: size + i,
        partnershipId: e.partnership_id,
        eventId: e.id,
        tx: e.tx,
        leafHash: hash.toString('hex'),
        detailsCommitment: salt.length > 0 ? commitment.toString('hex') : null,
        salt: salt.length > 0 ? salt.toString('hex') : null,
      });
      frontier.append(hash, completed);
    });
    await insertLeaves(trx, leaves);
    await insertNodes(
      trx,
      completed.filter((n) => n.level >= STORED_FROM_LEVEL).map((n) => ({ level: n.level, index: n.index, hash: n.hash.toString('hex') })),
    );
    return { appended: events.length, treeSize: size + events.length, busy: false };
  });
}

/** Sequence everything that is ready (up to `maxEvents`), a batch per transaction. */
export async function sequenceOnce(deps: Deps, options: SequenceOptions = {}): Promise<SequenceResult> {
  const batchSize = options.batchSize ?? 5_000;
  const maxEvents = options.maxEvents ?? Number.POSITIVE_INFINITY;
  let appended = 0;
  let treeSize = 0;
  while (appended < maxEvents) {
    const r = await sequenceBatch(deps, Math.min(batchSize, maxEvents - appended));
    if (r.busy) return { appended, treeSize, busy: appended === 0 };
    appended += r.appended;
    treeSize = r.treeSize;
    if (r.appended < batchSize) break;
  }
  return { appended, treeSize, busy: false };
}
