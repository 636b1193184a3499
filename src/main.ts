// The composition root: configuration → database → migrations → demo data → dependencies →
// web application and jobs. Nothing else reads the environment.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { startJobs } from './jobs/index.ts';
import { loggerOptions } from './logging.ts';
import { DEMO_PASSWORD, demoPartnership } from './use-cases/demo-data.ts';
import { loadDemoPartnership } from './use-cases/load-demo-partnership.ts';
import { createPackRegistry, loadPacksDir } from './use-cases/shared/packs.ts';
import { createKeyring } from './use-cases/shared/sealing.ts';
import type { Deps } from './use-cases/shared/deps.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const database = await openDatabase(config.databaseUrl);
  const applied = await migrateToLatest(database.db);
  const deps: Deps = {
    db: database.db,
    now: () => new Date(),
    keyring: createKeyring(config.keys.current, config.keys.all),
    login: config.login,
    packs: createPackRegistry(await loadPacksDir(path.join(root, 'protocols'))),
  };
  let demo: Awaited<ReturnType<typeof loadDemoPartnership>> | undefined;
  if (config.demoData) demo = await loadDemoPartnership(deps, demoPartnership, DEMO_PASSWORD);

  const app = await createApp({ deps, web: { session: config.session, publicDir: path.join(root, 'public') }, logger: loggerOptions(config.logLevel) });
  const jobs = config.jobs ? await startJobs(deps, database) : undefined;
  await app.listen({ host: config.host, port: config.port });

  const where = database.kind === 'pglite' ? `PGlite (${config.databaseUrl.replace('pglite://', '')})` : 'PostgreSQL';
  const lines = [
    '',
    `Concord is running at http://localhost:${config.port} on ${where}.`,
    applied.length ? `Applied ${applied.length} database migration(s).` : 'The database is up to date.',
  ];
  if (demo) {
    lines.push(
      demo.created ? `Loaded the demo partnership "${demoPartnership.name}".` : `Demo partnership: "${demoPartnership.name}".`,
      '',
      `Open http://localhost:${config.port} and sign in as one of these practitioners:`,
      ...demoPartnership.staff.filter((s) => s.roles.includes('practitioner')).map((s) => `  ${s.email.padEnd(34)} ${s.displayName}, ${s.jobTitle}`),
      `Password for every demo account: ${DEMO_PASSWORD}`,
      'All demo people and records are fictional. Stop with Ctrl+C.',
    );
  }
  console.log(lines.join('\n'));

  const stop = async () => {
    await app.close();
    await jobs?.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
