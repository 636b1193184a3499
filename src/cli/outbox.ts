// `concord outbox …`: the e-mail outbox from the command line.
//   concord outbox list [--partnership SLUG] [--limit N] [--status S]   e-mails, newest first
//   concord outbox show ID                                             one e-mail: headers and body
//   concord outbox deliver                                             deliver pending e-mails now (the job does it every minute)
// Reading the outbox is audited (outbox.viewed, through the CLI).
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { EMAIL_STATUSES, emailStatusLabels, isEmailStatus } from '../domain/email-outbox.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';
import { deliverEmails } from '../use-cases/notifications/deliver-emails.ts';
import { listOutboxAsOperator, type OutboxEmail } from '../use-cases/notifications/list-outbox.ts';
import { viewOutboxEmailAsOperator } from '../use-cases/notifications/view-outbox-email.ts';
import type { Io } from './audit.ts';
import { openCliDeps } from './deps.ts';

export type OpenDeps = () => Promise<{ deps: Deps; close: () => Promise<void> }>;

/** The configured database and notifier (DATABASE_URL, EMAIL_NOTIFIER). */
export const openConfiguredDeps: OpenDeps = openCliDeps;

/** A time as the CLI prints it: UTC to the second, blank when there is none. */
export const time = (d: Date | null) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : '');
const status = (s: string) => (isEmailStatus(s) ? s : `${s}?`);

/** A plain-text table: a header, a rule, one line per row; columns as wide as their widest cell. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}

export function formatOutboxList(emails: OutboxEmail[], withPartnership: boolean): string {
  const header = ['ID', 'CREATED', 'STATUS', ...(withPartnership ? ['PARTNERSHIP'] : []), 'TO', 'SUBJECT'];
  return formatTable(
    header,
    emails.map((e) => [e.id, time(e.createdAt), status(e.status), ...(withPartnership ? [e.partnershipSlug] : []), e.to, e.subject]),
  );
}

export function formatOutboxEmail(e: OutboxEmail): string {
  const headers: [string, string][] = [
    ['Id', e.id],
    ['Partnership', e.partnershipSlug],
    ['Created', time(e.createdAt)],
    ['Status', isEmailStatus(e.status) ? `${e.status} (${emailStatusLabels[e.status]})` : e.status],
    ['Attempts', String(e.attempts)],
    ['Template', e.template],
    ['To', e.to],
    ['Subject', e.subject],
  ];
  if (e.deliveredAt) headers.push(['Delivered', time(e.deliveredAt)]);
  if (e.provider) headers.push(['Provider', e.provider]);
  if (e.providerReference) headers.push(['Reference', e.providerReference]);
  if (e.lastError) headers.push(['Last error', e.lastError]);
  return `${headers.map(([k, v]) => `${`${k}:`.padEnd(13)}${v}`).join('\n')}\n\n${e.body}\n`;
}

export function registerOutboxCommands(program: Command, io: Io, open: OpenDeps = openConfiguredDeps): void {
  const run = async (fn: (deps: Deps) => Promise<number>) => {
    const ctx = await open();
    try {
      process.exitCode = await fn(ctx.deps);
    } finally {
      await ctx.close();
    }
  };
  const outbox = program.command('outbox').description('The e-mails Concord writes: list them, read one, deliver pending ones now');

  outbox
    .command('list')
    .description('List e-mails in the outbox, newest first')
    .option('--partnership <slug>', "only this partnership's e-mails")
    .option('--limit <n>', 'at most this many (1 to 1000)', '50')
    .option('--status <status>', `only e-mails with this status: ${EMAIL_STATUSES.join(', ')}`)
    .action(async (opts: { partnership?: string; limit: string; status?: string }) =>
      run(async (deps) => {
        const limit = /^\d{1,7}$/.test(opts.limit) ? Number(opts.limit) : Number.NaN;
        const r = await listOutboxAsOperator(deps, { partnershipSlug: opts.partnership, status: opts.status, limit, correlationId: randomUUID() });
        if (r.kind === 'invalid') {
          io.stderr(`${r.errors.map((e) => `--${e.path}: ${e.message}`).join('\n')}\n`);
          return 2;
        }
        if (r.kind === 'not_found') {
          io.stderr(`No partnership has the slug "${opts.partnership}".\n`);
          return 2;
        }
        if (r.kind !== 'ok') throw new Error('unexpected outcome');
        if (r.value.emails.length === 0) {
          io.stderr('No e-mails.\n');
          return 0;
        }
        io.stdout(formatOutboxList(r.value.emails, opts.partnership === undefined));
        return 0;
      }),
    );

  outbox
    .command('show')
    .description('Show one e-mail: its headers and body')
    .argument('<id>', 'the e-mail id (from `concord outbox list`)')
    .action(async (id: string) =>
      run(async (deps) => {
        const r = await viewOutboxEmailAsOperator(deps, { id, correlationId: randomUUID() });
        if (r.kind !== 'ok') {
          io.stderr(`No e-mail has the id "${id}".\n`);
          return 2;
        }
        io.stdout(formatOutboxEmail(r.value));
        return 0;
      }),
    );

  outbox
    .command('deliver')
    .description('Deliver pending e-mails now through the configured notifier (EMAIL_NOTIFIER); the job does this every minute')
    .action(async () =>
      run(async (deps) => {
        const r = await deliverEmails(deps);
        io.stdout(`Sent ${r.sent}, kept in the outbox ${r.keptLocally}, to try again ${r.retrying}, failed ${r.failed}.\n`);
        return r.failed > 0 ? 1 : 0;
      }),
    );
}
