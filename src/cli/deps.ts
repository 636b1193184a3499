// The CLI's dependencies, from configuration: the database (migrated) and the use cases' Deps
// (buildDeps: the keys, the audit signer and the notifier) — opened in one place for every command.
import { type Config, loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { buildDeps } from '../deps.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';

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
    deps: buildDeps(config, database),
    database,
    config,
    close: () => database.close(),
  };
}
