import type { Scope } from '../../db/queries/scope.ts';
import { mayWorkWithChildren } from '../../domain/people.ts';
import type { Actor } from '../../domain/staff.ts';
import type { AuditActor } from './audit.ts';

export const auditActor = (a: Actor): AuditActor => ({
  partnershipId: a.partnershipId,
  userId: a.userId,
  agencyId: a.agencyId,
  via: a.via,
  correlationId: a.correlationId,
});

/** The actor's scope: their partnership and agency, and whether their roles let them see children at all (ADR 0044). */
export const scopeOf = (a: Actor): Scope => ({ partnershipId: a.partnershipId, agencyId: a.agencyId, seesChildren: mayWorkWithChildren(a) });
