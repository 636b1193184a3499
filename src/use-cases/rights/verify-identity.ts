// Record the requester's identity and authority — parental responsibility, or the authority of a
// child competent to decide — which starts the clock: one calendar month from the later of receipt
// and the date identity was confirmed (UK GDPR Art. 12A(2), DUAA 2025).

import { type RequesterKind, verifyErrors, verifySchema } from '../../domain/rights.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { sealAs, unsealAs } from '../kernel/sealed.ts';
import { rightsStep } from './_steps.ts';

export const verifyIdentity = (deps: Deps, actor: Actor, requestId: string, input: unknown) =>
  rightsStep(deps, actor, requestId, input, {
    action: 'rights-request.identity-verified',
    event: 'verify',
    schema: verifySchema,
    async run({ row, input: v, now }) {
      const errors = verifyErrors(v, { requesterKind: row.requester_kind as RequesterKind, receivedAt: row.received_at }, now);
      if (errors.length) return { errors };
      const sealed = unsealAs(deps.keyring, 'rights-request', row.id, row.sealed);
      return {
        patch: {
          verified_at: v.verifiedAt,
          authority_basis: v.basis,
          child_competent: v.childCompetent ?? null,
          sealed: JSON.stringify(sealAs(deps.keyring, 'rights-request', row.id, { ...sealed, evidence: v.evidence })),
        },
        details: { basis: v.basis, childCompetent: v.childCompetent ?? null, verifiedAt: v.verifiedAt.toISOString() },
      };
    },
  });
