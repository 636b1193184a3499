// Runs the test suite (or the test files given) with node:test and prints its wall time.
//
//   node --import tsx scripts/test.ts                              every test in test/ and src/
//   node --import tsx scripts/test.ts "test/web/**/*.test.ts"      just these files (paths or globs)
//
// First the migrated PGlite database that every test file copies is built (once per set of
// migrations; see test/support/db.ts). Then each file runs in its own process, TEST_CONCURRENCY
// files at a time (by default one more than the number of CPUs: most files spend much of their
// time waiting on the database or the browser), the slowest first so that none of them starts
// last: browser journeys, then the other files in test/, then the pure tests in src/. Prints
// node:test's own report and summary, then the wall time, and exits non-zero if anything failed.
import { once } from 'node:events';
import { glob } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { migratedPglite } from '../test/support/db.ts';

const started = performance.now();
const root = path.resolve(import.meta.dirname, '..');
const concurrency = Number(process.env.TEST_CONCURRENCY ?? availableParallelism() + 1);

const patterns = process.argv.length > 2 ? process.argv.slice(2) : ['test/**/*.test.ts', 'src/**/*.test.ts'];
const files: string[] = [];
for (const pattern of patterns) for await (const f of glob(pattern, { cwd: root })) files.push(path.resolve(root, f));
const rank = (f: string) => (f.includes(`${path.sep}test${path.sep}browser${path.sep}`) ? 0 : f.startsWith(path.join(root, 'test', path.sep)) ? 1 : 2);
files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

if (files.length === 0) throw new Error(`no test files match ${patterns.join(' ')}`);
// Built once here rather than by the first few files at once; pure tests (src/) need no database.
if (!process.env.TEST_DATABASE_URL && files.some((f) => rank(f) < 2)) await migratedPglite();

let failed = false;
const stream = run({ files, concurrency, cwd: root });
stream.on('test:summary', (summary) => {
  if (summary.file === undefined && !summary.success) failed = true;
});
const report = stream.compose(spec);
report.pipe(process.stdout, { end: false });
await once(report, 'end');

const seconds = (performance.now() - started) / 1000;
const wall = seconds >= 60 ? `${Math.floor(seconds / 60)} min ${(seconds % 60).toFixed(1)} s` : `${seconds.toFixed(1)} s`;
process.stdout.write(`ℹ wall time ${wall} (${files.length} files, ${concurrency} at a time, ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})\n`);
process.exitCode = failed ? 1 : 0;
