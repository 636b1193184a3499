// The independent audit-log verifier. It depends on nothing but Node.js built-ins — not on
// src/db, not on src/domain — so that a bug or a compromise there cannot vouch for itself.
// `concord audit verify` and the tests use it; an inspector can run it against a copy.
export { body as checkpointBody, checkSignature, parseNote, trustKey, type Checkpoint, type TrustedKey } from './checkpoint.ts';
export { canonicalise, commitToDetails, hashEventLeaf, leafBytes, type EventRow } from './leaf.ts';
export { compareOrder, DEFAULT_SEGMENT_SIZE, STORED_FROM_LEVEL, verifyLog, verifySegment, type Issue, type IssueKind, type LeafRef, type LogSource, type StoredEvent, type Report, type SegmentInput, type SegmentResult, type VerifyOptions } from './log.ts';
export { emptyTreeHash, foldSubtrees, hashChildren, hashLeaf, StreamingTree, treeHash, verifyConsistency, verifyInclusion } from './merkle.ts';
export { sqlLogSource, type Query } from './sql.ts';
