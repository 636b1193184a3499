// The dependency rule (DESIGN "Architecture"): domain <- use-cases <- web | api | cli | jobs, and
// use-cases -> db; web and api share who is signed in through http. Checked on every import in
// src/, so the shape survives change.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const SRC = path.resolve(import.meta.dirname, '../../src');

/** Which top-level folders each layer may import from. */
const ALLOWED: Record<string, string[]> = {
  domain: ['domain'],
  db: ['db'],
  'use-cases': ['use-cases', 'domain', 'db'],
  // Sign-in for the web pages and the API alike (a session or an API key → the Actor).
  http: ['http', 'use-cases', 'domain'],
  web: ['web', 'http', 'use-cases', 'domain'],
  api: ['api', 'http', 'use-cases', 'domain'],
  // The CLI builds its dependencies with the composition root's buildDeps (src/deps.ts).
  cli: ['cli', 'use-cases', 'domain', 'db', 'config', 'deps', 'audit-verifier', /* the demo loader (composition) */ 'demo'],
  jobs: ['jobs', 'use-cases', 'domain', 'db'],
  // The independent audit-log verifier trusts nothing else in src/ (ADR 0007): Node.js built-ins only.
  'audit-verifier': ['audit-verifier'],
  // The network edge: clients of outside services (GOV.UK Notify) behind the use cases' interfaces.
  // Only the composition root (src/deps.ts, for src/main.ts and the CLI) chooses and builds them.
  adapters: ['adapters', 'use-cases', 'domain'],
};
/** Packages that reach outside services: only the network edge may import them. */
const EDGE_PACKAGES = new Set(['notifications-node-client', 'axios']);
/**
 * Packages the pure domain may use: pure calculation, no I/O, no clock, no framework. zod for
 * schemas (ADR 0002); date-holidays for England & Wales bank holidays (ADR 0009).
 */
const DOMAIN_PACKAGES = new Set(['zod', 'date-holidays', /* SHA-256 for the audit log's Merkle tree (ADR 0007) */ 'node:crypto']);
const DOMAIN_FORBIDDEN_GLOBALS = [/\bDate\.now\(/, /\bnew Date\(\)/, /\bMath\.random\(/, /\bprocess\./, /\bfetch\(/];

/** The query builder and raw SQL: only src/db may write SQL (use cases call its query functions). */
const QUERY_BUILDER = [/\.(?:selectFrom|insertInto|updateTable|deleteFrom|selectNoFrom|replaceInto|mergeInto)\(/, /\.with\(\s*['"]/, /\bsql\s*(?:<[^>]*>)?\s*`/];

/**
 * Inside src/use-cases (paths relative to src/): `kernel/` is below every group and imports no
 * group; a verb (a file in a group not starting with "_") is never imported by another file: verbs
 * share only the kernel and their group's `_helpers.ts`.
 */
export function useCaseImportProblem(from: string, to: string): string[] {
  const [, fromGroup] = from.split(path.sep);
  const [toLayer, toGroup, toFile, ...deeper] = to.split(path.sep);
  if (toLayer !== 'use-cases' || !toGroup || !toFile || deeper.length) return [];
  if (fromGroup === 'kernel' && toGroup !== 'kernel') return [`${from} (the kernel) imports ${to}: the kernel depends on no use-case group`];
  if (toGroup !== 'kernel' && !toFile.startsWith('_')) return [`${from} imports the verb ${to}: a verb never imports another verb (share a _helper.ts in the group, or the kernel)`];
  return [];
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return full.endsWith('.ts') && !full.endsWith('.test.ts') ? [full] : [];
  });
}

function imports(source: string): string[] {
  const found: string[] = [];
  const statement =
    /^\s*(?:import|export)\s+(?:type\s+)?(?:\{[^}]*\}|\*(?:\s+as\s+\w+)?|\w+(?:\s*,\s*\{[^}]*\})?)\s+from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of source.matchAll(statement)) found.push((m[1] ?? m[2] ?? m[3])!);
  return found;
}

export function violations(): string[] {
  const problems: string[] = [];
  for (const file of files(SRC)) {
    const rel = path.relative(SRC, file);
    const layer = rel.includes(path.sep) ? rel.split(path.sep)[0]! : null;
    if (!layer) continue; // composition root files (main.ts, app.ts, config.ts, logging.ts)
    const allowed = ALLOWED[layer];
    if (!allowed) {
      problems.push(`${rel}: "${layer}" is not a known layer`);
      continue;
    }
    const source = readFileSync(file, 'utf8');
    for (const spec of imports(source)) {
      if (spec.startsWith('.')) {
        const target = path.relative(SRC, path.resolve(path.dirname(file), spec));
        if (target.startsWith('..')) {
          problems.push(`${rel} imports ${spec}, outside src/`);
          continue;
        }
        const targetLayer = target.includes(path.sep) ? target.split(path.sep)[0]! : target.replace(/\.ts$/, '');
        if (!allowed.includes(targetLayer)) problems.push(`${rel} (${layer}) imports ${spec} (${targetLayer})`);
        else if (layer === 'use-cases') problems.push(...useCaseImportProblem(rel, target));
      } else if (layer !== 'adapters' && EDGE_PACKAGES.has(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!)) {
        problems.push(`${rel} (${layer}) imports the package ${spec}: only src/adapters may reach outside services`);
      } else if (layer === 'audit-verifier' && !spec.startsWith('node:')) {
        problems.push(`${rel} (audit-verifier) imports the package ${spec}: only Node.js built-ins`);
      } else if (layer === 'domain') {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (!DOMAIN_PACKAGES.has(pkg)) problems.push(`${rel} (domain) imports the package ${spec}`);
      }
    }
    if (layer === 'use-cases') {
      for (const pattern of QUERY_BUILDER) if (pattern.test(source)) problems.push(`${rel} (use-cases) uses ${pattern.source}: SQL lives in src/db/queries`);
    }
    if (layer === 'domain') {
      for (const pattern of DOMAIN_FORBIDDEN_GLOBALS) if (pattern.test(source)) problems.push(`${rel} (domain) uses ${pattern.source}: pass time and randomness in`);
    }
  }
  return problems;
}

describe('the dependency rule', () => {
  it('holds for every import in src/', () => {
    assert.deepEqual(violations(), []);
  });

  it('would catch a violation (the check can fail)', () => {
    assert.deepEqual(imports("import { x } from '../db/queries/children.ts';\nexport { y } from './z.ts';\nconst s = 'comes from \"nowhere\"';"), ['../db/queries/children.ts', './z.ts']);
    assert.ok(!ALLOWED.web!.includes('db'));
    assert.ok(!ALLOWED.domain!.includes('use-cases'));
    // The API and the web pages share sign-in through http, never each other.
    assert.ok(!ALLOWED.api!.includes('web') && !ALLOWED.web!.includes('api'));
    assert.ok(!ALLOWED.http!.includes('web') && !ALLOWED.http!.includes('api'));
    // A verb never imports another verb; the kernel imports no group; SQL stays in db.
    const p = (...parts: string[]) => parts.join(path.sep);
    assert.equal(useCaseImportProblem(p('use-cases', 'requests', 'make-request.ts'), p('use-cases', 'requests', 'view-request.ts')).length, 1);
    assert.equal(useCaseImportProblem(p('use-cases', 'disclosures', 'send-disclosure.ts'), p('use-cases', 'requests', 'make-request.ts')).length, 1);
    assert.equal(useCaseImportProblem(p('use-cases', 'kernel', 'notify.ts'), p('use-cases', 'requests', '_steps.ts')).length, 1);
    assert.deepEqual(useCaseImportProblem(p('use-cases', 'requests', 'make-request.ts'), p('use-cases', 'requests', '_steps.ts')), []);
    assert.deepEqual(useCaseImportProblem(p('use-cases', 'requests', 'make-request.ts'), p('use-cases', 'kernel', 'gateway.ts')), []);
    assert.deepEqual(useCaseImportProblem(p('use-cases', 'requests', 'make-request.ts'), p('db', 'queries', 'requests.ts')), []);
    assert.ok(QUERY_BUILDER.some((q) => q.test("await trx.selectFrom('child').selectAll()")));
    assert.ok(QUERY_BUILDER.some((q) => q.test('const r = await sql<{ n: number }>`select 1`.execute(db);')));
    assert.ok(!QUERY_BUILDER.some((q) => q.test('await deps.db.transaction().execute(async (trx) => findChild(trx, id));')));
    // The network edge is chosen by the composition root, and by no layer.
    assert.deepEqual(
      Object.keys(ALLOWED).filter((layer) => layer !== 'adapters' && ALLOWED[layer]!.includes('adapters')),
      [],
    );
  });
});
