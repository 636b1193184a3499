// `concord disputes …` and `concord complaints …`: the deadline jobs on demand, and the central
// register's trend for reporting outside the partnership.
//   concord disputes deadlines                       escalate or remind dispute stages past their time now (the job runs every 15 minutes)
//   concord complaints reminders                     remind the handlers of late complaints now (the job runs hourly)
//   concord register trend --partnership SLUG [--months N] [--publish]
//                                                    disputes and complaints by month and agency; --publish applies the pack's small-number rule
import type { Command } from 'commander';
import { remindOverdueComplaints } from '../use-cases/complaints/remind-overdue-complaints.ts';
import { remindUndecidedCorrections } from '../use-cases/corrections/remind-undecided-corrections.ts';
import { actOnDisputeDeadlines } from '../use-cases/disputes/act-on-dispute-deadlines.ts';
import { reportRegisterTrend } from '../use-cases/registers/report-register-trend.ts';
import type { Io } from './audit.ts';
import { formatTable, type OpenDeps, openConfiguredDeps } from './outbox.ts';

export function registerRegisterCommands(program: Command, io: Io, open: OpenDeps = openConfiguredDeps): void {
  const run = async (fn: (deps: Awaited<ReturnType<OpenDeps>>['deps']) => Promise<number>) => {
    const ctx = await open();
    try {
      process.exitCode = await fn(ctx.deps);
    } finally {
      await ctx.close();
    }
  };

  const disputes = program.command('disputes').description('Disputes between agencies about sharing');
  disputes
    .command('deadlines')
    .description('Escalate or remind dispute stages that are past their time, as each partnership’s protocol says')
    .action(async () =>
      run(async (deps) => {
        const r = await actOnDisputeDeadlines(deps);
        io.stdout(`Escalated ${r.escalated}, reminded ${r.reminded}.\n`);
        return 0;
      }),
    );

  const complaints = program.command('complaints').description('Complaints about the use or disclosure of personal information');
  complaints
    .command('reminders')
    .description('Remind the handling teams of complaints past their response date')
    .action(async () =>
      run(async (deps) => {
        const r = await remindOverdueComplaints(deps);
        io.stdout(`Reminded ${r.reminded}.\n`);
        return 0;
      }),
    );

  program
    .command('corrections')
    .description('Reported inaccuracies in shared information')
    .command('reminders')
    .description('Remind the originators of reported inaccuracies still undecided when the protocol’s time runs out, and tell the agencies that reported them')
    .action(async () =>
      run(async (deps) => {
        const r = await remindUndecidedCorrections(deps);
        io.stdout(`Reminded ${r.reminded}.\n`);
        return 0;
      }),
    );

  const register = program.command('register').description('The partnership’s central register of disputes and complaints');
  register
    .command('trend')
    .description('Disputes and complaints by month and agency (counts only)')
    .requiredOption('--partnership <slug>', 'the partnership')
    .option('--months <n>', 'how many months, including this one (1 to 60)', '12')
    .option('--publish', 'for use outside the partnership: counts from 1 to the pack’s small-number threshold are shown as "N or fewer"')
    .action(async (opts: { partnership: string; months: string; publish?: boolean }) =>
      run(async (deps) => {
        const months = /^\d{1,3}$/.test(opts.months) ? Number(opts.months) : Number.NaN;
        const r = await reportRegisterTrend(deps, { partnershipSlug: opts.partnership }, { months, publish: !!opts.publish });
        if (r.kind === 'invalid') {
          io.stderr(`${r.errors.map((e) => `--${e.path}: ${e.message}`).join('\n')}\n`);
          return 2;
        }
        if (r.kind !== 'ok') {
          io.stderr(`No partnership has the slug "${opts.partnership}".\n`);
          return 2;
        }
        const v = r.value;
        if (v.published) io.stdout(`Small numbers (1 to ${v.threshold}) are suppressed: ${v.clause}\n`);
        io.stdout(
          v.rows.length
            ? formatTable(
                ['KIND', 'MONTH', 'AGENCY', 'COUNT'],
                v.rows.map((x) => [x.kind, x.month, x.agency, x.count]),
              )
            : 'Nothing recorded in these months.\n',
        );
        return 0;
      }),
    );
}
