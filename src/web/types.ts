import type { Actor } from '../domain/staff.ts';
import type { StaffMember } from '../use-cases/load-staff-member.ts';
import type { Deps } from '../use-cases/shared/deps.ts';

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

declare module 'fastify' {
  interface FastifyRequest {
    staff?: StaffMember;
    actor?: Actor;
  }
  interface Session {
    auth?: SessionAuth;
    journeys?: Record<string, { answers: Record<string, unknown>; known?: Record<string, unknown> }>;
    flash?: string;
    /** Credentials opened several partnerships' accounts; the person is choosing one. */
    choosing?: { accounts: import('../use-cases/sign-in.ts').Account[]; until: number };
  }
}
