// The `Idempotency-Key` header on the API's creating POSTs (ADR 0071): a client that retries a call
// (a timeout, a lost answer) sends the same key and gets the first call's outcome instead of a
// second record. The key is the client's; what it was used for is a hash of the request's body, so
// re-using a key for a different body is refused (409) rather than silently replayed.
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Submission } from '../use-cases/kernel/submissions.ts';

export const IDEMPOTENCY_KEY = 'idempotency-key';

export function idempotency(request: FastifyRequest): Submission | undefined {
  const key = request.headers[IDEMPOTENCY_KEY];
  if (typeof key !== 'string') return undefined;
  return {
    key,
    fingerprint: createHash('sha256')
      .update(`${request.routeOptions.url} ${JSON.stringify(request.body ?? null)}`)
      .digest('base64url'),
  };
}
