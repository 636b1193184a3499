/**
 * `concord decide --file answers.json` — run the decision engine on a JSON answers file
 * (`-` reads standard input) and print the decision as JSON.
 *
 * Exit codes: 0 decision printed on stdout; 2 the file could not be read, is not JSON, or the
 * answers are not valid — a JSON problem `{ "errors": [{ "path", "message" }] }` goes to stderr.
 *
 * Error messages never echo the file's contents.
 */
import { readFile } from 'node:fs/promises';
import { parseAnswers, type FieldError } from '../domain/decision/answers.ts';
import { decide } from '../domain/decision/engine.ts';

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

export async function runDecide(opts: { file: string }, io: DecideIo): Promise<number> {
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
  if (!parsed.ok) return problem(parsed.errors);

  io.stdout(`${JSON.stringify(decide(parsed.value), null, 2)}\n`);
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
