// RFC 9457 problem details. Field errors carry a dotted `path` and a JSON `pointer` into the body.
import type { FastifyReply } from 'fastify';
import type { FieldError } from '../use-cases/kernel/outcome.ts';

export const PROBLEM_TYPE = 'application/problem+json';

export function problem(reply: FastifyReply, status: number, title: string, detail?: string, errors?: FieldError[]) {
  return reply
    .code(status)
    .type(PROBLEM_TYPE)
    .header('cache-control', 'no-store')
    .send({
      type: `urn:concord:problem:${title
        .toLowerCase()
        .replace(/[^a-z]+/g, '-')
        .replace(/^-|-$/g, '')}`,
      title,
      status,
      ...(detail ? { detail } : {}),
      instance: `urn:concord:request:${reply.request.id}`,
      ...(errors ? { errors: errors.map((e) => ({ path: e.path, pointer: `/${e.path.split('.').join('/')}`, message: e.message, ...(e.warning ? { warning: e.warning } : {}) })) } : {}),
    });
}

export const notFoundProblem = (reply: FastifyReply) => problem(reply, 404, 'Not found', 'There is no such resource, or you do not have access to it.');
export const invalidProblem = (reply: FastifyReply, errors: FieldError[]) =>
  problem(reply, 422, 'Validation failed', 'The request has errors. Correct the fields listed in errors and try again.', errors);
