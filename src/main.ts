// The composition root: configuration → database → migrations → demo data → dependencies →
// web application and jobs. Nothing else reads the environment.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { partnershipPackBySlug } from './db/queries/partnerships.ts';
import { loadDemoPartnership } from './demo.ts';
import { buildDeps } from './deps.ts';
import { ROLES, type Role, roleLabels } from './domain/staff.ts';
import { startJobs } from './jobs/index.ts';
import { loggerOptions } from './logging.ts';
import { loadPacksDir } from './use-cases/kernel/packs.ts';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoPartnerships } from './use-cases/partnerships/_demo-data.ts';
import { syncProtocolPacks } from './use-cases/partnerships/sync-protocol-packs.ts';

/** What each role does in the demo, printed beside it. */
const DEMO_ROLE_NOTES: Partial<Record<Role, string>> = {
  spoc: ' (triage requests, receive information)',
  ig_lead: ' (audit log, access logs, breaches)',
  administrator: ' (/staff: staff, roles, checks and training; sees no child)',
  partnership_manager: ' (/agencies and every agency’s staff; sees no child)',
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  let config: Config;
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
  const deps = buildDeps(config, database);
  await syncProtocolPacks(deps, await loadPacksDir(path.join(root, 'protocols')));
  const demo = [];
  if (config.demoData) for (const d of demoPartnerships) demo.push({ d, ...(await loadDemoPartnership(deps, d, DEMO_PASSWORD)) });

  const app = await createApp({
    deps,
    web: { session: config.session, publicDir: path.join(root, 'public'), trustProxy: config.trustProxy, apiRateLimit: config.apiRateLimit },
    logger: loggerOptions(config.logLevel),
  });
  const jobs = config.jobs ? await startJobs(deps, database) : undefined;
  await app.listen({ host: config.host, port: config.port });

  const where = database.kind === 'pglite' ? `PGlite (${config.databaseUrl.replace('pglite://', '')})` : 'PostgreSQL';
  const lines = [
    '',
    `Concord is running at http://localhost:${config.port} on ${where}.`,
    applied.length ? `Applied ${applied.length} database migration(s).` : 'The database is up to date.',
    config.email.notifier === 'govuk-notify' ? 'E-mails are sent through GOV.UK Notify.' : 'E-mails are not sent: they are kept in the outbox (administrators: /outbox, or `npx concord outbox list`).',
  ];
  if (demo.length) {
    lines.push(`Demo partnerships: ${demo.map(({ d, created }) => `"${d.name}"${created ? ' (loaded now)' : ''}`).join(' and ')}.`, '');
    for (const { d } of demo) {
      const line = (s: (typeof d.staff)[number]) => `    ${s.email.padEnd(34)} ${s.displayName}, ${s.jobTitle}`;
      // Every role's accounts (a person with several roles is listed under each).
      lines.push(`${d.name} (protocol ${(await partnershipPackBySlug(deps.db, d.slug)) ?? ''}):`);
      for (const role of ROLES) {
        const holders = d.staff.filter((s) => s.roles.includes(role));
        if (holders.length) lines.push(`  ${roleLabels[role]}${DEMO_ROLE_NOTES[role] ?? ''}:`, ...holders.map(line));
      }
    }
    lines.push(
      '',
      `Open http://localhost:${config.port} and sign in with any of these. Password for every demo account: ${DEMO_PASSWORD}`,
      `Every account signs in with a second factor. Demo authenticator key (add it to an authenticator app with "enter a key"): ${DEMO_TOTP_SECRET}`,
      'or print the current code with `npx concord demo-code`.',
      'PC Penny Patrol works in both partnerships and chooses one after signing in. All demo people and records are fictional.',
      'Stop with Ctrl+C.',
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
