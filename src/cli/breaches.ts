// `concord breaches …`: the breach register from the command line, for a named member of staff.
//   concord breaches list --as EMAIL [--partnership NAME|ID]          the register they may see
//   concord breaches show ID --as EMAIL [--partnership NAME|ID]       one breach: clocks and history (JSON)
//   concord breaches report --as EMAIL --file report.json             report one (JSON in, as the API takes)
//   concord breaches clocks                                           send due reminders and escalations now (the job runs every five minutes)
// Every read and step is audited as the person named, via the CLI.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { listBreachRegister } from '../use-cases/breaches/list-breaches.ts';
import { reportBreach } from '../use-cases/breaches/report-breach.ts';
import { runBreachClocks } from '../use-cases/breaches/run-breach-clocks.ts';
import { viewBreach } from '../use-cases/breaches/view-breach.ts';
import type { Io } from './audit.ts';
import { commandKit } from './commands.ts';
import { formatTable, type OpenDeps, openConfiguredDeps, time } from './outbox.ts';

export function registerBreachCommands(program: Command, io: Io, open: OpenDeps = openConfiguredDeps): void {
  const { run, as } = commandKit(io, open);
  const breaches = program.command('breaches').description('The breach and incident register');

  breaches
    .command('list')
    .description('The breaches a member of staff may see, newest first')
    .requiredOption('--as <email>', 'act as this member of staff')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .action(async (opts: { as: string; partnership?: string }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = await listBreachRegister(deps, actor);
        if (!r.rows.length) {
          io.stderr('No breaches.\n');
          return 0;
        }
        io.stdout(
          formatTable(
            ['ID', 'REPORTED', 'STATUS', 'SEVERITY', 'LEAD AGENCY', 'NEXT DUE', 'OVERDUE'],
            r.rows.map((b) => [
              b.id,
              time(b.reported_at),
              b.status,
              b.severity ?? '',
              b.lead_agency_name,
              b.closed_at ? '' : time(b.next_due_at ? new Date(b.next_due_at) : null),
              b.closed_at ? '0' : String(b.overdue_clocks ?? 0),
            ]),
          ),
        );
        return 0;
      }),
    );

  breaches
    .command('show')
    .description('One breach with its clocks and history, as JSON')
    .argument('<id>', 'the breach id (from `concord breaches list`)')
    .requiredOption('--as <email>', 'act as this member of staff')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .action(async (id: string, opts: { as: string; partnership?: string }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = await viewBreach(deps, actor, id);
        if (r.kind !== 'ok') {
          io.stderr(`No breach ${id} that ${opts.as} may see.\n`);
          return 2;
        }
        io.stdout(`${JSON.stringify(r.value, null, 2)}\n`);
        return 0;
      }),
    );

  breaches
    .command('report')
    .description('Report a breach from a JSON file: {what, how, identifiedAt, occurredAt?, childIds?, disclosureIds?}')
    .requiredOption('--as <email>', 'act as this member of staff')
    .requiredOption('-f, --file <path>', 'the report (JSON)')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .action(async (opts: { as: string; file: string; partnership?: string }) =>
      run(async (deps) => {
        let input: unknown;
        try {
          input = JSON.parse(await readFile(opts.file, 'utf8'));
        } catch {
          io.stderr(`${opts.file} is not a readable JSON file.\n`);
          return 2;
        }
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = await reportBreach(deps, actor, input);
        if (r.kind === 'invalid') {
          io.stderr(`The breach was not reported:\n${r.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}\n`);
          return 2;
        }
        if (r.kind !== 'ok') {
          io.stderr('The breach was not reported.\n');
          return 2;
        }
        io.stdout(`Reported breach ${r.value.breachId}.\n`);
        return 0;
      }),
    );

  breaches
    .command('clocks')
    .description('Send the reminders and escalations that are due now (the job does this every five minutes)')
    .action(async () =>
      run(async (deps) => {
        const r = await runBreachClocks(deps);
        io.stdout(`Reminded ${r.reminded}, escalated ${r.escalated}.\n`);
        return 0;
      }),
    );
}
