// `concord retention …`: retention schedules and disposal from the command line.
//   concord retention run                                      list records now due and dispose of what is approved (the job runs nightly)
//   concord retention due --as EMAIL [--partnership NAME|ID]   the disposition review of the IG lead's agency
//   concord retention review ID… --as EMAIL --action approve|defer|hold|release [--reason TEXT] [--until YYYY-MM-DD] [--hold-kind KIND]
//   concord retention certificates --as EMAIL                  the agency's certificates of disposal
// Every read and step is audited as the person named, via the CLI. Nothing printed holds personal data.
import type { Command } from 'commander';
import { disposeApproved } from '../use-cases/retention/dispose-approved.ts';
import { findRecordsDue } from '../use-cases/retention/find-records-due.ts';
import { listDisposals } from '../use-cases/retention/list-disposals.ts';
import { reviewDisposal } from '../use-cases/retention/review-disposal.ts';
import type { Io } from './audit.ts';
import { commandKit } from './commands.ts';
import { formatTable, type OpenDeps, openConfiguredDeps } from './outbox.ts';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

export function registerRetentionCommands(program: Command, io: Io, open: OpenDeps = openConfiguredDeps): void {
  const { run, as } = commandKit(io, open);
  const notIgLead = () => {
    io.stderr('Only an information governance lead can see the disposition review.\n');
    return 1;
  };
  const retention = program.command('retention').description('Retention schedules and disposal');

  retention
    .command('run')
    .description('List records whose retention has ended for review, and dispose of approved ones (one transaction per batch)')
    .option('--batch <n>', 'records per transaction', '5000')
    .action(async (opts: { batch: string }) =>
      run(async (deps) => {
        const batchSize = Number(opts.batch);
        if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) {
          io.stderr('--batch: give a whole number from 1 to 50000\n');
          return 2;
        }
        const due = await findRecordsDue(deps);
        const done = await disposeApproved(deps, { batchSize });
        io.stdout(
          `Newly due for review: ${Object.entries(due.found)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')}; deferrals back for review: ${due.reopened}\n`,
        );
        io.stdout(`Disposed of ${done.disposed} record(s) in ${done.batches} batch(es); certificates: ${done.certificates.map((c) => `${c.id} (${c.kind} × ${c.count})`).join(', ') || 'none'}\n`);
        return 0;
      }),
    );

  retention
    .command('due')
    .description('The disposition review: records awaiting the IG lead, approved, deferred or on legal hold')
    .requiredOption('--as <email>', 'act as this information governance lead')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .action(async (opts: { as: string; partnership?: string }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = await listDisposals(deps, actor);
        if (r.kind !== 'ok') return notIgLead();
        const rows = [...r.value.pending, ...r.value.approved, ...r.value.deferred, ...r.value.held];
        if (!rows.length) {
          io.stderr('Nothing is due for review.\n');
          return 0;
        }
        io.stdout(
          formatTable(
            ['REVIEW ID', 'KIND', 'RECORD', 'DUE', 'STATUS', 'RULE'],
            rows.map((x) => [x.id, x.kind, x.record_id, day(x.due_at), x.status === 'deferred' ? `deferred to ${day(x.deferred_until)}` : x.status, x.rule_clause]),
          ),
        );
        return 0;
      }),
    );

  retention
    .command('review')
    .description('Approve, defer (with a reason and date), hold (legal hold) or release records in the review')
    .argument('<ids...>', 'review ids (from `concord retention due`)')
    .requiredOption('--as <email>', 'act as this information governance lead')
    .requiredOption('--action <action>', 'approve, defer, hold or release')
    .option('--reason <text>', 'why (required to defer, hold or release)')
    .option('--until <date>', 'for a deferral: when to review again (YYYY-MM-DD)')
    .option('--hold-kind <kind>', 'for a hold: inquiry, safeguarding_practice_review, litigation or other')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .action(async (ids: string[], opts: { as: string; action: string; reason?: string; until?: string; holdKind?: string; partnership?: string }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = await reviewDisposal(deps, actor, { reviewIds: ids, action: opts.action, reason: opts.reason, deferUntil: opts.until, holdKind: opts.holdKind });
        if (r.kind === 'ok') {
          io.stdout(`${r.value.decided} record(s) now ${r.value.status}\n`);
          return 0;
        }
        if (r.kind === 'invalid')
          io.stderr(`${r.errors.map((e) => `--${e.path === 'deferUntil' ? 'until' : e.path === 'holdKind' ? 'hold-kind' : e.path === 'reviewIds' ? 'ids' : e.path}: ${e.message}`).join('\n')}\n`);
        else if (r.kind === 'conflict') io.stderr(`${r.reason}\n`);
        else io.stderr('Not found: no such record in your agency’s review.\n');
        return 1;
      }),
    );

  retention
    .command('certificates')
    .description('The agency’s certificates of disposal, and copies recipients have disposed of')
    .requiredOption('--as <email>', 'act as this information governance lead')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .action(async (opts: { as: string; partnership?: string }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = await listDisposals(deps, actor);
        if (r.kind !== 'ok') return notIgLead();
        io.stdout(
          formatTable(
            ['CERTIFICATE', 'DISPOSED', 'KIND', 'COUNT', 'RULE', 'APPROVED BY'],
            r.value.certificates.map((c) => [c.id, day(c.disposed_at), c.kind, String(c.record_count), c.rule_clause, c.approved_by_name]),
          ),
        );
        if (r.value.disposedByRecipients.length)
          io.stdout(
            `\nCopies disposed of by recipients:\n${formatTable(
              ['DISCLOSURE', 'RECIPIENT', 'DISPOSED', 'CERTIFICATE'],
              r.value.disposedByRecipients.map((d) => [d.record_id, d.agency_name, day(d.disposed_at), d.certificate_id ?? '']),
            )}`,
          );
        return 0;
      }),
    );
}
