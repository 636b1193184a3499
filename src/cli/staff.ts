// `concord staff …`: staff administration from the command line, as a named administrator.
//   concord staff list --as EMAIL [--partnership NAME|ID] [--checks]    the staff they manage (--checks: only checks and training to renew)
//   concord staff add --as EMAIL --email E --name N --roles r1,r2 [--job-title T] [--agency ID] [--invite]
//   concord staff invite USER_ID --as EMAIL [--revoke]                  send (again) or withdraw an invitation by e-mail (ADR 0084)
//   concord staff disable USER_ID --as EMAIL                            sessions and API keys end at once
//   concord staff import FILE.csv --as EMAIL [--dry-run] [--invite]     add people from CSV (see src/domain/staff-import.ts); all or none
// Every step is audited as the person named, via the CLI.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { INVITATION_DAYS } from '../domain/invitations.ts';
import { STAFF_CSV_COLUMNS } from '../domain/staff-import.ts';
import { addStaffMember } from '../use-cases/staff/add-staff-member.ts';
import { setStaffMemberEnabled } from '../use-cases/staff/disable-staff-member.ts';
import { importStaff } from '../use-cases/staff/import-staff.ts';
import { inviteStaffMember } from '../use-cases/staff/invite-staff-member.ts';
import { listStaff } from '../use-cases/staff/list-staff.ts';
import { revokeStaffInvitation } from '../use-cases/staff/revoke-staff-invitation.ts';
import type { Io } from './audit.ts';
import { commandKit } from './commands.ts';
import { formatTable, type OpenDeps, openConfiguredDeps } from './outbox.ts';

export function registerStaffCommands(program: Command, io: Io, open: OpenDeps = openConfiguredDeps): void {
  const { run, as } = commandKit(io, open);
  const refused = (r: { kind: string; reason?: string; errors?: { path: string; message: string }[] }) => {
    if (r.kind === 'invalid') io.stderr(`${(r.errors ?? []).map((e) => `${e.path}: ${e.message}`).join('\n')}\n`);
    else if (r.kind === 'not_found') io.stderr('There is no such member of staff you manage.\n');
    else io.stderr(`${r.reason ?? 'Refused.'}\n`);
    return r.kind === 'invalid' ? 2 : 1;
  };
  const staff = program.command('staff').description('Staff, their roles, checks and training');

  staff
    .command('list')
    .description('The staff a person manages, with their roles and checks and training')
    .requiredOption('--as <email>', 'act as this administrator, partnership manager or agency lead')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .option('--checks', 'only people whose checks or training are missing, expired or due')
    .action(async (opts: { as: string; partnership?: string; checks?: boolean }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = await listStaff(deps, actor, { attention: opts.checks });
        if (r.kind !== 'ok') return refused(r);
        io.stdout(
          formatTable(
            ['ID', 'NAME', 'EMAIL', 'AGENCY', 'ROLES', 'ACTIVE', 'CHECKS', 'TRAINING'],
            r.value.staff.map((s) => [
              s.id,
              s.displayName,
              s.email,
              s.agencyName,
              s.roles.join(';'),
              s.active ? 'yes' : 'no',
              s.checks.pre_employment_check.status,
              s.checks.information_sharing_training.status,
            ]),
          ),
        );
        for (const a of r.value.agencies) if (a.missingRoles.length) io.stderr(`${a.name} has nobody with the role: ${a.missingRoles.join(', ')}\n`);
        return 0;
      }),
    );

  staff
    .command('add')
    .description('Add a member of staff with their roles')
    .requiredOption('--as <email>', 'act as this administrator')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .requiredOption('--email <email>', 'the new person’s work e-mail address')
    .requiredOption('--name <name>', 'their full name')
    .requiredOption('--roles <roles>', 'role codes separated by commas, e.g. practitioner,spoc')
    .option('--job-title <title>', 'their job title')
    .option('--agency <id>', 'their agency (the partnership manager); default: your own')
    .option('--invite', `send them an invitation by e-mail (a single-use link, valid for ${INVITATION_DAYS} days)`)
    .action(async (opts: { as: string; partnership?: string; email: string; name: string; roles: string; jobTitle?: string; agency?: string; invite?: boolean }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = await addStaffMember(deps, actor, {
          email: opts.email,
          displayName: opts.name,
          jobTitle: opts.jobTitle,
          agencyId: opts.agency,
          roles: opts.roles.split(',').map((x) => x.trim()),
          invite: Boolean(opts.invite),
        });
        if (r.kind !== 'ok') return refused(r);
        io.stdout(`${r.value.userId}\n`);
        if (opts.invite) io.stderr(r.value.invited ? 'An invitation was sent by e-mail.\n' : 'No invitation was sent: their agency is not a member of the partnership now.\n');
        return 0;
      }),
    );

  staff
    .command('invite')
    .description(`Send an invitation by e-mail, or a new one (the earlier link stops working): a single-use link, valid for ${INVITATION_DAYS} days`)
    .argument('<userId>', 'the member of staff')
    .requiredOption('--as <email>', 'act as this administrator')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .option('--revoke', 'withdraw the invitation waiting to be used instead')
    .action(async (userId: string, opts: { as: string; partnership?: string; revoke?: boolean }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = opts.revoke ? await revokeStaffInvitation(deps, actor, userId) : await inviteStaffMember(deps, actor, userId);
        if (r.kind !== 'ok') return refused(r);
        io.stdout(opts.revoke ? 'The invitation was withdrawn: its link no longer works.\n' : `An invitation was sent by e-mail. The link works once, for ${INVITATION_DAYS} days.\n`);
        return 0;
      }),
    );

  staff
    .command('disable')
    .description('Disable an account: their sessions and API keys end at once')
    .argument('<userId>', 'the member of staff')
    .requiredOption('--as <email>', 'act as this administrator')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .action(async (userId: string, opts: { as: string; partnership?: string }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = await setStaffMemberEnabled(deps, actor, userId, false);
        if (r.kind !== 'ok') return refused(r);
        io.stdout('Disabled.\n');
        return 0;
      }),
    );

  staff
    .command('import')
    .description(`Add people from a CSV file with the columns ${STAFF_CSV_COLUMNS.join(',')} (roles separated by ";"). All lines or none.`)
    .argument('<file>', 'the CSV file, or - for standard input')
    .requiredOption('--as <email>', 'act as this administrator or partnership manager')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .option('--dry-run', 'check the file and report, add nobody')
    .option('--invite', 'send each person added an invitation by e-mail')
    .action(async (file: string, opts: { as: string; partnership?: string; dryRun?: boolean; invite?: boolean }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        let csv: string;
        try {
          csv = file === '-' ? await readStdin() : await readFile(file, 'utf8');
        } catch {
          io.stderr(`Cannot read ${file}.\n`);
          return 2;
        }
        const r = await importStaff(deps, actor, { csv, dryRun: Boolean(opts.dryRun), invite: Boolean(opts.invite) });
        if (r.kind !== 'ok') return refused(r);
        const { people, errors, imported, dryRun } = r.value;
        for (const e of errors) io.stderr(`line ${e.line}: ${e.message}\n`);
        if (people.length)
          io.stdout(
            formatTable(
              ['LINE', 'EMAIL', 'NAME', 'AGENCY', 'ROLES'],
              people.map((p) => [String(p.line), p.email, p.displayName, p.agency, p.roles.join(';')]),
            ),
          );
        io.stdout(
          imported
            ? `Added ${people.length} ${people.length === 1 ? 'person' : 'people'}.${r.value.invited ? ` Sent ${r.value.invited} invitation(s) by e-mail.` : ''}\n`
            : dryRun && !errors.length
              ? `Dry run: ${people.length} would be added. Nothing was changed.\n`
              : `Nothing was added: correct the ${errors.length} error(s) and run it again.\n`,
        );
        return errors.length ? 2 : 0;
      }),
    );
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
