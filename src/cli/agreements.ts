// `concord agreement …`: the agreement register from the command line, for a named member of staff.
//   concord agreement list --as EMAIL [--partnership NAME|ID]              the agreements they may see
//   concord agreement show ID --as EMAIL [--partnership NAME|ID]           one agreement: the signature register (JSON)
//   concord agreement create --as EMAIL --file agreement.json              set one up (JSON in, as the API takes)
//   concord agreement sign ID --as EMAIL --file signature.json             sign or re-affirm for your agency
// Every read and change is audited as the person named, via the CLI.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { standingLabels } from '../domain/agreements.ts';
import { createAgreement } from '../use-cases/agreements/create-agreement.ts';
import { listAgreements } from '../use-cases/agreements/list-agreements.ts';
import { signAgreement } from '../use-cases/agreements/sign-agreement.ts';
import { viewAgreement } from '../use-cases/agreements/view-agreement.ts';
import type { Outcome } from '../use-cases/kernel/outcome.ts';
import type { Io } from './audit.ts';
import { commandKit } from './commands.ts';
import { formatTable, type OpenDeps, openConfiguredDeps } from './outbox.ts';

export function registerAgreementCommands(program: Command, io: Io, open: OpenDeps = openConfiguredDeps): void {
  const { run, as } = commandKit(io, open);
  const readJson = async (file: string): Promise<{ ok: true; value: unknown } | { ok: false }> => {
    try {
      return { ok: true, value: JSON.parse(await readFile(file, 'utf8')) };
    } catch {
      io.stderr(`${file} is not a readable JSON file.\n`);
      return { ok: false };
    }
  };
  const refused = (what: string, r: Exclude<Outcome<unknown>, { kind: 'ok' }>) => {
    if (r.kind === 'invalid') io.stderr(`${what}:\n${r.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}\n`);
    else if (r.kind === 'conflict' || r.kind === 'forbidden') io.stderr(`${what}: ${r.reason}\n`);
    else io.stderr(`${what}: no such agreement that you may see.\n`);
    return 2;
  };
  const agreement = program.command('agreement').description('The information sharing agreement register: parties, signatures, reviews');

  agreement
    .command('list')
    .description('The agreements a member of staff may see, with how many parties are in force and the next review')
    .requiredOption('--as <email>', 'act as this member of staff')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .action(async (opts: { as: string; partnership?: string }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = await listAgreements(deps, actor);
        if (!r.agreements.length) {
          io.stderr('No agreements: until the partnership sets one up, no agency can receive information.\n');
          return 0;
        }
        io.stdout(
          formatTable(
            ['ID', 'TITLE', 'PACK', 'IN FORCE', 'NEXT REVIEW', 'REVIEW'],
            r.agreements.map((a) => [a.id, a.title, a.pack, `${a.inForce}/${a.parties}`, a.nextReviewOn, a.review]),
          ),
        );
        return 0;
      }),
    );

  agreement
    .command('show')
    .description('One agreement: every party’s standing and signature, as a table (--json for everything)')
    .argument('<id>', 'the agreement id (from `concord agreement list`)')
    .requiredOption('--as <email>', 'act as this member of staff')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .option('--json', 'print the whole register as JSON')
    .action(async (id: string, opts: { as: string; partnership?: string; json?: boolean }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = await viewAgreement(deps, actor, id);
        if (r.kind !== 'ok') return refused('Not shown', r);
        if (opts.json) {
          const { pack: _pack, ...rest } = r.value;
          io.stdout(`${JSON.stringify(rest, null, 2)}\n`);
          return 0;
        }
        io.stdout(
          formatTable(
            ['AGENCY', 'STANDING', 'SIGNATORY', 'SIGNED', 'RE-AFFIRM BY'],
            r.value.register.map((p) => [
              p.agencyName,
              standingLabels[p.standing].text,
              p.signature ? `${p.signature.signatoryName}, ${p.signature.signatoryTitle}` : '',
              p.signature?.signedOn ?? '',
              p.reaffirmBy ?? '',
            ]),
          ),
        );
        return 0;
      }),
    );

  agreement
    .command('create')
    .description('Set up an agreement from a JSON file: {title, effectiveOn, reviewOn?, parentId?, purpose?, parties: [{agencyId, role}]}')
    .requiredOption('--as <email>', 'act as this member of staff (the partnership manager)')
    .requiredOption('-f, --file <path>', 'the agreement (JSON)')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .action(async (opts: { as: string; file: string; partnership?: string }) =>
      run(async (deps) => {
        const input = await readJson(opts.file);
        if (!input.ok) return 2;
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = await createAgreement(deps, actor, input.value);
        if (r.kind !== 'ok') return refused('The agreement was not set up', r);
        io.stdout(`Set up agreement ${r.value.agreementId}.\n`);
        return 0;
      }),
    );

  agreement
    .command('sign')
    .description(
      'Sign or re-affirm for your agency from a JSON file: {agencyId, checklist: {id: {confirmed, evidence}}, privacyImpactAssessment?, dataStorage: {location, elsewhere?, safeguard?}, signatoryName, signatoryTitle, signedOn}',
    )
    .argument('<id>', 'the agreement id')
    .requiredOption('--as <email>', 'act as this member of staff (the agency’s nominated officer)')
    .requiredOption('-f, --file <path>', 'the signature (JSON)')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .action(async (id: string, opts: { as: string; file: string; partnership?: string }) =>
      run(async (deps) => {
        const input = await readJson(opts.file);
        if (!input.ok) return 2;
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = await signAgreement(deps, actor, id, input.value);
        if (r.kind !== 'ok') return refused('Not signed', r);
        io.stdout(`${r.value.kind === 'reaffirmation' ? 'Re-affirmed' : 'Signed'}: signature ${r.value.signatureId}.\n`);
        return 0;
      }),
    );
}
