// Prove that an audit event is in the log: its leaf, the audit path to the root of a tree size
// (by default the latest signed checkpoint) and that checkpoint, so that anyone holding the
// published public key can check it with RFC 9162 §2.1.3.2 — the verifier does, in the CLI.
import { checkpointOfSize, loggedEvent } from '../../db/queries/audit-log.ts';
import type { AuditEventValues } from '../../db/queries/child-record.ts';
import { isAuditStaff } from '../../domain/access-log.ts';
import { canonicalJson, detailsCommitment } from '../../domain/audit-leaf.ts';
import { hashRanges, inclusionRanges } from '../../domain/merkle.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit, auditValues } from '../kernel/audit.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { conflict, invalid, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { presentCheckpoint, type SignedCheckpoint } from './_checkpoint.ts';
import { eventLeaf, storedSubtrees } from './_tree.ts';

export interface InclusionProof {
  event: { partnershipId: string; id: string };
  leafIndex: number;
  treeSize: number;
  /** The canonical leaf (base64): SHA-256(0x00 || leaf) is the leaf hash. */
  leaf: string;
  leafHash: string;
  auditPath: string[];
  rootHash: string;
  /** The signed checkpoint of this tree size, when there is one. */
  checkpoint: SignedCheckpoint | null;
}

export interface InclusionInput {
  partnershipId: string;
  eventId: string;
  treeSize?: number | undefined;
}

const isDecimal = (s: string) => /^[1-9]\d{0,18}$/.test(s);

/**
 * The proof itself, for any caller allowed to ask (the use case below checks who; the CLI is an
 * operator's tool). With `audit`, reading the event is audited in the same statement.
 */
export async function inclusionProof(db: Deps['db'] | Tx, input: InclusionInput, audit?: AuditEventValues): Promise<Outcome<InclusionProof>> {
  if (!isDecimal(input.eventId)) return notFound;
  const e = await loggedEvent(db, input.partnershipId, input.eventId, audit);
  if (!e) return notFound;
  if (e.leaf_index === null || e.leaf_hash === null) return conflict('The event has not been added to the log yet: try again in a second.');
  const leafIndex = Number(e.leaf_index);
  const size = Number(e.leaf_count);
  const latest = e.cp_tree_size !== null ? { tree_size: e.cp_tree_size, root_hash: e.cp_root_hash!, issued_at: e.cp_issued_at!, key_id: e.cp_key_id!, signature: e.cp_signature! } : undefined;
  let treeSize = input.treeSize;
  if (treeSize === undefined) {
    if (!latest || Number(latest.tree_size) <= leafIndex) return conflict('No signed checkpoint covers the event yet: try again in a second.');
    treeSize = Number(latest.tree_size);
  }
  if (!Number.isSafeInteger(treeSize) || treeSize <= leafIndex || treeSize > size) {
    return invalid([{ path: 'treeSize', message: `The tree size must be more than the event's leaf index (${leafIndex}) and at most the log's size (${size})` }]);
  }
  const checkpoint = latest && Number(latest.tree_size) === treeSize ? latest : await checkpointOfSize(db, treeSize);
  // One read for the audit path, and for the root too when no checkpoint states it.
  const pathRanges = inclusionRanges(leafIndex, treeSize);
  const ranges = checkpoint ? pathRanges : [...pathRanges, [0, treeSize] as const];
  const hashes = await hashRanges(ranges, storedSubtrees(db));
  const auditPath = hashes.slice(0, pathRanges.length);
  const root = checkpoint ? Buffer.from(checkpoint.root_hash, 'hex') : hashes[pathRanges.length]!;
  const commitment = e.details_commitment ? Buffer.from(e.details_commitment, 'hex') : detailsCommitment(new Uint8Array(0), canonicalJson(e.details));
  const leaf = eventLeaf(e, commitment);
  return ok({
    event: { partnershipId: e.partnership_id, id: e.id },
    leafIndex,
    treeSize,
    leaf: leaf.toString('base64'),
    leafHash: e.leaf_hash,
    auditPath: auditPath.map((h) => h.toString('hex')),
    rootHash: root.toString('hex'),
    checkpoint: checkpoint ? presentCheckpoint(checkpoint) : null,
  });
}

/**
 * For information-governance staff, about events in their partnership; everyone else gets "not
 * found". The event's leaf says who did what to which child, so reading it is audited: in the same
 * statement as the read ("audit-log.proof-requested", outcome ok: the event was read, whether or not
 * the tree size asked for then turns out to be one a proof can be given for), or, when there is no
 * such event, on its own (not_found). One commit, and no interactive transaction, per proof.
 */
export async function proveAuditInclusion(deps: Deps, actor: Actor, input: { eventId: string; treeSize?: number | undefined }): Promise<Outcome<InclusionProof>> {
  if (!isAuditStaff(actor)) return notFound;
  const entry = { action: 'audit-log.proof-requested', subjectType: 'audit-event', details: { proof: 'inclusion', treeSize: input.treeSize ?? null } };
  const result = await inclusionProof(deps.db, { partnershipId: actor.partnershipId, eventId: input.eventId, treeSize: input.treeSize }, auditValues(auditActor(actor), entry));
  if (result.kind === 'not_found') {
    await appendAudit(deps.db, auditActor(actor), { ...entry, outcome: 'not_found', ...(isDecimal(input.eventId) ? { subjectId: input.eventId } : {}) });
  }
  return result;
}
