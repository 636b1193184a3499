// The CLI's dependencies, from configuration: the database (migrated), the keys, the audit signer
// and the notifier — built in one place for every command.
import { createNotifier } from '../adapters/notifier.ts';
import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createAuditSigner } from '../use-cases/kernel/audit-signing.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';
import { createPackRegistry } from '../use-cases/kernel/packs.ts';
import { createKeyring } from '../use-cases/kernel/sealing.ts';

export interface CliDeps {
  deps: Deps;
  database: Database;
  config: Config;
  close: () => Promise<void>;
}

export async function openCliDeps(): Promise<CliDeps> {
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
  } catch (e) {
    await database.close();
    throw e;
  }
  return {
    deps: {
      db: database.db,
      now: () => new Date(),
      keyring: createKeyring(config.keys.current, config.keys.all),
      login: config.login,
      packs: createPackRegistry([]),
      auditSigner: createAuditSigner(config.audit.signingKey),
      notifier: createNotifier(config.email, config.publicUrl),
    },
    database,
    config,
    close: () => database.close(),
  };
}
