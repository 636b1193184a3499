// `concord audit …`: the tamper-evident audit log from the command line.
//   concord audit verify [--public-key K]… [--checkpoint FILE]…   re-hash the whole log and check every checkpoint
//   concord audit prove --event P:ID [--tree-size N]              inclusion proof, checked by the independent verifier
//   concord audit consistency --first M --second N                consistency proof, checked likewise
//   concord audit checkpoint [--export]                           the latest signed checkpoint (--export: as a signed note)
//   concord audit public-key                                      the key that signs checkpoints
//   concord audit export --agency ID --format csv|json            an agency's own access log
//   concord audit sequence                                        sequence pending events and sign a checkpoint now
// Verification and proof checking use src/audit-verifier only: its own hashing, encoding and SQL.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import * as V from '../audit-verifier/index.ts';
import type { Database } from '../db/database.ts';
import { accessLogCsv, accessLogJson, exportAccessLogAsOperator } from '../use-cases/audit/export-agency-access-log.ts';
import { consistencyProof } from '../use-cases/audit/prove-audit-consistency.ts';
import { type InclusionProof, inclusionProof } from '../use-cases/audit/prove-audit-inclusion.ts';
import { sequenceOnce } from '../use-cases/audit/sequence-audit-log.ts';
import { checkpointOnce, type SignedCheckpoint } from '../use-cases/audit/sign-audit-checkpoint.ts';
import { auditPublicKey, latestSignedCheckpoint } from '../use-cases/audit/view-audit-checkpoint.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';
import { verifyDatabase } from './audit-verify-parallel.ts';
import { openCliDeps } from './deps.ts';

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
}

export { kyselyQuery } from './audit-verify-parallel.ts';

const n = (x: number) => x.toLocaleString('en-GB');

export function formatReport(r: V.Report): string {
  const lines = ['Concord audit log verification', ''];
  lines.push(`  Leaves re-hashed        ${n(r.leaves)} (root ${r.root.slice(0, 16)}…)`);
  lines.push(`  Checkpoints checked     ${n(r.checkpoints)}${r.latest ? `; latest: size ${n(r.latest.treeSize)}, signed ${r.latest.issuedAt} by key ${r.latest.keyId}` : ''}`);
  if (r.heldChecked) lines.push(`  Checkpoints you hold    ${n(r.heldChecked)}`);
  lines.push(`  Shredded details        ${n(r.shredded)} event(s), accepted on their stored commitments`);
  lines.push(`  Not yet in the log      ${n(r.pending)} event(s), newer than the last leaf`);
  lines.push('');
  if (r.ok) {
    lines.push('RESULT: VERIFIED. Every event matches its leaf, every stored hash matches the rebuilt tree, and every checkpoint is signed by a trusted key and matches the log.');
  } else {
    const total = r.issues.length + r.truncatedIssues;
    lines.push(`RESULT: TAMPERED. ${n(total)} problem(s). The first divergence is at leaf ${n(r.first!.position)}:`);
    lines.push(`  ${r.first!.message}`);
    lines.push('', 'All problems, in log order:');
    for (const [i, issue] of r.issues.entries()) lines.push(`  ${i + 1}. [${issue.kind}] ${issue.message}`);
    if (r.truncatedIssues) lines.push(`  … and ${n(r.truncatedIssues)} more.`);
  }
  return `${lines.join('\n')}\n`;
}

export interface VerifyOptions {
  keys: V.TrustedKey[];
  held?: V.Checkpoint[];
  progress?: boolean;
  json?: boolean;
  batchSize?: number;
  segmentSize?: number;
  /** Worker threads on PostgreSQL (default: the machine's cores; 0: verify in this thread). */
  workers?: number;
}

/** Verify the whole log in one consistent snapshot. Exit code 0 when verified, 1 when not. */
export async function runVerify(database: Database, options: VerifyOptions, io: Io): Promise<{ code: number; report: V.Report }> {
  const bar = options.progress
    ? new cliProgress.SingleBar(
        { format: 'Verifying |{bar}| {percentage}% | {value}/{total} leaves | {rate} leaves/s', stream: process.stderr, hideCursor: true, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  const started = performance.now();
  let startedBar = false;
  const report = await verifyDatabase(database, {
    keys: options.keys,
    held: options.held ?? [],
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.segmentSize ? { segmentSize: options.segmentSize } : {}),
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    onProgress: (done, total) => {
      if (!bar) return;
      const rate = Math.round(done / Math.max(0.001, (performance.now() - started) / 1000));
      if (!startedBar) {
        bar.start(total, done, { rate });
        startedBar = true;
      } else bar.update(done, { rate });
    },
  });
  bar?.stop();
  io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return { code: report.ok ? 0 : 1, report };
}

/** Check a proof's checkpoint against the trusted keys; returns a problem, or undefined when it is good. */
function checkCheckpoint(c: SignedCheckpoint | null, keys: V.TrustedKey[], rootHash: string, treeSize: number): string | undefined {
  if (!c) return `no signed checkpoint has size ${treeSize}: the root is the server's word only`;
  const parsed = V.parseNote(c.note);
  if (parsed.treeSize !== treeSize || parsed.rootHash.toString('hex') !== rootHash) return 'the checkpoint does not match the proof';
  const sig = V.checkSignature(parsed, keys);
  if (sig !== 'valid') return sig === 'unknown-key' ? `the checkpoint is signed by an untrusted key (${parsed.keyId})` : 'the checkpoint signature is not valid';
  return undefined;
}

/** Check an inclusion proof with the independent verifier. */
export function checkInclusion(p: InclusionProof, keys: V.TrustedKey[]): string[] {
  const problems: string[] = [];
  if (V.hashLeaf(Buffer.from(p.leaf, 'base64')).toString('hex') !== p.leafHash) problems.push('the leaf does not hash to the leaf hash');
  const path = p.auditPath.map((h) => Buffer.from(h, 'hex'));
  if (!V.verifyInclusion(Buffer.from(p.leafHash, 'hex'), p.leafIndex, p.treeSize, path, Buffer.from(p.rootHash, 'hex'))) problems.push('the audit path does not lead to the root');
  const c = checkCheckpoint(p.checkpoint, keys, p.rootHash, p.treeSize);
  if (c) problems.push(c);
  return problems;
}

export function checkConsistency(p: Awaited<ReturnType<typeof consistencyProof>> & { kind: 'ok' }, keys: V.TrustedKey[]): string[] {
  const v = p.value;
  const problems: string[] = [];
  const proof = v.proof.map((h) => Buffer.from(h, 'hex'));
  if (!V.verifyConsistency(v.first, v.second, Buffer.from(v.firstRootHash, 'hex'), Buffer.from(v.secondRootHash, 'hex'), proof))
    problems.push('the proof does not show the second tree extending the first');
  for (const [label, c, root, size] of [
    ['first', v.checkpoints.first, v.firstRootHash, v.first],
    ['second', v.checkpoints.second, v.secondRootHash, v.second],
  ] as const) {
    const problem = checkCheckpoint(c, keys, root, size);
    if (problem) problems.push(`${label}: ${problem}`);
  }
  return problems;
}

function readKeyArg(value: string): V.TrustedKey {
  const text = /^[A-Za-z0-9+/=_.-]+$/.test(value) && !value.includes('/') && value.length > 40 ? value : readFileSync(value, 'utf8');
  return V.trustKey(text);
}

async function openForAudit(): Promise<{ deps: Deps; database: Database; close: () => Promise<void>; development: boolean }> {
  const { deps, database, config, close } = await openCliDeps();
  return { deps, database, close, development: config.audit.development };
}

async function withAudit(fn: (ctx: Awaited<ReturnType<typeof openForAudit>>) => Promise<number>): Promise<void> {
  const ctx = await openForAudit();
  try {
    process.exitCode = await fn(ctx);
  } finally {
    await ctx.close();
  }
}

const trustedKeys = (ctx: { deps: Deps; development: boolean }, given: string[], io: Io): V.TrustedKey[] => {
  if (given.length > 0) return given.map(readKeyArg);
  io.stderr(`Trusting the configured signing key${ctx.development ? ' (the DEVELOPMENT key — anyone can sign with it)' : ''}. An inspector should pass the published key with --public-key.\n`);
  return [V.trustKey(ctx.deps.auditSigner!.publicKeyPem)];
};

const collect = (value: string, previous: string[]) => [...previous, value];
const positiveInt = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number`);
  return Number(value);
};

export function registerAuditCommands(program: Command, io: Io): void {
  const audit = program.command('audit').description('The tamper-evident audit log: verify it, prove events and checkpoints, export access logs');

  audit
    .command('verify')
    .description('Re-hash the whole log, check every stored hash and every checkpoint, and report the first divergence')
    .option('--public-key <key>', 'a trusted public key: PEM file, or base64 / signed-note key (repeatable; default: the configured key)', collect, [])
    .option('--checkpoint <file>', 'a checkpoint you hold (signed note) that the log must still match (repeatable)', collect, [])
    .option('--json', 'print the report as JSON')
    .option('--no-progress', 'no progress bar')
    .action(async (opts: { publicKey: string[]; checkpoint: string[]; json?: boolean; progress: boolean }) =>
      withAudit(async (ctx) => {
        const held = opts.checkpoint.map((f) => V.parseNote(readFileSync(f, 'utf8')));
        const { code } = await runVerify(ctx.database, { keys: trustedKeys(ctx, opts.publicKey, io), held, progress: opts.progress && process.stderr.isTTY === true, json: opts.json === true }, io);
        return code;
      }),
    );

  audit
    .command('prove')
    .description('Prove that an event is in the log (inclusion proof), and check the proof independently')
    .requiredOption('--event <partnershipId:eventId>', 'the event')
    .option('--tree-size <n>', 'prove against this tree size (default: the latest checkpoint)', positiveInt('--tree-size'))
    .option('--public-key <key>', 'trusted public key (repeatable)', collect, [])
    .action(async (opts: { event: string; treeSize?: number; publicKey: string[] }) =>
      withAudit(async (ctx) => {
        const m = /^([0-9a-f-]{36}):(\d+)$/i.exec(opts.event);
        if (!m) {
          io.stderr('--event must be partnershipId:eventId\n');
          return 2;
        }
        const r = await inclusionProof(ctx.deps.db, { partnershipId: m[1]!.toLowerCase(), eventId: m[2]!, treeSize: opts.treeSize });
        if (r.kind !== 'ok') {
          io.stderr(r.kind === 'not_found' ? 'No such event.\n' : r.kind === 'invalid' ? `${r.errors.map((e) => e.message).join('\n')}\n` : r.kind === 'conflict' ? `${r.reason}\n` : 'Refused.\n');
          return 2;
        }
        const problems = checkInclusion(r.value, trustedKeys(ctx, opts.publicKey, io));
        io.stdout(`${JSON.stringify(r.value, null, 2)}\n`);
        io.stderr(
          problems.length ? `NOT VERIFIED: ${problems.join('; ')}\n` : `Verified: leaf ${r.value.leafIndex} is in the log of ${r.value.treeSize} leaves signed at ${r.value.checkpoint!.issuedAt}.\n`,
        );
        return problems.length ? 1 : 0;
      }),
    );

  audit
    .command('consistency')
    .description('Prove that the log at one size is a prefix of the log at a later size, and check the proof independently')
    .requiredOption('--first <m>', 'the earlier tree size', positiveInt('--first'))
    .requiredOption('--second <n>', 'the later tree size', positiveInt('--second'))
    .option('--public-key <key>', 'trusted public key (repeatable)', collect, [])
    .action(async (opts: { first: number; second: number; publicKey: string[] }) =>
      withAudit(async (ctx) => {
        const r = await consistencyProof(ctx.deps.db, { first: opts.first, second: opts.second });
        if (r.kind !== 'ok') {
          io.stderr(r.kind === 'invalid' ? `${r.errors.map((e) => e.message).join('\n')}\n` : 'Refused.\n');
          return 2;
        }
        const problems = checkConsistency(r, trustedKeys(ctx, opts.publicKey, io));
        io.stdout(`${JSON.stringify(r.value, null, 2)}\n`);
        io.stderr(problems.length ? `NOT VERIFIED: ${problems.join('; ')}\n` : `Verified: the log of ${r.value.second} leaves extends the log of ${r.value.first}.\n`);
        return problems.length ? 1 : 0;
      }),
    );

  audit
    .command('checkpoint')
    .description('Show the latest signed checkpoint')
    .option('--export', 'print it as a signed note (text), to publish or to hand to an inspector')
    .action(async (opts: { export?: boolean }) =>
      withAudit(async (ctx) => {
        const c = await latestSignedCheckpoint(ctx.deps.db);
        if (!c) {
          io.stderr('No checkpoint has been signed yet.\n');
          return 1;
        }
        io.stdout(opts.export ? c.note : `${JSON.stringify(c, null, 2)}\n`);
        return 0;
      }),
    );

  audit
    .command('public-key')
    .description('Print the public key that checkpoints are signed with (PEM, and as a signed-note verifier key)')
    .action(async () =>
      withAudit(async (ctx) => {
        const k = auditPublicKey(ctx.deps)!;
        io.stdout(`${k.publicKey.trim()}\n${k.verifierKey}\n`);
        if (ctx.development) io.stderr('This is the DEVELOPMENT key: set AUDIT_SIGNING_KEY for a real deployment.\n');
        return 0;
      }),
    );

  audit
    .command('export')
    .description("Export one agency's own access log (everything its staff did), as CSV or JSON, to standard output")
    .requiredOption('--agency <id>', 'the agency id')
    .option('--partnership <id>', 'the partnership, if the agency id is in more than one')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--period <period>', '30-days, 12-months or all', 'all')
    .action(async (opts: { agency: string; partnership?: string; format: string; period: string }) =>
      withAudit(async (ctx) => {
        if (!/^[0-9a-f-]{36}$/i.test(opts.agency)) {
          io.stderr('--agency must be an agency id (a UUID)\n');
          return 2;
        }
        let q = ctx.deps.db.selectFrom('agency').select(['partnership_id']).where('id', '=', opts.agency);
        if (opts.partnership) q = q.where('partnership_id', '=', opts.partnership);
        const found = await q.execute();
        if (found.length !== 1) {
          io.stderr(found.length === 0 ? 'No such agency.\n' : 'That agency id is in several partnerships: add --partnership.\n');
          return 2;
        }
        const r = await exportAccessLogAsOperator(ctx.deps, { partnershipId: found[0]!.partnership_id, agencyId: opts.agency, period: opts.period, format: opts.format, correlationId: randomUUID() });
        if (r.kind !== 'ok') {
          io.stderr(r.kind === 'invalid' ? `${r.errors.map((e) => e.message).join('\n')}\n` : 'No such agency.\n');
          return 2;
        }
        io.stdout(opts.format === 'json' ? accessLogJson(r.value) : accessLogCsv(r.value));
        if (r.value.truncated) io.stderr('The export stopped at its row limit: choose a shorter --period.\n');
        return 0;
      }),
    );

  audit
    .command('sequence')
    .description('Add pending events to the log and sign a checkpoint now (the job does this every half second)')
    .action(async () =>
      withAudit(async (ctx) => {
        const s = await sequenceOnce(ctx.deps);
        const c = await checkpointOnce(ctx.deps);
        io.stdout(`${s.busy ? 'Another process is sequencing.' : `Added ${s.appended} event(s).`} ${c ? `Signed checkpoint ${c.treeSize}.` : 'No new checkpoint.'}\n`);
        return 0;
      }),
    );
}
