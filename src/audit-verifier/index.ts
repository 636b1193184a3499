// The independent audit-log verifier. It depends on nothing but Node.js built-ins — not on
// src/db, not on src/domain — so that a bug or a compromise there cannot vouch for itself.
// `concord audit verify` and the tests use it; an inspector can run it against a copy.
export { body as checkpointBody, type Checkpoint, checkSignature, parseNote, type TrustedKey, trustKey } from './checkpoint.ts';
export { canonicalise, commitToDetails, type EventRow, hashEventLeaf, leafBytes } from './leaf.ts';
export {
  compareOrder,
  DEFAULT_SEGMENT_SIZE,
  type Issue,
  type IssueKind,
  type LeafRef,
  type LogSource,
  type Report,
  type SegmentInput,
  type SegmentResult,
  STORED_FROM_LEVEL,
  type StoredEvent,
  type VerifyOptions,
  verifyLog,
  verifySegment,
} from './log.ts';
export { emptyTreeHash, foldSubtrees, hashChildren, hashLeaf, StreamingTree, treeHash, verifyConsistency, verifyInclusion } from './merkle.ts';
export { type Query, sqlLogSource } from './sql.ts';
