// Who is signed in, for the web pages and the JSON API alike: the server-side session (enforcing
// its idle and absolute time-outs) or a bearer API key, resolved into the staff member and the
// Actor the use cases act for.
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../domain/staff.ts';
import { authenticateApiKey } from '../use-cases/accounts/authenticate-api-key.ts';
import { loadStaffMember, type StaffMember } from '../use-cases/accounts/load-staff-member.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';

export interface SessionSettings {
  secret: string;
  idleMinutes: number;
  maxHours: number;
  cookieSecure: boolean;
}

/** What the session keeps about who signed in, and when. */
export interface SessionAuth {
  userId: string;
  partnershipId: string;
  signedInAt: number;
  lastSeenAt: number;
  /** When the second factor was last proved (sign-in or step-up): sensitive actions need it recent (ADR 0017). */
  mfaAt?: number;
  /** The partnerships whose accounts the password opened at sign-in: the header offers a switch between them (ADR 0076). */
  partnerships?: string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    staff?: StaffMember;
    actor?: Actor;
  }
  interface Session {
    auth?: SessionAuth;
  }
}

export function actorFor(staff: StaffMember, via: Actor['via'], correlationId: string): Actor {
  return { userId: staff.userId, partnershipId: staff.partnershipId, agencyId: staff.agencyId, roles: staff.roles, via, correlationId };
}

function attach(request: FastifyRequest, staff: StaffMember, via: Actor['via']) {
  request.staff = staff;
  request.actor = actorFor(staff, via, request.id);
}

/** Attach request.staff / request.actor when the session is signed in and fresh. */
export async function resolveSessionUser(deps: Deps, session: Pick<SessionSettings, 'idleMinutes' | 'maxHours'>, request: FastifyRequest, via: Actor['via']): Promise<'ok' | 'none' | 'expired'> {
  const auth = request.session?.auth;
  if (!auth) return 'none';
  const now = deps.now().getTime();
  const idle = now - auth.lastSeenAt > session.idleMinutes * 60_000;
  const tooOld = now - auth.signedInAt > session.maxHours * 3_600_000;
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
  attach(request, staff, via);
  return 'ok';
}

/** Attach request.staff / request.actor for an "Authorization: Bearer <key>" header: 'none' without
 *  the header, 'refused' when the key is not valid, the reason when a valid key's agency is refused. */
export async function resolveApiKey(deps: Deps, request: FastifyRequest): Promise<'ok' | 'none' | 'refused' | { refusal: string }> {
  const authorization = request.headers.authorization;
  if (!authorization) return 'none';
  const m = /^Bearer\s+(\S+)$/i.exec(authorization);
  const staff = m ? await authenticateApiKey(deps, m[1]!) : undefined;
  if (!staff) return 'refused';
  if ('refusal' in staff) return staff;
  attach(request, staff, 'api');
  return 'ok';
}

export interface SignedIn {
  actor: Actor;
  staff: StaffMember;
}

/** The signed-in person, in a route behind sign-in (the web's `signInRequired` journeys, the API). */
export function signedIn(request: FastifyRequest): SignedIn {
  const { actor, staff } = request;
  if (!actor || !staff) throw new Error(`${request.routeOptions.url ?? request.url} is not behind sign-in`);
  return { actor, staff };
}
