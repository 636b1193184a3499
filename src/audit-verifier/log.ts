// Verify the whole audit log from raw rows: re-hash every event into its leaf, rebuild the Merkle
// tree, compare every stored leaf hash and stored subtree hash with the rebuilt ones, check every
// checkpoint's signature against the published keys and its root against the rebuilt tree of its
// size (which proves all checkpoints consistent with each other and with the events), look for
// events that were slipped into the past, and report each divergence at the leaf where it is.
//
// It trusts nothing it reads: not the leaf order, not the stored hashes, not the checkpoints.
// It trusts only the public keys (and any checkpoints) it is given.
//
// The log is verified in segments of 2^k leaves (k ≥ 0; 2^17 by default). Each segment is
// re-hashed on its own — the subtrees inside it do not depend on anything outside it — and
// yields its compact range at every checkpoint size inside it; the segments' roots are then
// combined in order. So segments can be verified in parallel (see `runSegment`), and a
// checkpoint's root is the fold of the subtrees before its segment and those inside it.
import { type Checkpoint, checkSignature, type TrustedKey } from './checkpoint.ts';
import { canonicalise, commitToDetails, EMPTY_DETAILS, EMPTY_DETAILS_COMMITMENT, type EventRow, hashEventLeaf, SHREDDED_MARKER } from './leaf.ts';
import { type CompletedSubtree, foldSubtrees, StreamingTree } from './merkle.ts';

/** Subtrees at this level and above are stored (audit_node) to serve proofs; lower ones are recomputed. */
export const STORED_FROM_LEVEL = 4;
export const DEFAULT_SEGMENT_SIZE = 2 ** 17;

/** Commit order: the inserting transaction's id, then the event id (both decimal text). */
export interface OrderKey {
  tx: string;
  id: string;
}

/** A leaf as stored: its place, the event it points at, its hash and details commitment. */
export interface LeafRef {
  leafIndex: number;
  eventPartnershipId: string;
  eventId: string;
  eventTx: string;
  /** Hex. */
  leafHash: string;
  detailsCommitment: Buffer | null;
}

/** An audit event as stored, with its place in commit order. */
export type StoredEvent = EventRow & { tx: string };

export interface EventKey {
  partnershipId: string;
  eventId: string;
}

export interface StoredNode {
  level: number;
  index: number;
  /** Hex. */
  hash: string;
}

/** Where the rows come from (see sql.ts). Everything is read, nothing is believed. */
export interface LogSource {
  /** One more than the highest leaf index (so that leaves missing in between are noticed). */
  leafCount(): Promise<number>;
  /** Leaves with from ≤ leaf_index < to, in leaf_index order, at most `limit`. */
  leafRefs(from: number, to: number, limit: number): Promise<LeafRef[]>;
  /** Events in commit order in (after, upTo], at most `limit`. */
  events(after: OrderKey | null, upTo: OrderKey, limit: number): Promise<StoredEvent[]>;
  /** These events, wherever they are in commit order (those that exist). */
  eventsByKey(keys: readonly EventKey[]): Promise<StoredEvent[]>;
  /** The salts of these events' details commitments, by "partnershipId:eventId" (those that exist). */
  salts(keys: readonly EventKey[]): Promise<Map<string, Buffer>>;
  /** The commit-order key of the last leaf before `index`. */
  orderBefore(index: number): Promise<OrderKey | null>;
  /** Checkpoints with tree_size > afterSize, by tree size, at most `limit`. */
  checkpoints(afterSize: number, limit: number): Promise<Checkpoint[]>;
  /** Which of these events have a leaf ("partnershipId:eventId"). */
  loggedEvents(keys: readonly EventKey[]): Promise<Set<string>>;
  /** Events after `after` in commit order: not yet in the log. */
  countEventsAfter(after: OrderKey | null): Promise<number>;
  /** Stored subtrees with level = r.level and r.from ≤ index < r.to. */
  nodes(ranges: readonly { level: number; from: number; to: number }[]): Promise<StoredNode[]>;
  /** Stored subtrees that reach beyond `size` leaves. */
  nodesBeyond(size: number): Promise<{ level: number; index: number }[]>;
}

export type IssueKind =
  | 'leaf-missing'
  | 'event-missing'
  | 'event-modified'
  | 'event-not-in-log'
  | 'out-of-order'
  | 'node-mismatch'
  | 'checkpoint-signature'
  | 'checkpoint-root'
  | 'checkpoint-order'
  | 'log-truncated';

export interface Issue {
  kind: IssueKind;
  /** The first leaf index at which the log diverges. */
  position: number;
  /**
   * When the divergence can only be bounded: it lies in leaves [position, end). A bounded issue with
   * a precise one inside its range is a consequence of that one.
   */
  end?: number;
  /** partnershipId:eventId, when an event is involved. */
  event?: string;
  message: string;
}

/** One segment of work: leaves [start, end), and the checkpoint sizes that fall inside it. */
export interface SegmentInput {
  start: number;
  end: number;
  checkpointSizes: number[];
  batchSize: number;
  maxIssues: number;
}

/** What a segment reports (plain data, so that it can come back from a worker thread). */
export interface SegmentResult {
  start: number;
  end: number;
  issues: Issue[];
  truncatedIssues: number;
  shredded: number;
  /** The compact range (hex, largest subtree first) of [start, size) for each checkpoint size. */
  ranges: { size: number; hashes: string[] }[];
  /** The compact range of [start, end). */
  final: string[];
  lastOrder: OrderKey | null;
}

export interface VerifyOptions {
  keys: readonly TrustedKey[];
  /** Checkpoints held outside the database (for example by an inspector). */
  held?: readonly Checkpoint[];
  batchSize?: number;
  /** A power of two. */
  segmentSize?: number;
  /** Verify a segment elsewhere (a worker thread with its own connection); default: here, with `source`. */
  runSegment?: (input: SegmentInput) => Promise<SegmentResult>;
  /** Segments in flight at once. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  /** Stop collecting after this many issues (the first divergence is always kept). */
  maxIssues?: number;
}

export interface Report {
  ok: boolean;
  leaves: number;
  root: string;
  checkpoints: number;
  latest?: { treeSize: number; rootHash: string; issuedAt: string; keyId: string };
  heldChecked: number;
  shredded: number;
  pending: number;
  issues: Issue[];
  truncatedIssues: number;
  first?: Issue;
}

function compareDecimal(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareOrder(a: OrderKey, b: OrderKey): number {
  return compareDecimal(a.tx, b.tx) || compareDecimal(a.id, b.id);
}

const ref = (p: string, id: string) => `${p}:${id}`;
const PLACEHOLDER = Buffer.alloc(32);
const PLACEHOLDER_HEX = PLACEHOLDER.toString('hex');
const HEX_HASH = /^[0-9a-f]{64}$/;

/** Re-hash and check one segment of the log. */
export async function verifySegment(source: LogSource, input: SegmentInput): Promise<SegmentResult> {
  const { start, end, batchSize } = input;
  const issues: Issue[] = [];
  let truncatedIssues = 0;
  const report = (i: Issue) => {
    if (issues.length < input.maxIssues) issues.push(i);
    else truncatedIssues++;
  };
  const wanted = [...input.checkpointSizes].sort((a, b) => a - b);
  const ranges: SegmentResult['ranges'] = [];
  const tree = new StreamingTree();
  let shredded = 0;
  let order = await source.orderBefore(start);
  let expectedIndex = start;
  let wantAt = 0;

  /** Push a leaf hash at the next position; note any checkpoint size reached. */
  let completedSink: CompletedSubtree[] = [];
  const onComplete = (c: CompletedSubtree) => {
    completedSink.push({ level: c.level, index: c.index + start / 2 ** c.level, hash: c.hash });
  };
  const push = (h: string, completed: CompletedSubtree[]) => {
    completedSink = completed;
    tree.push(h, onComplete, STORED_FROM_LEVEL);
    const size = start + tree.size;
    while (wantAt < wanted.length && wanted[wantAt]! <= size) {
      if (wanted[wantAt] === size) ranges.push({ size, hashes: tree.frontier() });
      wantAt++;
    }
  };
  const missing = (from: number, to: number, completed: CompletedSubtree[]) => {
    report({ kind: 'leaf-missing', position: from, message: `Leaf ${from}${to - from > 1 ? `–${to - 1} are` : ' is'} missing from the log.` });
    for (let i = from; i < to; i++) push(PLACEHOLDER_HEX, completed);
  };

  let next = source.leafRefs(start, end, batchSize);
  for (;;) {
    const batch = await next;
    if (batch.length === 0) break;
    const from = batch[batch.length - 1]!.leafIndex + 1;

    // Ask for everything this batch is checked against — the events that commit order puts in
    // its range, salts, stored subtrees — and for the next batch, before re-hashing this one: the
    // database works while this thread hashes.
    const batchFirstOrder = order;
    let batchLast: OrderKey | null = order;
    for (const row of batch) {
      if (!batchLast || compareDecimal(row.eventTx, batchLast.tx) > 0 || (row.eventTx === batchLast.tx && compareDecimal(row.eventId, batchLast.id) > 0)) {
        batchLast = { tx: row.eventTx, id: row.eventId };
      }
    }
    const eventLimit = batch.length * 4 + 1_000;
    const inRange = batchLast ? source.events(batchFirstOrder, batchLast, eventLimit) : Promise.resolve([]);
    const salted = source.salts(batch.filter((r) => r.detailsCommitment !== null).map((r) => ({ partnershipId: r.eventPartnershipId, eventId: r.eventId })));
    const lo = start + tree.size;
    const hi = from;
    const nodeRanges: { level: number; from: number; to: number }[] = [];
    for (let level = STORED_FROM_LEVEL; 2 ** level <= hi - start; level++) {
      const a = Math.floor(lo / 2 ** level);
      const b = Math.floor(hi / 2 ** level);
      if (b > a) nodeRanges.push({ level, from: a, to: b });
    }
    const storedNodes = nodeRanges.length ? source.nodes(nodeRanges) : Promise.resolve([]);
    next = from >= end || batch.length < batchSize ? Promise.resolve([]) : source.leafRefs(from, end, batchSize);

    // Event ids are unique across partnerships (one identity column), so they key the lookups;
    // the partnership is compared too.
    // Untouched, the leaves and the events are in the same order: walk both together, and look
    // events up by id only where they part.
    const events = await inRange;
    let byId: Map<string, StoredEvent> | undefined;
    const matched: (StoredEvent | undefined)[] = new Array(batch.length);
    const elsewhere: EventKey[] = [];
    let found = 0;
    let cursor = 0;
    for (let i = 0; i < batch.length; i++) {
      const row = batch[i]!;
      let e = events[cursor];
      if (e && e.eventId === row.eventId) cursor++;
      else {
        if (!byId) {
          byId = new Map();
          for (const x of events) byId.set(x.eventId, x);
        }
        e = byId.get(row.eventId);
      }
      if (e && e.partnershipId === row.eventPartnershipId) {
        matched[i] = e;
        found++;
      } else elsewhere.push({ partnershipId: row.eventPartnershipId, eventId: row.eventId });
    }
    // A leaf whose event is not where commit order says it should be: moved, or deleted.
    const moved = new Map<string, StoredEvent>();
    if (elsewhere.length) for (const e of await source.eventsByKey(elsewhere)) moved.set(ref(e.partnershipId, e.eventId), e);
    const salts = await salted;

    const completed: CompletedSubtree[] = [];
    let runningTx = order?.tx ?? '';
    let runningId = order?.id ?? '';
    for (let i = 0; i < batch.length; i++) {
      const row = batch[i]!;
      const at = row.leafIndex;
      if (at > expectedIndex) missing(expectedIndex, at, completed);
      expectedIndex = at + 1;
      const e = matched[i] ?? (moved.size ? moved.get(ref(row.eventPartnershipId, row.eventId)) : undefined);
      if (runningTx !== '' && (compareDecimal(row.eventTx, runningTx) < 0 || (row.eventTx === runningTx && compareDecimal(row.eventId, runningId) <= 0))) {
        report({
          kind: 'out-of-order',
          position: Math.max(0, at - 1),
          event: ref(row.eventPartnershipId, row.eventId),
          message: `Leaves ${at - 1} and ${at} are not in commit order: the log was reordered.`,
        });
      } else {
        runningTx = row.eventTx;
        runningId = row.eventId;
      }

      let h: string;
      if (!e) {
        report({ kind: 'event-missing', position: at, event: ref(row.eventPartnershipId, row.eventId), message: `Leaf ${at}: event ${ref(row.eventPartnershipId, row.eventId)} has been deleted.` });
        h = HEX_HASH.test(row.leafHash) ? row.leafHash : PLACEHOLDER_HEX;
      } else {
        if (e.tx !== row.eventTx) {
          report({
            kind: 'out-of-order',
            position: at,
            event: ref(row.eventPartnershipId, row.eventId),
            message: `Leaf ${at}: event ${ref(row.eventPartnershipId, row.eventId)} claims another transaction than the one it was logged with: its place in the commit order was changed.`,
          });
        }
        const salt = row.detailsCommitment === null ? undefined : salts.get(ref(row.eventPartnershipId, row.eventId));
        let commitment: Buffer;
        let problem: string | undefined;
        let canonical: string | undefined;
        try {
          canonical = canonicalise(e.details);
        } catch {
          problem = 'its details are not valid JSON';
        }
        if (salt) {
          commitment = commitToDetails(salt, canonical ?? '');
          if (row.detailsCommitment && !commitment.equals(row.detailsCommitment)) problem ??= 'its details (or their salt) were changed';
        } else if (canonical === EMPTY_DETAILS) {
          commitment = EMPTY_DETAILS_COMMITMENT;
        } else if (canonical === SHREDDED_MARKER && row.detailsCommitment) {
          // Lawfully shredded: the details and their salt are gone; the stored commitment stands in.
          commitment = row.detailsCommitment;
          shredded++;
        } else {
          commitment = row.detailsCommitment ?? PLACEHOLDER;
          problem ??= 'its details were changed, or their salt was deleted';
        }
        h = hashEventLeaf(e, commitment);
        if (h !== row.leafHash) problem ??= 'its content no longer matches the hash it was logged with';
        if (problem)
          report({
            kind: 'event-modified',
            position: at,
            event: ref(row.eventPartnershipId, row.eventId),
            message: `Leaf ${at}: event ${ref(row.eventPartnershipId, row.eventId)} was modified: ${problem}.`,
          });
      }
      push(h, completed);
    }
    order = batchLast;

    // Events that commit order places inside this batch but that no leaf of it points at were
    // inserted into the past (the sequencer had already moved on when they appeared) — unless they
    // have a leaf elsewhere (moved: that leaf reports it).
    const inBatch = events.length > found ? new Set(batch.map((r) => ref(r.eventPartnershipId, r.eventId))) : undefined;
    const strays = inBatch ? events.filter((e) => !inBatch.has(ref(e.partnershipId, e.eventId))) : [];
    if (strays.length) {
      const logged = await source.loggedEvents(strays.map((e) => ({ partnershipId: e.partnershipId, eventId: e.eventId })));
      for (const e of strays) {
        const k = ref(e.partnershipId, e.eventId);
        if (logged.has(k)) continue;
        const idx = batch.findIndex((r) => compareOrder({ tx: e.tx, id: e.eventId }, { tx: r.eventTx, id: r.eventId }) < 0);
        const before = idx < 0 ? batch[batch.length - 1]!.leafIndex + 1 : batch[idx]!.leafIndex;
        report({ kind: 'event-not-in-log', position: before, event: k, message: `Event ${k} is not in the log although it belongs before leaf ${before}: it was inserted into the past.` });
      }
    }

    // Stored subtree hashes (used to serve proofs) must equal the rebuilt ones.
    checkNodes(completed, await storedNodes, report);
  }
  const completed: CompletedSubtree[] = [];
  if (expectedIndex < end) missing(expectedIndex, end, completed);
  if (completed.length) checkNodes(completed, await source.nodes(rangesOf(completed)), report);
  return { start, end, issues, truncatedIssues, shredded, ranges, final: tree.frontier(), lastOrder: order };
}

function rangesOf(subtrees: readonly CompletedSubtree[]) {
  const byLevel = new Map<number, { level: number; from: number; to: number }>();
  for (const s of subtrees) {
    const r = byLevel.get(s.level);
    if (r) {
      r.from = Math.min(r.from, s.index);
      r.to = Math.max(r.to, s.index + 1);
    } else byLevel.set(s.level, { level: s.level, from: s.index, to: s.index + 1 });
  }
  return [...byLevel.values()];
}

function checkNodes(completed: readonly CompletedSubtree[], stored: readonly StoredNode[], report: (i: Issue) => void) {
  if (completed.length === 0) return;
  const byKey = new Map(stored.map((n) => [`${n.level}/${n.index}`, n.hash]));
  for (const s of completed) {
    const got = byKey.get(`${s.level}/${s.index}`);
    if (got !== s.hash) {
      const start = s.index * 2 ** s.level;
      report({
        kind: 'node-mismatch',
        position: start,
        end: start + 2 ** s.level,
        message: `The stored hash of leaves ${start}–${start + 2 ** s.level - 1} (level ${s.level}) is ${got ? 'wrong' : 'missing'}: proofs that use it would fail.`,
      });
    }
  }
}

export async function verifyLog(source: LogSource, options: VerifyOptions): Promise<Report> {
  const batchSize = options.batchSize ?? 20_000;
  const maxIssues = options.maxIssues ?? 1_000;
  const segmentSize = options.segmentSize ?? DEFAULT_SEGMENT_SIZE;
  const segmentLevel = Math.log2(segmentSize);
  if (!Number.isInteger(segmentLevel)) throw new Error('segmentSize must be a power of two');
  const runSegment = options.runSegment ?? ((input: SegmentInput) => verifySegment(source, input));
  const concurrency = Math.max(1, options.concurrency ?? 1);

  const issues: Issue[] = [];
  let truncatedIssues = 0;
  const report = (i: Issue) => {
    if (issues.length < maxIssues) issues.push(i);
    else truncatedIssues++;
  };

  // Checkpoints: stored ones stream in by size and have their signatures checked as they come;
  // held ones are all in memory. Those whose signature is not good vouch for nothing.
  const untrusted = new WeakSet<Checkpoint>();
  const held = [...(options.held ?? [])].sort((a, b) => a.treeSize - b.treeSize);
  for (const h of held) {
    const sig = checkSignature(h, options.keys);
    if (sig === 'valid') continue;
    untrusted.add(h);
    report({
      kind: 'checkpoint-signature',
      position: h.treeSize,
      message: `The checkpoint you hold for size ${h.treeSize} ${sig === 'unknown-key' ? `is signed by a key you did not trust (${h.keyId})` : 'has an invalid signature'}.`,
    });
  }
  let storedBuffer: Checkpoint[] = [];
  let storedAfter = 0;
  let storedDone = false;
  let storedCount = 0;
  let latest: Checkpoint | undefined;
  let previousIssuedAt = '';
  const refill = async () => {
    if (storedDone || storedBuffer.length > 0) return;
    const page = await source.checkpoints(storedAfter, 1_000);
    if (page.length < 1_000) storedDone = true;
    for (const c of page) {
      storedCount++;
      const sig = checkSignature(c, options.keys);
      if (sig !== 'valid') {
        untrusted.add(c);
        report({
          kind: 'checkpoint-signature',
          position: c.treeSize,
          message: `Checkpoint ${c.treeSize} (signed ${c.issuedAt}) ${sig === 'unknown-key' ? `names a key that is not trusted (${c.keyId})` : 'does not match its signature: its size, root or time was changed'}.`,
        });
      }
      if (c.issuedAt < previousIssuedAt)
        report({ kind: 'checkpoint-order', position: c.treeSize, message: `Checkpoint ${c.treeSize} was signed at ${c.issuedAt}, before a smaller checkpoint (${previousIssuedAt}).` });
      previousIssuedAt = c.issuedAt;
      latest = c;
    }
    if (page.length > 0) storedAfter = page[page.length - 1]!.treeSize;
    storedBuffer = page;
  };
  let heldAt = 0;
  /** Every checkpoint (stored or held) with size ≤ upTo not yet taken. */
  const takeCheckpoints = async (upTo: number): Promise<Checkpoint[]> => {
    const out: Checkpoint[] = [];
    await refill();
    while (storedBuffer.length > 0 && storedBuffer[0]!.treeSize <= upTo) {
      out.push(storedBuffer.shift()!);
      if (storedBuffer.length === 0) await refill();
    }
    while (heldAt < held.length && held[heldAt]!.treeSize <= upTo) out.push(held[heldAt++]!);
    return out.sort((a, b) => a.treeSize - b.treeSize);
  };

  const total = await source.leafCount();
  const upper = new StreamingTree();
  let lastGood = 0;
  let shredded = 0;
  let order: OrderKey | null = null;
  let root = foldSubtrees([]);

  const compareRoot = (c: Checkpoint, rootAt: string) => {
    if (untrusted.has(c)) return;
    if (rootAt === c.rootHash.toString('hex')) {
      lastGood = Math.max(lastGood, c.treeSize);
      return;
    }
    const label = held.includes(c) ? 'The checkpoint you hold for' : 'Checkpoint';
    report({
      kind: 'checkpoint-root',
      position: lastGood,
      end: c.treeSize,
      message: `${label} size ${c.treeSize} (signed ${c.issuedAt}) does not match the log: something in leaves ${lastGood}–${c.treeSize - 1} was changed, removed, inserted or reordered since it was signed.`,
    });
  };

  const finish = async (job: { input: SegmentInput; checkpoints: Checkpoint[]; result: Promise<SegmentResult> }) => {
    const r = await job.result;
    for (const i of r.issues) report(i);
    truncatedIssues += r.truncatedIssues;
    shredded += r.shredded;
    const before = upper.frontier();
    const rangeAt = new Map(r.ranges.map((x) => [x.size, x.hashes]));
    for (const c of job.checkpoints) {
      const inside = rangeAt.get(c.treeSize);
      if (inside) compareRoot(c, foldSubtrees([...before, ...inside]));
    }
    const final = r.final;
    if (r.end - r.start === segmentSize) {
      // A whole segment is one complete subtree: carry it up, checking the stored subtrees it completes above.
      const completed: CompletedSubtree[] = [];
      upper.push(foldSubtrees(final), (s) => {
        const level = s.level + segmentLevel;
        if (level >= STORED_FROM_LEVEL) completed.push({ level, index: s.index, hash: s.hash });
      });
      if (completed.length) checkNodes(completed, await source.nodes(rangesOf(completed)), report);
      root = upper.root();
    } else {
      root = foldSubtrees([...before, ...final]);
    }
    order = r.lastOrder ?? order;
    options.onProgress?.(r.end, total);
  };

  const inFlight: { input: SegmentInput; checkpoints: Checkpoint[]; result: Promise<SegmentResult> }[] = [];
  for (let start = 0; start < total; start += segmentSize) {
    const end = Math.min(total, start + segmentSize);
    const checkpoints = await takeCheckpoints(end);
    const input: SegmentInput = { start, end, checkpointSizes: [...new Set(checkpoints.map((c) => c.treeSize))], batchSize, maxIssues };
    inFlight.push({ input, checkpoints, result: runSegment(input) });
    if (inFlight.length >= concurrency) await finish(inFlight.shift()!);
  }
  while (inFlight.length) await finish(inFlight.shift()!);

  // Whatever remains was signed for a bigger log than there is.
  const beyond = (await takeCheckpoints(Number.MAX_SAFE_INTEGER)).filter((c) => !untrusted.has(c));
  if (beyond.length > 0) {
    const c = beyond[beyond.length - 1]!;
    report({
      kind: 'log-truncated',
      position: total,
      end: c.treeSize,
      message: `The log has ${total} leaves but a checkpoint signed at ${c.issuedAt} covers ${c.treeSize}: leaves ${total}–${c.treeSize - 1} were removed.`,
    });
  }
  for (const n of await source.nodesBeyond(total)) {
    const start = n.index * 2 ** n.level;
    report({ kind: 'node-mismatch', position: start, message: `A stored hash covers leaves ${start}–${start + 2 ** n.level - 1}, beyond the end of the log.` });
  }
  const pending = await source.countEventsAfter(order);

  issues.sort((a, b) => a.position - b.position || (a.end === undefined ? 0 : 1) - (b.end === undefined ? 0 : 1));
  // A bounded divergence (a checkpoint or stored subtree that no longer matches) is explained by a
  // precise one inside its range; the first divergence is the earliest one that is not explained.
  const precise = issues.filter((i) => i.end === undefined);
  const first = issues.find((i) => i.end === undefined || !precise.some((p) => p.position >= i.position && p.position < i.end!));
  return {
    ok: issues.length === 0 && truncatedIssues === 0,
    leaves: total,
    root,
    checkpoints: storedCount,
    ...(latest ? { latest: { treeSize: latest.treeSize, rootHash: latest.rootHash.toString('hex'), issuedAt: latest.issuedAt, keyId: latest.keyId } } : {}),
    heldChecked: held.length,
    shredded,
    pending,
    issues,
    truncatedIssues,
    ...(first ? { first } : {}),
  };
}
