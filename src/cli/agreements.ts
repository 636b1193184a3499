// `concord agreement …`: the agreement register from the command line, for a named member of staff.
//   concord agreement list --as EMAIL [--partnership NAME|ID]              the agreements they may see
//   concord agreement show ID --as EMAIL [--partnership NAME|ID]           one agreement: the signature register (JSON)
//   concord agreement create --as EMAIL --file agreement.json              set one up (JSON in, as the API takes)
//   concord agreement sign ID --as EMAIL --file signature.json             sign or re-affirm for your agency
//   concord agreement propose ID --as EMAIL --summary TEXT [--to-pack REF --effective-on DATE]
//   concord agreement agree ID CHANGE --as EMAIL                          agree a change for your agency
//   concord agreement request-document ID --as EMAIL --holder AGENCY --kind KIND --detail TEXT --due DATE
//   concord agreement answer-document ID REQUEST --as EMAIL (--provide TITLE --reference REF | --decline REASON)
// Every read and change is audited as the person named, via the CLI.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { standingLabels } from '../domain/agreements.ts';
import { agreeChange } from '../use-cases/agreements/agree-change.ts';
import { answerDocumentRequest } from '../use-cases/agreements/answer-document-request.ts';
import { createAgreement } from '../use-cases/agreements/create-agreement.ts';
import { listAgreements } from '../use-cases/agreements/list-agreements.ts';
import { proposeChange } from '../use-cases/agreements/propose-change.ts';
import { requestDocument } from '../use-cases/agreements/request-document.ts';
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

  agreement
    .command('propose')
    .description('Propose a change to the agreement for your agency (Derby 2015 s.5 para. 1); with --to-pack and --effective-on, a move to a new protocol version')
    .argument('<id>', 'the agreement id')
    .requiredOption('--as <email>', 'act as this member of staff (the agency’s nominated officer)')
    .requiredOption('--summary <text>', 'what would change, and why')
    .option('--to-pack <ref>', 'the protocol version (id@version) the partnership would move to')
    .option('--effective-on <date>', 'from when the new version would be in force (YYYY-MM-DD)')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .action(async (id: string, opts: { as: string; summary: string; toPack?: string; effectiveOn?: string; partnership?: string }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = await proposeChange(deps, actor, id, { summary: opts.summary, toPack: opts.toPack, effectiveOn: opts.effectiveOn });
        if (r.kind !== 'ok') return refused('Not proposed', r);
        io.stdout(`Proposed change ${r.value.changeId}.\n`);
        return 0;
      }),
    );

  agreement
    .command('agree')
    .description('Agree to a proposed change for your agency, where the protocol names it to agree changes (Wirral 2022 App. 2 s.5.3)')
    .argument('<id>', 'the agreement id')
    .argument('<change>', 'the change id (from `concord agreement propose` or the agreement page)')
    .requiredOption('--as <email>', 'act as this member of staff (the agency’s nominated officer)')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .action(async (id: string, change: string, opts: { as: string; partnership?: string }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = await agreeChange(deps, actor, id, change, {});
        if (r.kind !== 'ok') return refused('Not agreed', r);
        const v = r.value;
        io.stdout(
          !v.agreed
            ? 'Your agency’s agreement is recorded; other parties have still to agree.\n'
            : v.toPack
              ? `Agreed. The partnership moves to ${v.toPack} on ${v.movesOn}: every party must sign the new version by then.\n`
              : 'Agreed by every party the protocol names.\n',
        );
        return 0;
      }),
    );

  agreement
    .command('request-document')
    .description('Ask another party for a document, such as its summary security document (Haringey 2006 s.7.4)')
    .argument('<id>', 'the agreement id')
    .requiredOption('--as <email>', 'act as this member of staff (the agency’s nominated officer)')
    .requiredOption('--holder <agencyId>', 'the agency asked')
    .requiredOption('--kind <kind>', 'security_summary, privacy_impact_assessment, procedure or other')
    .requiredOption('--detail <text>', 'what you are asking for, and why')
    .requiredOption('--due <date>', 'the date you need it by (YYYY-MM-DD)')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .action(async (id: string, opts: { as: string; holder: string; kind: string; detail: string; due: string; partnership?: string }) =>
      run(async (deps) => {
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const r = await requestDocument(deps, actor, id, { holderAgencyId: opts.holder, kind: opts.kind, detail: opts.detail, dueOn: opts.due });
        if (r.kind !== 'ok') return refused('Not asked', r);
        io.stdout(`Asked: document request ${r.value.requestId}.\n`);
        return 0;
      }),
    );

  agreement
    .command('answer-document')
    .description('Answer a request for a document as the holder’s nominated officer: provide it (title and where it is held) or decline with a reason')
    .argument('<id>', 'the agreement id')
    .argument('<request>', 'the document request id')
    .requiredOption('--as <email>', 'act as this member of staff (the holder’s nominated officer)')
    .option('--provide <title>', 'the document’s title')
    .option('--reference <ref>', 'where the document is held')
    .option('--decline <reason>', 'why your agency declines')
    .option('--partnership <name>', 'their partnership, if they work in several (name or id)')
    .action(async (id: string, request: string, opts: { as: string; provide?: string; reference?: string; decline?: string; partnership?: string }) =>
      run(async (deps) => {
        if ((opts.provide === undefined) === (opts.decline === undefined)) {
          io.stderr('Give either --provide TITLE --reference REF, or --decline REASON.\n');
          return 2;
        }
        const actor = await as(deps, opts);
        if (!actor) return 2;
        const input = opts.provide !== undefined ? { answer: 'provide', title: opts.provide, reference: opts.reference ?? '' } : { answer: 'decline', reason: opts.decline };
        const r = await answerDocumentRequest(deps, actor, id, request, input);
        if (r.kind !== 'ok') return refused('Not answered', r);
        io.stdout(r.value.status === 'provided' ? `Provided: document ${r.value.documentId}.\n` : 'Declined, with the reason.\n');
        return 0;
      }),
    );
}
