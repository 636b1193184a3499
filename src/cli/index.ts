// The `concord` command: administration and integration over the same use cases as the web app.
//   concord decide --file answers.json     run the decision engine (JSON in, JSON out)
//   concord migrate                        apply database migrations
//   concord demo                           load the demo partnership (idempotent)
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { DEMO_PASSWORD, demoPartnership } from '../use-cases/demo-data.ts';
import { loadDemoPartnership } from '../use-cases/load-demo-partnership.ts';
import { createPackRegistry, loadPacksDir } from '../use-cases/shared/packs.ts';
import { createKeyring } from '../use-cases/shared/sealing.ts';
import { fileURLToPath } from 'node:url';

export const PACKS_DIR = fileURLToPath(new URL('../../protocols', import.meta.url));
import { runDecide } from './decide.ts';

const io = { stdout: (s: string) => process.stdout.write(s), stderr: (s: string) => process.stderr.write(s) };

async function withDatabase<T>(fn: (deps: import('../use-cases/shared/deps.ts').Deps) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
    const packs = createPackRegistry(await loadPacksDir(PACKS_DIR));
    return await fn({ db: database.db, now: () => new Date(), keyring: createKeyring(config.keys.current, config.keys.all), login: config.login, packs });
  } finally {
    await database.close();
  }
}

export function buildCli(): Command {
  const program = new Command('concord').description('Concord: multi-agency information sharing to safeguard children').showHelpAfterError();

  program
    .command('decide')
    .description('Ask the decision engine whether and how to share. Reads answers as JSON, prints the decision as JSON.')
    .requiredOption('-f, --file <path>', 'answers file, or - for standard input')
    .action(async (opts: { file: string }) => {
      process.exitCode = await runDecide(opts, io);
    });

  program
    .command('migrate')
    .description('Apply database migrations to DATABASE_URL')
    .action(async () => {
      const config = loadConfig();
      const database = await openDatabase(config.databaseUrl);
      try {
        const applied = await migrateToLatest(database.db);
        io.stdout(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
      } finally {
        await database.close();
      }
    });

  program
    .command('demo')
    .description('Load the demo partnership with fictional agencies, staff and children (does nothing if it exists)')
    .action(async () => {
      const result = await withDatabase((deps) => loadDemoPartnership(deps, demoPartnership, DEMO_PASSWORD));
      io.stdout(result.created ? `Loaded "${demoPartnership.name}". Demo password: ${DEMO_PASSWORD}\n` : `"${demoPartnership.name}" is already loaded.\n`);
    });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`${e.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw e;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv);
