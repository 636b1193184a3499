// The audit log over the JSON API: the public key (published, no sign-in), and for
// information-governance staff only (everyone else: 404) the latest checkpoint, inclusion proofs
// and consistency proofs. See docs/audit-log.md for how to check them.
import type { FastifyInstance } from 'fastify';
import { isAuditStaff } from '../domain/access-log.ts';
import { signedIn } from '../http/auth.ts';
import { proveAuditConsistency } from '../use-cases/audit/prove-audit-consistency.ts';
import { proveAuditInclusion } from '../use-cases/audit/prove-audit-inclusion.ts';
import { auditPublicKey, viewLatestAuditCheckpoint } from '../use-cases/audit/view-audit-checkpoint.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';
import { fieldErrors } from '../use-cases/kernel/outcome.ts';
import { consistencyQuerySchema, inclusionQuerySchema } from './audit-schemas.ts';
import { invalidProblem, notFoundProblem, problem } from './problem.ts';

/** Routes that answer without signing in. */
export const PUBLIC_AUDIT_ROUTES = ['/api/v1/audit/public-key'];

export async function auditApiRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/audit/public-key', async (_request, reply) => {
    const k = auditPublicKey(deps);
    if (!k) return notFoundProblem(reply);
    return reply.header('cache-control', 'public, max-age=3600').send({ algorithm: 'Ed25519', ...k });
  });

  app.get('/audit/checkpoints/latest', async (request, reply) => {
    const r = await viewLatestAuditCheckpoint(deps, signedIn(request).actor);
    if (r.kind === 'not_found') return notFoundProblem(reply);
    if (r.kind !== 'ok') return problem(reply, 409, 'No checkpoint yet', 'The audit log has not been signed yet: try again in a second.');
    return reply.header('cache-control', 'no-store').send(r.value);
  });

  app.get<{ Params: { eventId: string } }>('/audit/events/:eventId/inclusion', async (request, reply) => {
    const { actor } = signedIn(request);
    if (!isAuditStaff(actor)) return notFoundProblem(reply);
    const { eventId } = request.params;
    const q = inclusionQuerySchema.safeParse(request.query);
    if (!q.success) return invalidProblem(reply, fieldErrors(q.error.issues));
    const r = await proveAuditInclusion(deps, actor, { eventId, treeSize: q.data.treeSize });
    if (r.kind === 'ok') return reply.header('cache-control', 'no-store').send(r.value);
    if (r.kind === 'invalid') return invalidProblem(reply, r.errors);
    if (r.kind === 'conflict') return problem(reply, 409, 'Not in a checkpoint yet', r.reason);
    return notFoundProblem(reply);
  });

  app.get('/audit/consistency', async (request, reply) => {
    const { actor } = signedIn(request);
    if (!isAuditStaff(actor)) return notFoundProblem(reply);
    const q = consistencyQuerySchema.safeParse(request.query);
    if (!q.success) return invalidProblem(reply, fieldErrors(q.error.issues));
    const r = await proveAuditConsistency(deps, actor, q.data);
    if (r.kind === 'invalid') return invalidProblem(reply, r.errors);
    if (r.kind !== 'ok') return notFoundProblem(reply);
    return reply.header('cache-control', 'no-store').send(r.value);
  });
}
