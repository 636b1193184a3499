// The one boundary where text enters Concord over HTTP: every route's path parameters, query string
// and parsed body are checked for NUL and other control characters before any handler runs
// (src/domain/input.ts). The web plugin and the API plugin each call this from a hook and answer in
// their own way (an error page with the GOV.UK error summary; problem+json), so no route can forget it.
import type { FastifyRequest } from 'fastify';
import { controlCharacterErrors, type InputError } from '../domain/input.ts';

/** The fields of the request holding a control character; empty when the input is clean. */
export function requestInputErrors(request: FastifyRequest): InputError[] {
  return [...controlCharacterErrors(request.params ?? {}), ...controlCharacterErrors(request.query ?? {}), ...controlCharacterErrors(request.body ?? {})];
}
