// The audit log's sequencer and checkpointer: every `intervalMs` (default 500 ms), add the events
// committed since the last tick to the Merkle tree and, if it grew, sign a checkpoint — so that a
// committed event is under a signed checkpoint within about a second. While events keep arriving
// it ticks every `busyIntervalMs` (default 250 ms) instead, so that a busy log does not add half a
// second of waiting to each event's way to a checkpoint. A plain timer loop rather
// than a pg-boss queue: it runs twice a second, and a PostgreSQL advisory lock (taken inside each
// transaction) already makes sure that only one process sequences at a time, wherever it runs.
import { sequenceOnce } from '../use-cases/audit/sequence-audit-log.ts';
import { checkpointOnce, type SignedCheckpoint } from '../use-cases/audit/sign-audit-checkpoint.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';

export interface AuditSequencerOptions {
  intervalMs?: number;
  /** The interval after a tick that sequenced something. */
  busyIntervalMs?: number;
  /** Events per tick at most (a backlog is worked off over several ticks). */
  maxEventsPerTick?: number;
  batchSize?: number;
  onCheckpoint?: (c: SignedCheckpoint) => void;
  onError?: (e: unknown) => void;
}

export interface AuditSequencer {
  /** Run one tick now (tests, shutdown). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export function startAuditSequencer(deps: Deps, options: AuditSequencerOptions = {}): AuditSequencer {
  const interval = options.intervalMs ?? 500;
  const busyInterval = Math.min(interval, options.busyIntervalMs ?? 250);
  const onError = options.onError ?? ((e: unknown) => console.error(`Audit log sequencer error: ${e instanceof Error ? e.message : String(e)}`));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  /** One tick; true if it sequenced anything. */
  const tick = async (): Promise<boolean> => {
    try {
      const r = await sequenceOnce(deps, { maxEvents: options.maxEventsPerTick ?? 50_000, batchSize: options.batchSize ?? 5_000 });
      if (deps.auditSigner) {
        const c = await checkpointOnce(deps);
        if (c) options.onCheckpoint?.(c);
      }
      return r.appended > 0;
    } catch (e) {
      onError(e);
      return false;
    }
  };
  const loop = () => {
    if (stopped) return;
    const started = performance.now();
    running = tick().then((busy) => {
      if (!stopped) timer = setTimeout(loop, Math.max(0, (busy ? busyInterval : interval) - (performance.now() - started)));
    });
  };
  timer = setTimeout(loop, 0);
  return {
    tick: async () => {
      await running;
      await tick();
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
