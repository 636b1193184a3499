// The use cases' dependencies (Deps), built in one place from the configuration and an open
// database: for the server (src/main.ts), the CLI, the benchmarks and the tests. Overrides replace
// single parts (the tests fix the clock and bring their own keys, audit signer and protocol packs).
import { createNotifier } from './adapters/notifier.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { createAuditSigner } from './use-cases/kernel/audit-signing.ts';
import type { Deps } from './use-cases/kernel/deps.ts';
import { createPackRegistry } from './use-cases/kernel/packs.ts';
import { createKeyring } from './use-cases/kernel/sealing.ts';

/** The parts of the configuration the use cases depend on. */
export type DepsConfig = Pick<Config, 'keys' | 'login' | 'audit' | 'email' | 'publicUrl'>;

export function buildDeps(config: DepsConfig, database: Database, overrides: Partial<Deps> = {}): Deps {
  return {
    db: database.db,
    now: () => new Date(),
    keyring: createKeyring(config.keys.current, config.keys.all),
    login: config.login,
    // Filled when the protocol packs are synchronised (syncProtocolPacks).
    packs: createPackRegistry([]),
    auditSigner: createAuditSigner(config.audit.signingKey),
    notifier: createNotifier(config.email, config.publicUrl),
    publicUrl: config.publicUrl,
    ...overrides,
  };
}
