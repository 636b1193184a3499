import type { Scope } from '../../db/queries/scope.ts';
import type { Actor } from '../../domain/staff.ts';
import type { AuditActor } from './audit.ts';

export const auditActor = (a: Actor): AuditActor => ({
  partnershipId: a.partnershipId,
  userId: a.userId,
  agencyId: a.agencyId,
  via: a.via,
  correlationId: a.correlationId,
});

export const scopeOf = (a: Actor): Scope => ({ partnershipId: a.partnershipId, agencyId: a.agencyId });
