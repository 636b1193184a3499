// Resolve who is signed in from the server-side session, enforcing the idle and absolute
// time-outs, and bind the request to an Actor for the use cases.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../domain/staff.ts';
import { countUnreadNotifications } from '../use-cases/notifications/count-unread-notifications.ts';
import { loadStaffMember, type StaffMember } from '../use-cases/accounts/load-staff-member.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';
import type { WebOptions } from './types.ts';

export function actorFor(staff: StaffMember, via: Actor['via'], correlationId: string): Actor {
  return { userId: staff.userId, partnershipId: staff.partnershipId, agencyId: staff.agencyId, roles: staff.roles, via, correlationId };
}

/** onRequest-time: attach request.staff / request.actor when the session is signed in and fresh. */
export async function resolveSessionUser(deps: Deps, options: WebOptions, request: FastifyRequest, via: Actor['via']): Promise<'ok' | 'none' | 'expired'> {
  const auth = request.session?.auth;
  if (!auth) return 'none';
  const now = deps.now().getTime();
  const idle = now - auth.lastSeenAt > options.session.idleMinutes * 60_000;
  const tooOld = now - auth.signedInAt > options.session.maxHours * 3_600_000;
  if (idle || tooOld) {
    await request.session.destroy();
    return 'expired';
  }
  const staff = await loadStaffMember(deps, auth.partnershipId, auth.userId);
  if (!staff) {
    await request.session.destroy();
    return 'expired';
  }
  // Touch at most once a minute so that reading pages does not write on every request.
  if (now - auth.lastSeenAt > 60_000) request.session.auth = { ...auth, lastSeenAt: now };
  request.staff = staff;
  request.actor = actorFor(staff, via, request.id);
  if (via === 'web') {
    let unread: Promise<number> | undefined;
    request.unreadNotifications = () => (unread ??= countUnreadNotifications(deps, staff));
  }
  return 'ok';
}

export function requireSignIn(request: FastifyRequest, reply: FastifyReply): Actor | undefined {
  if (request.actor) return request.actor;
  void reply.redirect('/sign-in');
  return undefined;
}
