// `concord decisions …`: a recorded decision after it is recorded, for a named member of staff.
//   concord decisions show ID --as EMAIL                         the decision and its state (JSON)
//   concord decisions approve ID --as EMAIL [--note TEXT]        a designated manager approves sharing against the advice
//   concord decisions refuse ID --as EMAIL --note TEXT           … or refuses it, with reasons (Haringey 2006 s.4.6)
//   concord decisions withdraw ID --as EMAIL --reason TEXT       withdraw a decision to share before anything is sent
// Every read and step is audited as the person named, via the CLI. Bad input: a message on stderr, exit code 2.
import type { Command } from 'commander';
import { approveDeparture } from '../use-cases/decisions/approve-departure.ts';
import { viewDecision } from '../use-cases/decisions/view-decision.ts';
import { withdrawDecision } from '../use-cases/decisions/withdraw-decision.ts';
import type { Outcome } from '../use-cases/kernel/outcome.ts';
import type { Io } from './audit.ts';
import { commandKit } from './commands.ts';
import { type OpenDeps, openConfiguredDeps } from './outbox.ts';

type Who = { as: string; partnership?: string };

export function registerDecisionCommands(program: Command, io: Io, open: OpenDeps = openConfiguredDeps): void {
  const { run, as } = commandKit(io, open);
  /** A step's outcome as a message and an exit code. */
  const report = (id: string, who: string, r: Outcome<unknown>, done: string, flags: Record<string, string> = {}) => {
    if (r.kind === 'ok') {
      io.stdout(`${done}\n`);
      return 0;
    }
    if (r.kind === 'invalid') io.stderr(`Not recorded:\n${r.errors.map((e) => `  ${flags[e.path] ?? e.path}: ${e.message}`).join('\n')}\n`);
    else if (r.kind === 'conflict') io.stderr(`Not recorded: ${r.reason}\n`);
    else io.stderr(`No decision ${id} that ${who} may act on.\n`);
    return 2;
  };
  const decisions = program.command('decisions').description('Recorded sharing decisions: approval of sharing against the advice, withdrawal');
  const withWho = (c: Command) =>
    c.argument('<id>', 'the decision id').requiredOption('--as <email>', 'act as this member of staff').option('--partnership <name>', 'their partnership, if they work in several (name or id)');

  withWho(decisions.command('show').description('One decision with its state and next action, as JSON')).action(async (id: string, opts: Who) =>
    run(async (deps) => {
      const actor = await as(deps, opts);
      if (!actor) return 2;
      const r = await viewDecision(deps, actor, id);
      if (r.kind !== 'ok') {
        io.stderr(`No decision ${id} that ${opts.as} may see.\n`);
        return 2;
      }
      io.stdout(`${JSON.stringify(r.value, null, 2)}\n`);
      return 0;
    }),
  );

  withWho(decisions.command('approve').description('As the designated manager: approve sharing against or without the advice'))
    .option('--note <text>', 'your note (optional)')
    .action(async (id: string, opts: Who & { note?: string }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        return report(id, opts.as, await approveDeparture(deps, actor, id, { answer: 'approve', note: opts.note ?? null }), `Approved decision ${id}: it may now be sent.`, { note: '--note' });
      }),
    );

  withWho(decisions.command('refuse').description('As the designated manager: do not approve sharing against the advice (nothing is sent)'))
    .option('--note <text>', 'your reasons (required)')
    .action(async (id: string, opts: Who & { note?: string }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        return report(id, opts.as, await approveDeparture(deps, actor, id, { answer: 'refuse', note: opts.note ?? null }), `Refused decision ${id}: nothing will be sent.`, { note: '--note' });
      }),
    );

  withWho(decisions.command('withdraw').description('Withdraw a decision to share before anything is sent under it'))
    .option('--reason <text>', 'why (required)')
    .action(async (id: string, opts: Who & { reason?: string }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        return report(id, opts.as, await withdrawDecision(deps, actor, id, { reason: opts.reason ?? null }), `Withdrew decision ${id}: nothing will be sent under it.`, { reason: '--reason' });
      }),
    );
}
