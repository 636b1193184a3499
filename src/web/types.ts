import type { SessionSettings } from '../http/auth.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';

export interface WebOptions {
  session: SessionSettings;
  /** Serve /stylesheets, /javascripts and /assets from here (built by `npm run build:assets`). */
  publicDir: string;
  /** Reverse proxies whose X-Forwarded-* headers are believed (config TRUST_PROXY); none by default. */
  trustProxy?: readonly string[];
  /** Calls to the JSON API per minute from one client address (config API_RATE_LIMIT); none when absent or 0. */
  apiRateLimit?: number;
}

export interface AppDeps {
  deps: Deps;
  web: WebOptions;
  logger?: import('fastify').FastifyServerOptions['logger'];
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
    /** The signed-in person's unread notifications, for the navigation (counted once, when a page is rendered). */
    unreadNotifications?: () => Promise<number>;
  }
  interface Session {
    /** Decision journeys in progress, by child; `pack` is the protocol version the journey started under (ADR 0088);
     *  `record`: the record step's fields, kept when the person changes their decision before recording, so the page can be worded for it. */
    journeys?: Record<string, { answers: Record<string, unknown>; known?: Record<string, unknown>; context?: JourneyContext; pack?: string; record?: Record<string, string> }>;
    flash?: string;
    /** A secret (a new API key, recovery codes), sealed, to be shown once on the next page and then forgotten (src/web/shown-once.ts). */
    shownOnce?: { what: import('./shown-once.ts').ShownOnceKind; sealed: string; about: Record<string, string> };
    /** Something the person must know on the next page (not a success), e.g. an expired search. */
    notice?: string;
    /** Credentials opened several partnerships' accounts; the person is choosing one. */
    choosing?: { accounts: import('../use-cases/accounts/sign-in.ts').Account[]; until: number };
  }
}
