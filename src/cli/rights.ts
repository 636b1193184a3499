// `concord rights …`: an agency's rights requests from the command line, for its IG lead.
//   concord rights list --as EMAIL [--partnership NAME|ID]       the agency's requests with each deadline
//   concord rights show ID --as EMAIL [--partnership NAME|ID]    one request: clock, history, what is held (JSON)
// Every read is audited as the person named, via the CLI; anyone else is refused (exit code 2).
import type { Command } from 'commander';
import { listRightsRequestsFor } from '../use-cases/rights/list-rights-requests.ts';
import { viewRightsRequest } from '../use-cases/rights/view-rights-request.ts';
import type { Io } from './audit.ts';
import { commandKit } from './commands.ts';
import { formatTable, type OpenDeps, openConfiguredDeps, time } from './outbox.ts';

export function registerRightsCommands(program: Command, io: Io, open: OpenDeps = openConfiguredDeps): void {
  const { run, as } = commandKit(io, open);
  const rights = program.command('rights').description('Rights requests (subject access, rectification, erasure, restriction, objection, FOI)');

  rights
    .command('list')
    .description('The agency’s rights requests, newest first, with each deadline')
    .requiredOption('--as <email>', 'act as this member of staff (an IG lead)')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .action(async (opts: { as: string; partnership?: string }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = await listRightsRequestsFor(deps, actor);
        if (r.kind !== 'ok') {
          io.stderr(`${opts.as} does not handle rights requests: only an information governance lead does.\n`);
          return 2;
        }
        if (!r.value.length) {
          io.stderr('No rights requests.\n');
          return 0;
        }
        io.stdout(
          formatTable(
            ['ID', 'RECEIVED', 'KIND', 'REQUESTER', 'STATUS', 'DUE', 'OUTCOME'],
            r.value.map((q) => [q.id, time(q.received_at), q.kind, q.requester_kind, q.status, time(q.due_at), q.outcome ?? '']),
          ),
        );
        return 0;
      }),
    );

  rights
    .command('show')
    .description('One rights request with its clock, history and (for access) what is held, as JSON')
    .argument('<id>', 'the request id (from `concord rights list`)')
    .requiredOption('--as <email>', 'act as this member of staff (an IG lead)')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .action(async (id: string, opts: { as: string; partnership?: string }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = await viewRightsRequest(deps, actor, id);
        if (r.kind !== 'ok') {
          io.stderr(`No rights request ${id} that ${opts.as} may see.\n`);
          return 2;
        }
        io.stdout(`${JSON.stringify(r.value, null, 2)}\n`);
        return 0;
      }),
    );
}
