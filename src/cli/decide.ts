/**
 * `concord decide --file answers.json [--pack id@version | path/to/pack.yaml]` — run the decision
 * engine on a JSON answers file (`-` reads standard input) under a protocol pack and print the
 * decision as JSON. The pack defaults to the national baseline (DEFAULT_PACK); `id@version` is
 * looked up in protocols/, a path is read (and may extend a pack in protocols/).
 *
 * Exit codes: 0 decision printed on stdout; 2 the file could not be read, is not JSON, the answers
 * are not valid, or the pack cannot be used — a JSON problem `{ "errors": [{ "path", "message" }] }`
 * goes to stderr (pack problems have path "pack" and name the pack file, line and field).
 *
 * Error messages never echo the answers file's contents.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FieldError, parseAnswers } from '../domain/decision/answers.ts';
import { decide } from '../domain/decision/engine.ts';
import type { DecisionPolicy } from '../domain/decision/policy.ts';
import { packRef } from '../domain/protocol/pack.ts';
import { decisionPolicy } from '../domain/protocol/policy.ts';
import { packFileFor, readPackFile } from '../use-cases/kernel/pack-files.ts';

/** The pack used when none is given: the HM Government advice every local protocol extends. */
export const DEFAULT_PACK = 'national-baseline@2026.4';
const SHIPPED_PACKS_DIR = fileURLToPath(new URL('../../protocols', import.meta.url));
const PACK_REF = /^[a-z0-9_-]+@[0-9A-Za-z.-]+$/;

export type DecideIo = {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Standard input, for `--file -`. Defaults to process.stdin. */
  stdin?: AsyncIterable<string | Uint8Array>;
};

export const EXIT_OK = 0;
export const EXIT_INVALID = 2;

/** Largest answers file accepted; real ones are a few hundred bytes. */
const MAX_BYTES = 1024 * 1024;

/** Resolve `--pack` into a decision policy, or field errors with path "pack". */
export async function resolvePackPolicy(wanted: string, packsDir: string = SHIPPED_PACKS_DIR): Promise<{ ok: true; policy: DecisionPolicy } | { ok: false; errors: FieldError[] }> {
  const byRef = PACK_REF.test(wanted);
  const file = byRef ? packFileFor(packsDir, wanted) : path.resolve(wanted);
  const read = await readPackFile(file, packsDir);
  if (!read.ok) {
    const where = (e: { file: string; line?: number }) => `${path.relative(process.cwd(), e.file) || e.file}${e.line ? `:${e.line}` : ''}`;
    const errors = read.errors.map((e) => ({ path: 'pack', message: `${where(e)} ${e.path}: ${e.message}` }));
    if (byRef && read.errors.some((e) => e.path === '(file)' && e.file === file)) {
      return { ok: false, errors: [{ path: 'pack', message: `There is no protocol pack "${wanted.split('@')[0]}" in ${packsDir}` }] };
    }
    return { ok: false, errors };
  }
  if (byRef && packRef(read.pack) !== wanted) {
    return {
      ok: false,
      errors: [
        {
          path: 'pack',
          message: `${path.relative(process.cwd(), file) || file} is ${packRef(read.pack)}, not ${wanted}: pack versions are immutable, so ask for the version that is there or add the new one`,
        },
      ],
    };
  }
  return { ok: true, policy: decisionPolicy(read.pack) };
}

export async function runDecide(opts: { file: string; pack?: string; packsDir?: string }, io: DecideIo): Promise<number> {
  const problem = (errors: FieldError[]): number => {
    io.stderr(`${JSON.stringify({ errors }, null, 2)}\n`);
    return EXIT_INVALID;
  };

  let text: string;
  try {
    text = opts.file === '-' ? await readAll(io.stdin ?? process.stdin) : await readFile(opts.file, 'utf8');
  } catch (err) {
    const where = opts.file === '-' ? 'standard input' : `the answers file "${opts.file}"`;
    return problem([{ path: '', message: `Cannot read ${where}: ${describeIoError(err)}` }]);
  }
  if (Buffer.byteLength(text, 'utf8') > MAX_BYTES) {
    return problem([{ path: '', message: `The answers file is larger than ${MAX_BYTES} bytes` }]);
  }

  let input: unknown;
  try {
    input = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return problem([{ path: '', message: 'The answers file is not valid JSON' }]);
  }

  const parsed = parseAnswers(input);
  const policy = await resolvePackPolicy(opts.pack ?? DEFAULT_PACK, opts.packsDir);
  if (!parsed.ok || !policy.ok) return problem([...(parsed.ok ? [] : parsed.errors), ...(policy.ok ? [] : policy.errors)]);

  io.stdout(`${JSON.stringify(decide(parsed.value, policy.policy), null, 2)}\n`);
  return EXIT_OK;
}

async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    size += buf.length;
    if (size > MAX_BYTES) throw Object.assign(new Error('input too large'), { code: 'EFBIG' });
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describeIoError(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory, not a file';
    case 'EFBIG':
      return `it is larger than ${MAX_BYTES} bytes`;
    default:
      return code !== '' ? code : err instanceof Error ? err.message : 'unknown error';
  }
}
