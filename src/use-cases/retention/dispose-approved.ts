// Dispose of approved records, one transaction per batch, so nothing is half-disposed and a run
// stopped part-way resumes where it left off (approved rows stay approved until their batch
// commits). Run by the retention job and `concord retention run`, or by an agency's IG lead for its
// own agency's approved records from the review page.
import { randomUUID } from 'node:crypto';
import { lockApprovedBatch } from '../../db/queries/retention.ts';
import { type Actor, hasRole } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { type CertificateIssued, disposeBatch } from './_dispose.ts';

/** Records per transaction unless the caller says otherwise (ADR 0086). */
export const DEFAULT_BATCH = 5_000;

export interface DisposalRun {
  disposed: number;
  batches: number;
  certificates: CertificateIssued[];
}

async function run(
  deps: Deps,
  by: { userId: string | null; via: Actor['via'] | 'system'; correlationId: string },
  batchSize: number,
  only?: { partnershipId: string; agencyId: string },
  maxBatches = Number.POSITIVE_INFINITY,
): Promise<DisposalRun> {
  const result: DisposalRun = { disposed: 0, batches: 0, certificates: [] };
  while (result.batches < maxBatches) {
    const issued = await deps.db.transaction().execute(async (trx) => {
      const rows = await lockApprovedBatch(trx, batchSize, only);
      if (!rows.length) return undefined;
      return { count: rows.length, issued: await disposeBatch(deps, trx, rows, by) };
    });
    if (!issued) break;
    result.disposed += issued.count;
    result.batches++;
    result.certificates.push(...issued.issued);
  }
  return result;
}

/** The job (and CLI): every partnership's approved records. */
export async function disposeApproved(deps: Deps, options: { batchSize?: number; maxBatches?: number } = {}): Promise<DisposalRun> {
  return run(deps, { userId: null, via: 'system', correlationId: randomUUID() }, options.batchSize ?? DEFAULT_BATCH, undefined, options.maxBatches);
}

/** An IG lead disposes now of what their agency has approved. */
export async function disposeApprovedForAgency(deps: Deps, actor: Actor, options: { batchSize?: number } = {}): Promise<Outcome<DisposalRun>> {
  if (!hasRole(actor, 'ig_lead')) return notFound;
  return ok(
    await run(deps, { userId: actor.userId, via: actor.via, correlationId: actor.correlationId }, options.batchSize ?? DEFAULT_BATCH, { partnershipId: actor.partnershipId, agencyId: actor.agencyId }),
  );
}
