import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AuditSigner } from './audit-signing.ts';
import type { Notifier } from './notifier.ts';
import type { PackRegistry } from './packs.ts';
import type { Keyring } from './sealing.ts';

/** What every use case may use. Built once in the composition root (src/main.ts) or by tests. */
export interface Deps {
  db: Kysely<DB>;
  /** The clock is a dependency so that tests can fix time. */
  now: () => Date;
  keyring: Keyring;
  login: { maxAttempts: number; lockMinutes: number };
  /** The protocol packs this deployment knows (protocols/ and packs loaded for partnerships). */
  packs: PackRegistry;
  /** Signs the audit log's checkpoints (AUDIT_SIGNING_KEY); without it the log is sequenced but not signed. */
  auditSigner?: AuditSigner;
  /** Delivers e-mails from the outbox (EMAIL_NOTIFIER); without it they are kept in the local outbox. */
  notifier?: Notifier;
  /** Concord's own address (PUBLIC_URL), for links in e-mails: never taken from a request's Host header. */
  publicUrl?: string;
}

export type Tx = Transaction<DB>;
