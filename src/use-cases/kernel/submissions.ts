// "Create" actions happen once per submission (ADR 0071). A page's create form carries a one-time
// key issued with the form (`submissionKey` in src/web/render.ts); an API client may send an
// `Idempotency-Key` header. The key is claimed in the same transaction as the create: the first
// submission creates and keeps what it produced (ids and dates: never personal data, never a secret);
// a reload, a double click, Back-and-resubmit or a retried call with the same key creates nothing
// and answers with that first outcome, marked `replayed`. A concurrent second submission waits on
// the first's claim and then replays it. A submission that creates nothing (invalid, refused)
// releases its claim, so the corrected form can be sent with the same key.
import { claimSubmission, findSubmission, keepSubmissionResult, releaseSubmission } from '../../db/queries/submissions.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Tx } from './deps.ts';
import { conflict, invalid, type Outcome, ok } from './outcome.ts';

export interface Submission {
  /** The form's one-time key or the API's Idempotency-Key. */
  key: string;
  /** What was asked (a hash of the API request's body); a key re-used for something else is refused. Forms send the same form, so theirs is constant. */
  fingerprint: string;
}

export const SUBMISSION_KEY = /^[A-Za-z0-9._:-]{8,200}$/;

export type Replayable<T> = T & { replayed?: true };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** What was kept, with its dates as dates again. */
function revive(value: unknown): unknown {
  if (typeof value === 'string') return ISO_DATE.test(value) ? new Date(value) : value;
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  return value;
}

/**
 * Run `create` once for this person and key, inside the caller's transaction. A replay answers with
 * what the first kept (its ids and dates), or, where what it produced cannot be given twice (an API
 * key's secret), with `replay`'s outcome.
 */
export async function once<T extends object>(
  trx: Tx,
  actor: Actor,
  operation: string,
  submission: Submission | undefined,
  at: Date,
  create: () => Promise<Outcome<T>>,
  replay?: () => Outcome<never>,
): Promise<Outcome<Replayable<T>>> {
  if (!submission) return create();
  if (!SUBMISSION_KEY.test(submission.key)) return invalid([{ path: 'idempotencyKey', message: 'The idempotency key must be 8 to 200 letters, digits, dots, colons, hyphens or underscores' }]);
  const k = { partnershipId: actor.partnershipId, userId: actor.userId, key: submission.key };
  if (await claimSubmission(trx, k, { operation, fingerprint: submission.fingerprint, at })) {
    const outcome = await create();
    if (outcome.kind === 'ok') await keepSubmissionResult(trx, k, JSON.stringify(replay ? {} : outcome.value));
    else await releaseSubmission(trx, k);
    return outcome;
  }
  const first = await findSubmission(trx, k);
  if (!first || first.operation !== operation || first.fingerprint !== submission.fingerprint)
    return conflict('This idempotency key was already used for a different request. Use a new key for a new request.');
  if (!first.result) return conflict('The first submission with this key created nothing. Send the form again.');
  if (replay) return replay();
  return ok({ ...(revive(first.result) as T), replayed: true as const });
}
