// `concord break-glass …`: the agency's use of emergency (break-glass) access, for its IG lead,
// safeguarding lead, SPoC, Caldicott guardian and administrators to review (ADR 0050).
//   concord break-glass list --as EMAIL [--partnership NAME|ID]      requests by the agency's staff and grants on its children, newest first
//   concord break-glass show ID --as EMAIL [--partnership NAME|ID]   one request: reason, grant, review (JSON)
// Every read is audited as the person named, via the CLI; anyone else is refused (exit code 2).
import type { Command } from 'commander';
import { mayOverseeBreakGlass } from '../domain/break-glass.ts';
import { listBreakGlass } from '../use-cases/break-glass/list-break-glass.ts';
import { viewBreakGlass } from '../use-cases/break-glass/view-break-glass.ts';
import type { Io } from './audit.ts';
import { commandKit } from './commands.ts';
import { formatTable, type OpenDeps, openConfiguredDeps, time } from './outbox.ts';

export function registerBreakGlassCommands(program: Command, io: Io, open: OpenDeps = openConfiguredDeps): void {
  const { run, as } = commandKit(io, open);
  const breakGlass = program.command('break-glass').description('Emergency (break-glass) access to children’s records: review its use');

  breakGlass
    .command('list')
    .description('Requests by the agency’s staff and emergency access given on children it holds a record for, newest first')
    .requiredOption('--as <email>', 'act as this member of staff (a lead, the Caldicott guardian or an administrator)')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .action(async (opts: { as: string; partnership?: string }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        if (!mayOverseeBreakGlass(actor)) {
          io.stderr(`${opts.as} does not review emergency access: only the agency’s leads, Caldicott guardian and administrators do.\n`);
          return 2;
        }
        const r = await listBreakGlass(deps, actor);
        if (r.kind !== 'ok') return 2;
        if (!r.value.length) {
          io.stderr('No emergency access has been asked for or given.\n');
          return 0;
        }
        io.stdout(
          formatTable(
            ['ID', 'ASKED', 'BY', 'AGENCY', 'STATUS', 'ENDS', 'REVIEW'],
            r.value.map((b) => [b.id, time(b.requestedAt), b.requestedByName, b.agencyName, b.status, time(b.expiresAt), b.reviewOutcome ?? (b.awaitingOurReview ? 'to review' : '')]),
          ),
        );
        return 0;
      }),
    );

  breakGlass
    .command('show')
    .description('One request for emergency access with its reason, grant and review, as JSON')
    .argument('<id>', 'the request id (from `concord break-glass list`)')
    .requiredOption('--as <email>', 'act as this member of staff')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .action(async (id: string, opts: { as: string; partnership?: string }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = await viewBreakGlass(deps, actor, id);
        if (r.kind !== 'ok') {
          io.stderr(`No request for emergency access ${id} that ${opts.as} may see.\n`);
          return 2;
        }
        const { rule: _rule, ...view } = r.value;
        io.stdout(`${JSON.stringify(view, null, 2)}\n`);
        return 0;
      }),
    );
}
