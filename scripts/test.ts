// Runs the test suite (or the test files given) with node:test and prints its wall time.
//
//   node --import tsx scripts/test.ts                              every test in test/ and src/
//   node --import tsx scripts/test.ts "test/web/**/*.test.ts"      just these files (paths or globs)
//
// First the migrated PGlite database that every test file copies is built (once per set of
// migrations; see test/support/db.ts). Then each file runs in its own process, TEST_CONCURRENCY
// files at a time (by default one more than the number of CPUs: most files spend much of their
// time waiting on the database or the browser), of which at most TEST_BROWSERS drive Chromium (by
// default one per CPU: three journeys at once on two cores ran past their timeouts).
// The slowest start first so that none of them starts last: browser journeys, then the other files
// in test/, then the pure tests in src/. Prints node:test's report with one summary for all files,
// then the wall time, and exits non-zero if anything failed.
//
// On PostgreSQL every file has its own schema, but all share one cluster, and a few files wait for
// the audit sequencer, which appends only events older than the oldest transaction still open in
// the whole cluster (ADR 0010's commit order): another file's transaction holds them back. Such a
// file says so with a line `// test: alone on PostgreSQL` and runs after the others, by itself.
import { execFileSync } from 'node:child_process';
import { glob, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { ASSETS_BUILT } from '../test/browser/demo-server.ts';
import { demoPglite, migratedPglite } from '../test/support/db.ts';

const started = performance.now();
const root = path.resolve(import.meta.dirname, '..');
const concurrency = Number(process.env.TEST_CONCURRENCY ?? availableParallelism() + 1);
const browsers = Number(process.env.TEST_BROWSERS ?? availableParallelism());

const patterns = process.argv.length > 2 ? process.argv.slice(2) : ['test/**/*.test.ts', 'src/**/*.test.ts'];
const files: string[] = [];
for (const pattern of patterns) for await (const f of glob(pattern, { cwd: root })) files.push(path.resolve(root, f));
const isBrowser = (f: string) => f.startsWith(path.join(root, 'test', 'browser', path.sep));
const rank = (f: string) => (isBrowser(f) ? 0 : f.startsWith(path.join(root, 'test', path.sep)) ? 1 : 2);
files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
if (files.length === 0) throw new Error(`no test files match ${patterns.join(' ')}`);
const ALONE = '// test: alone on PostgreSQL';
const alone = new Set<string>();
if (process.env.TEST_DATABASE_URL) for (const f of files) if ((await readFile(f, 'utf8')).includes(ALONE)) alone.add(f);

// Built once here rather than by the first few files at once; pure tests (src/) need no database.
if (!process.env.TEST_DATABASE_URL && files.some((f) => rank(f) < 2)) await migratedPglite();
if (files.some(isBrowser)) {
  // The browser journeys start from the demo partnership and need public/: both made once for all.
  if (!process.env.TEST_DATABASE_URL) await demoPglite();
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'build-assets.ts')], { cwd: root, stdio: 'inherit' });
  process.env[ASSETS_BUILT] = '1';
}

type Event = { type: string; data: { file?: string; nesting?: number; message?: string; success?: boolean } };
const totals = new Map<string, number>();
let failed = false;

/** One file's run: its events for the report, its counts added to the totals. */
async function runFile(file: string): Promise<Event[]> {
  const events: Event[] = [];
  for await (const event of run({ files: [file], cwd: root }) as AsyncIterable<Event>) {
    if (event.data.file !== undefined) events.push(event);
    else if (event.type === 'test:summary' && !event.data.success) failed = true;
    else if (event.type === 'test:diagnostic') {
      const [name, value] = (event.data.message ?? '').split(' ');
      if (name && name !== 'duration_ms') totals.set(name, (totals.get(name) ?? 0) + Number(value));
    }
  }
  return events;
}

/** Every file's events, a whole file at a time as each finishes, then one summary. */
async function* events(): AsyncGenerator<Event> {
  const waiting = [...files];
  const running = new Map<string, Promise<{ file: string; events: Event[] }>>();
  const runningBrowsers = () => [...running.keys()].filter(isBrowser).length;
  const aloneRunning = () => [...running.keys()].some((f) => alone.has(f));
  /** Whether `f` may start now: a file that runs alone once everything else has finished. */
  const mayStart = (f: string) => (alone.has(f) ? running.size === 0 && waiting.every((w) => alone.has(w)) : !isBrowser(f) || runningBrowsers() < browsers);
  while (waiting.length > 0 || running.size > 0) {
    while (running.size < concurrency && !aloneRunning()) {
      const next = waiting.findIndex(mayStart);
      if (next < 0) break;
      const [file] = waiting.splice(next, 1) as [string];
      running.set(
        file,
        runFile(file).then((events) => ({ file, events })),
      );
    }
    const done = await Promise.race(running.values());
    running.delete(done.file);
    yield* done.events;
  }
  const seconds = (performance.now() - started) / 1000;
  const wall = seconds >= 60 ? `${Math.floor(seconds / 60)} min ${(seconds % 60).toFixed(1)} s` : `${seconds.toFixed(1)} s`;
  const summary = [...totals].map(([name, n]) => `${name} ${n}`);
  summary.push(`duration_ms ${Math.round(seconds * 1000)}`, `wall time ${wall} (${files.length} files, ${concurrency} at a time, ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`);
  for (const message of summary) yield { type: 'test:diagnostic', data: { nesting: 0, message } };
}

Readable.from(events()).compose(spec).pipe(process.stdout);
process.on('exit', () => {
  if (failed) process.exitCode = 1;
});
