import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { ENGINE_VERSION } from '../domain/decision/engine.ts';
import { DEFAULT_PACK, runDecide } from './decide.ts';

function capture(stdin?: AsyncIterable<string | Uint8Array>) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), ...(stdin ? { stdin } : {}) },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

describe('runDecide', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-decide-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const write = async (name: string, content: string): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, content, 'utf8');
    return path;
  };

  it('prints the decision as pretty JSON and exits 0', async () => {
    const file = await write('ok.json', JSON.stringify({ purpose: 'service_planning', identifiable: false }));
    const c = capture();
    assert.equal(await runDecide({ file }, c.io), 0);
    assert.equal(c.stderr(), '');
    const decision = JSON.parse(c.stdout()) as { outcome: string; engineVersion: string; rules: { id: string }[] };
    assert.equal(decision.outcome, 'share');
    assert.equal(decision.engineVersion, ENGINE_VERSION);
    assert.equal(decision.rules[0]?.id, 'not_identifiable');
    assert.ok(c.stdout().startsWith('{\n  "engineVersion"'), 'indented');
    assert.ok(c.stdout().endsWith('}\n'));
  });

  it('reads standard input when the file is "-"', async () => {
    const c = capture(Readable.from([Buffer.from('{"purpose":'), Buffer.from('"none"}')]));
    assert.equal(await runDecide({ file: '-' }, c.io), 0);
    assert.equal((JSON.parse(c.stdout()) as { outcome: string }).outcome, 'do_not_share');
  });

  it('accepts a file that starts with a byte order mark', async () => {
    const file = await write('bom.json', '\uFEFF{"purpose":"none"}');
    const c = capture();
    assert.equal(await runDecide({ file }, c.io), 0);
  });

  it('invalid answers: a JSON problem on stderr and exit 2', async () => {
    const file = await write('bad.json', JSON.stringify({ purpose: 'child_protection', identifiable: true, consent: 'given', consentNotSoughtReason: 'increase_risk', secret: 1 }));
    const c = capture();
    assert.equal(await runDecide({ file }, c.io), 2);
    assert.equal(c.stdout(), '');
    const problem = JSON.parse(c.stderr()) as { errors: { path: string; message: string }[] };
    const paths = problem.errors.map((e) => e.path);
    assert.ok(paths.includes('consentNotSoughtReason'));
    assert.ok(paths.includes('secret'));
    assert.ok(paths.includes('harm'));
    for (const e of problem.errors) assert.ok(e.message.length > 0);
  });

  it('invalid JSON: a JSON problem that does not echo the contents, exit 2', async () => {
    const file = await write('broken.json', '{"purpose": "none", "note": "Alex Smith lives at');
    const c = capture();
    assert.equal(await runDecide({ file }, c.io), 2);
    assert.deepEqual(JSON.parse(c.stderr()), { errors: [{ path: '', message: 'The answers file is not valid JSON' }] });
    assert.ok(!c.stderr().includes('Alex'));
  });

  it('a file that cannot be read: a clear message, exit 2', async () => {
    const missing = join(dir, 'missing.json');
    const c = capture();
    assert.equal(await runDecide({ file: missing }, c.io), 2);
    const problem = JSON.parse(c.stderr()) as { errors: { message: string }[] };
    assert.match(problem.errors[0]?.message ?? '', /Cannot read the answers file ".*missing\.json": no such file/);

    const d = capture();
    assert.equal(await runDecide({ file: dir }, d.io), 2);
    assert.match(d.stderr(), /it is a directory/);
  });

  describe('--pack', () => {
    const under13 = {
      purpose: 'early_help',
      identifiable: true,
      level: 'minimum',
      confidential: true,
      childAge: 12,
      consent: 'refused',
      consentConflict: false,
      harm: 'none',
      sexualActivityUnder13: true,
    };

    it('defaults to the national baseline and names the pack in the decision', async () => {
      const file = await write('u13.json', JSON.stringify(under13));
      const c = capture();
      assert.equal(await runDecide({ file }, c.io), 0);
      const decision = JSON.parse(c.stdout()) as { pack: string; outcome: string };
      assert.equal(decision.pack, DEFAULT_PACK);
      assert.equal(decision.outcome, 'seek_advice');
    });

    it('id@version: the same answers, the protocol’s advice (Derby 2015 s.3: refer a sexually active child under 13)', async () => {
      const file = await write('u13.json', JSON.stringify(under13));
      const c = capture();
      assert.equal(await runDecide({ file, pack: 'derby-derbyshire-2015@2015.4' }, c.io), 0, c.stderr());
      const decision = JSON.parse(c.stdout()) as { pack: string; outcome: string; conditions: string[]; rules: { id: string; clause?: string }[] };
      assert.equal(decision.pack, 'derby-derbyshire-2015@2015.4');
      assert.equal(decision.outcome, 'share');
      assert.ok(decision.conditions.includes('refer_to_childrens_social_care'));
      assert.match(decision.rules[0]?.clause ?? '', /^Derby 2015 s\.3/);
    });

    it('a pack file that extends a shipped pack', async () => {
      const answers = await write(
        'agg.json',
        JSON.stringify({
          purpose: 'child_in_need',
          identifiable: true,
          level: 'aggregate',
          confidential: false,
          childAge: null,
          consent: 'given',
          consentConflict: false,
          harm: 'none',
          sexualActivityUnder13: false,
        }),
      );
      const pack = await write('local.yaml', 'id: local\nversion: "1"\ntitle: A local protocol\nextends: national-baseline@2026.4\naggregate:\n  smallNumberThreshold: 5\n  clause: Local 2026 s.12\n');
      const c = capture();
      assert.equal(await runDecide({ file: answers, pack }, c.io), 0, c.stderr());
      const decision = JSON.parse(c.stdout()) as { pack: string; reasons: string[] };
      assert.equal(decision.pack, 'local@1');
      assert.ok(decision.reasons.some((r) => r.includes('5 or fewer')));
    });

    it('an unknown pack, a version that is not there, or a broken pack file: exit 2 with errors at path "pack"', async () => {
      const file = await write('none.json', '{"purpose":"none"}');
      const unknown = capture();
      assert.equal(await runDecide({ file, pack: 'nowhere@1' }, unknown.io), 2);
      assert.equal(unknown.stdout(), '');
      const e1 = JSON.parse(unknown.stderr()) as { errors: { path: string; message: string }[] };
      assert.deepEqual(
        e1.errors.map((e) => e.path),
        ['pack'],
      );
      assert.match(e1.errors[0]!.message, /^There is no protocol pack "nowhere" in /);

      const version = capture();
      assert.equal(await runDecide({ file, pack: 'derby-derbyshire-2015@2099.1' }, version.io), 2);
      assert.match((JSON.parse(version.stderr()) as { errors: { message: string }[] }).errors[0]!.message, /is derby-derbyshire-2015@2015\.4, not derby-derbyshire-2015@2099\.1/);

      const brokenFile = await write('broken.yaml', 'id: broken\nversion: "1"\ntitle: A broken pack\nextends: national-baseline@2026.4\nconsent:\n  competence:\n    presumedFromAge: twelve\n');
      const broken = capture();
      assert.equal(await runDecide({ file, pack: brokenFile }, broken.io), 2);
      const e3 = JSON.parse(broken.stderr()) as { errors: { path: string; message: string }[] };
      assert.deepEqual(
        e3.errors.map((e) => e.path),
        ['pack'],
      );
      assert.match(e3.errors[0]!.message, /broken\.yaml:7 consent\.competence\.presumedFromAge: Invalid input: expected number, received string$/);
    });

    it('reports bad answers and a bad pack together', async () => {
      const file = await write('bad-both.json', '{"purpose":"gossip"}');
      const c = capture();
      assert.equal(await runDecide({ file, pack: 'nowhere@1' }, c.io), 2);
      assert.deepEqual(
        (JSON.parse(c.stderr()) as { errors: { path: string }[] }).errors.map((e) => e.path),
        ['purpose', 'pack'],
      );
    });
  });

  it('every example in examples/answers is accepted and gives the outcome its name promises', async () => {
    const examples = new URL('../../examples/answers/', import.meta.url);
    const expected: Record<string, string> = {
      'share-with-consent.json': 'share',
      'no-consent-significant-harm.json': 'share',
      'no-purpose.json': 'do_not_share',
      'early-help-consent-refused.json': 'do_not_share',
    };
    const files = (await readdir(examples)).filter((f) => f.endsWith('.json')).sort();
    assert.deepEqual(files, Object.keys(expected).sort());
    for (const name of files) {
      const c = capture();
      const file = new URL(name, examples).pathname;
      assert.equal(await runDecide({ file }, c.io), 0, `${name}: ${c.stderr()}`);
      const decision = JSON.parse(c.stdout()) as { outcome: string; conditions: string[] };
      assert.equal(decision.outcome, expected[name], name);
      assert.ok(decision.conditions.includes('record_reasons'), name);
      if (name === 'no-consent-significant-harm.json') {
        assert.ok(decision.conditions.includes('refer_to_childrens_social_care'));
      }
      // The examples are the documented ones.
      const doc = await readFile(new URL('../../docs/decision-engine.md', import.meta.url), 'utf8');
      assert.ok(doc.includes(`examples/answers/${name}`), `${name} is documented`);
    }
  });
});
