// The audit log's Merkle tree as stored: leaf hashes in audit_leaf, complete subtrees of level
// STORED_FROM_LEVEL and above in audit_node (about one row per eight leaves); anything smaller is
// recomputed from at most 2^STORED_FROM_LEVEL - 1 leaf hashes. So a proof or a root needs two
// indexed reads, whatever the size of the log.

import type { Kysely } from 'kysely';
import { type EventToSequence, storedHashes } from '../../db/queries/audit-log.ts';
import type { DB } from '../../db/schema.ts';
import { encodeLeaf } from '../../domain/audit-leaf.ts';
import { Frontier, type Node, rootOf, type Subtree, type SubtreeHashes } from '../../domain/merkle.ts';
import type { Tx } from '../kernel/deps.ts';

export const STORED_FROM_LEVEL = 4;

export function storedSubtrees(db: Kysely<DB> | Tx): SubtreeHashes {
  return async (subtrees: readonly Subtree[]) => {
    const stored = subtrees.filter((s) => s.level >= STORED_FROM_LEVEL);
    const small = subtrees.filter((s) => s.level < STORED_FROM_LEVEL);
    const indices = new Set<number>();
    for (const s of small) for (let i = s.index * 2 ** s.level; i < (s.index + 1) * 2 ** s.level; i++) indices.add(i);
    const { nodes, leaves } = await storedHashes(db, stored, [...indices]);
    return subtrees.map((s) => {
      if (s.level >= STORED_FROM_LEVEL) {
        const h = nodes.get(`${s.level}/${s.index}`);
        if (!h) throw new Error(`audit log: the stored hash of subtree ${s.level}/${s.index} is missing`);
        return Buffer.from(h, 'hex');
      }
      const hs: Buffer[] = [];
      for (let i = s.index * 2 ** s.level; i < (s.index + 1) * 2 ** s.level; i++) {
        const h = leaves.get(i);
        if (!h) throw new Error(`audit log: leaf ${i} is missing`);
        hs.push(Buffer.from(h, 'hex'));
      }
      return rootOf(hs);
    });
  };
}

/** The right edge of the stored tree of `size` leaves, ready to append to. */
export async function loadFrontier(db: Kysely<DB> | Tx, size: number): Promise<Frontier> {
  const subtrees = Frontier.subtrees(size);
  const hashes = await storedSubtrees(db)(subtrees);
  return new Frontier(
    size,
    subtrees.map((s, i): Node => ({ ...s, hash: hashes[i]! })),
  );
}

/** An audit_event row's fields as the canonical leaf encoding takes them. */
export type AuditEventFields = Omit<EventToSequence, 'tx' | 'details'>;

/** The canonical leaf of an event, given the commitment to its details. */
export function eventLeaf(e: AuditEventFields, commitment: Uint8Array) {
  return encodeLeaf(
    {
      partnershipId: e.partnership_id,
      eventId: e.id,
      occurredAt: e.occurred_at,
      actorUserId: e.actor_user_id,
      actorAgencyId: e.actor_agency_id,
      action: e.action,
      outcome: e.outcome,
      subjectType: e.subject_type,
      subjectId: e.subject_id,
      childId: e.child_id,
      correlationId: e.correlation_id,
      via: e.via,
    },
    commitment,
  );
}
