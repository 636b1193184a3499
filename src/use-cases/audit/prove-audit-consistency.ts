// Prove that the log at one size is a prefix of the log at a larger size (RFC 9162 §2.1.4): that
// nothing signed earlier has since been changed, removed or reordered.
import { checkpointOfSize, leafCount } from '../../db/queries/audit-log.ts';
import { isAuditStaff } from '../../domain/access-log.ts';
import { consistencyRanges, Frontier, foldRight, hashRanges } from '../../domain/merkle.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { presentCheckpoint, type SignedCheckpoint } from './_checkpoint.ts';
import { storedSubtrees } from './_tree.ts';

export interface ConsistencyProof {
  first: number;
  second: number;
  firstRootHash: string;
  secondRootHash: string;
  proof: string[];
  checkpoints: { first: SignedCheckpoint | null; second: SignedCheckpoint | null };
}

export async function consistencyProof(db: Deps['db'] | Tx, input: { first: number; second: number }): Promise<Outcome<ConsistencyProof>> {
  const { first, second } = input;
  const size = await leafCount(db);
  const errors = [];
  if (!Number.isSafeInteger(first) || first < 1) errors.push({ path: 'first', message: 'The first tree size must be a whole number, 1 or more' });
  if (!Number.isSafeInteger(second) || second < first || second > size)
    errors.push({ path: 'second', message: `The second tree size must be at least the first and at most the log's size (${size})` });
  if (errors.length) return invalid(errors);
  const subtrees = storedSubtrees(db);
  const proof = await hashRanges(consistencyRanges(first, second), subtrees);
  const firstRoot = foldRight(await subtrees(Frontier.subtrees(first)));
  const secondRoot = foldRight(await subtrees(Frontier.subtrees(second)));
  const [c1, c2] = [await checkpointOfSize(db, first), await checkpointOfSize(db, second)];
  return ok({
    first,
    second,
    firstRootHash: firstRoot.toString('hex'),
    secondRootHash: secondRoot.toString('hex'),
    proof: first === second ? [] : proof.map((h) => h.toString('hex')),
    checkpoints: { first: c1 ? presentCheckpoint(c1) : null, second: c2 ? presentCheckpoint(c2) : null },
  });
}

/** For information-governance staff; everyone else gets "not found". Proofs hold no personal data, so they are not audited. */
export async function proveAuditConsistency(deps: Deps, actor: Actor, input: { first: number; second: number }): Promise<Outcome<ConsistencyProof>> {
  if (!isAuditStaff(actor)) return notFound;
  return consistencyProof(deps.db, input);
}
