import type { Actor } from '../domain/staff.ts';
import type { StaffMember } from '../use-cases/accounts/load-staff-member.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';

export interface WebOptions {
  session: { secret: string; idleMinutes: number; maxHours: number; cookieSecure: boolean };
  /** Serve /stylesheets, /javascripts and /assets from here (built by `npm run build:assets`). */
  publicDir: string;
}

export interface AppDeps {
  deps: Deps;
  web: WebOptions;
  logger?: import('fastify').FastifyServerOptions['logger'];
}

export interface SessionAuth {
  userId: string;
  partnershipId: string;
  signedInAt: number;
  lastSeenAt: number;
}

/** A decision journey started from a request (answering it) or from received information (passing it on). */
export interface JourneyContext {
  requestId?: string;
  sourceDisclosureId?: string;
  /** For a request: the agency that asked, which the decision is about sharing with. */
  recipient?: { agencyId: string; name: string };
}

declare module 'fastify' {
  interface FastifyRequest {
    staff?: StaffMember;
    actor?: Actor;
    /** The signed-in person's unread notifications, for the navigation (counted once, when a page is rendered). */
    unreadNotifications?: () => Promise<number>;
  }
  interface Session {
    auth?: SessionAuth;
    journeys?: Record<string, { answers: Record<string, unknown>; known?: Record<string, unknown>; context?: JourneyContext }>;
    flash?: string;
    /** Credentials opened several partnerships' accounts; the person is choosing one. */
    choosing?: { accounts: import('../use-cases/accounts/sign-in.ts').Account[]; until: number };
  }
}
