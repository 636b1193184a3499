// The `concord` command: administration and integration over the same use cases as the web app.
//   concord decide --file answers.json [--pack id@version|pack.yaml]
//                                          run the decision engine (JSON in, JSON out)
//   concord migrate                        apply database migrations
//   concord demo                           load the demo partnership (idempotent)
//   concord audit …                        the tamper-evident audit log (see ./audit.ts)
//   concord outbox …                       the e-mail outbox (see ./outbox.ts)
//   concord disputes|complaints|register … deadlines, reminders and the central register's trend (see ./registers.ts)
//   concord breaches …                     the breach register (see ./breaches.ts)
//   concord staff …                        staff, roles, checks and training; CSV import (see ./staff.ts)
//   concord agreement …                    the agreement register (see ./agreements.ts)
//   concord retention …                    retention review, disposal and certificates (see ./retention.ts)

import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { loadDemoPartnership } from '../demo.ts';
import { loadPacksDir } from '../use-cases/kernel/packs.ts';
import { totpCode } from '../use-cases/kernel/totp.ts';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoPartnerships } from '../use-cases/partnerships/_demo-data.ts';

export const PACKS_DIR = fileURLToPath(new URL('../../protocols', import.meta.url));

import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { AGENCY_KINDS, SECTORS } from '../domain/staff.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';
import { formatPackErrors, readPackFile } from '../use-cases/kernel/pack-files.ts';
import { createPartnership } from '../use-cases/partnerships/create-partnership.ts';
import { syncProtocolPacks } from '../use-cases/partnerships/sync-protocol-packs.ts';
import { registerAgreementCommands } from './agreements.ts';
import { registerAuditCommands } from './audit.ts';
import { registerBreachCommands } from './breaches.ts';
import { registerBreakGlassCommands } from './break-glass.ts';
import { DEFAULT_PACK, runDecide } from './decide.ts';
import { registerDecisionCommands } from './decisions.ts';
import { openCliDeps } from './deps.ts';
import { refuseControlCharacters } from './input.ts';
import { registerOutboxCommands } from './outbox.ts';
import { registerRegisterCommands } from './registers.ts';
import { registerRetentionCommands } from './retention.ts';
import { registerRightsCommands } from './rights.ts';
import { registerStaffCommands } from './staff.ts';

const io = { stdout: (s: string) => process.stdout.write(s), stderr: (s: string) => process.stderr.write(s) };

async function withDatabase<T>(fn: (deps: Deps) => Promise<T>): Promise<T> {
  const { deps, close } = await openCliDeps();
  try {
    await syncProtocolPacks(deps, await loadPacksDir(PACKS_DIR));
    return await fn(deps);
  } finally {
    await close();
  }
}

export function buildCli(): Command {
  const program = new Command('concord').description('Concord: multi-agency information sharing to safeguard children').showHelpAfterError();
  refuseControlCharacters(program, io);

  program
    .command('decide')
    .description('Ask the decision engine whether and how to share. Reads answers as JSON, prints the decision as JSON.')
    .requiredOption('-f, --file <path>', 'answers file, or - for standard input')
    .option('-p, --pack <pack>', 'the protocol pack: id@version from protocols/, or a pack file (YAML)', DEFAULT_PACK)
    .action(async (opts: { file: string; pack: string }) => {
      process.exitCode = await runDecide({ ...opts, packsDir: PACKS_DIR }, io);
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
      await withDatabase(async (deps) => {
        for (const d of demoPartnerships) {
          const result = await loadDemoPartnership(deps, d, DEMO_PASSWORD);
          io.stdout(result.created ? `Loaded "${d.name}".\n` : `"${d.name}" is already loaded.\n`);
        }
      });
      io.stdout(`Demo password for every account: ${DEMO_PASSWORD}\n`);
      io.stdout(`Demo authenticator key for every account: ${DEMO_TOTP_SECRET} (or run \`concord demo-code\`)\n`);
    });

  program
    .command('demo-code')
    .description("Print the demo accounts' current authenticator code (the demo's documented key; demo data only)")
    .action(async () => {
      io.stdout(`${await totpCode(DEMO_TOTP_SECRET, new Date())}\n`);
    });

  const partnership = program.command('partnership').description('Manage partnerships');
  partnership
    .command('create')
    .description('Validate a protocol pack and create a partnership on it, with its agencies and a first administrator')
    .requiredOption('--pack <file>', 'the protocol pack (YAML); it may extend a pack in protocols/')
    .requiredOption('--slug <slug>', 'short name, e.g. "northbridge"')
    .requiredOption('--name <name>', "the partnership's name")
    .requiredOption('--agency <name|sector|kind...>', `an agency, repeatable: "Name|sector|kind" (sector: ${SECTORS.join(', ')}; kind: ${AGENCY_KINDS.join(', ')})`)
    .requiredOption('--admin-email <email>', "the first administrator's e-mail address")
    .requiredOption('--admin-name <name>', "the first administrator's name")
    .option('--admin-agency <n>', 'which --agency the administrator belongs to (1 = first)', '1')
    .action(async (opts: { pack: string; slug: string; name: string; agency: string[]; adminEmail: string; adminName: string; adminAgency: string }) => {
      const read = await readPackFile(path.resolve(opts.pack), PACKS_DIR);
      if (!read.ok) {
        io.stderr(`The protocol pack is not valid:\n${formatPackErrors(read.errors)}\n`);
        process.exitCode = 2;
        return;
      }
      const password = randomBytes(18).toString('base64url');
      const agencies = opts.agency.map((a) => {
        const [name = '', sector = '', kind = ''] = a.split('|').map((x) => x.trim());
        return { name, sector, kind };
      });
      const result = await withDatabase((deps) =>
        createPartnership(
          deps,
          read.pack,
          {
            slug: opts.slug,
            name: opts.name,
            agencies,
            administrator: { email: opts.adminEmail, displayName: opts.adminName, agency: Number(opts.adminAgency) - 1, password },
          },
          randomUUID(),
        ),
      );
      if (result.kind === 'invalid') {
        io.stderr(`The partnership was not created:\n${result.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}\n`);
        process.exitCode = 2;
        return;
      }
      if (result.kind !== 'ok') {
        io.stderr(`The partnership was not created: ${result.kind === 'conflict' ? result.reason : result.kind}\n`);
        process.exitCode = 2;
        return;
      }
      io.stdout(
        [
          `Created "${opts.name}" on protocol ${result.value.pack} with ${result.value.agencyIds.length} agencies.`,
          `Administrator: ${opts.adminEmail.toLowerCase()}  one-time password: ${password}`,
          'Give the password to the administrator securely; they should change it when they first sign in.',
          '',
        ].join('\n'),
      );
    });

  registerAuditCommands(program, io);
  registerOutboxCommands(program, io);
  registerRegisterCommands(program, io);
  registerBreachCommands(program, io);
  registerRightsCommands(program, io);
  registerBreakGlassCommands(program, io);
  registerDecisionCommands(program, io);
  registerStaffCommands(program, io);
  registerAgreementCommands(program, io);
  registerRetentionCommands(program, io);

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
    // Already explained on stderr by refuseControlCharacters (./input.ts).
    if ((e as { code?: string }).code === 'concord.input') return;
    throw e;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv);
