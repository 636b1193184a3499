import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { signIn } from '../../../src/use-cases/accounts/sign-in.ts';
import { readPackFile } from '../../../src/use-cases/kernel/pack-files.ts';
import { createPackRegistry } from '../../../src/use-cases/kernel/packs.ts';
import { createPartnership } from '../../../src/use-cases/partnerships/create-partnership.ts';
import { syncProtocolPacks } from '../../../src/use-cases/partnerships/sync-protocol-packs.ts';
import { openTestDb, PACKS_DIR, type TestDb, testPacks } from '../../support/db.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

const newPartnership = (slug: string, over: Record<string, unknown> = {}) => ({
  slug,
  name: `The ${slug} partnership`,
  agencies: [
    { name: `${slug} council`, sector: 'local_authority', kind: 'statutory_partner' },
    { name: 'Shared Constabulary', sector: 'police', kind: 'statutory_partner' },
  ],
  administrator: { email: `admin@${slug}.example`, displayName: 'Admin', agency: 0, password: 'a long enough password' },
  ...over,
});

async function packFile(dir: string, version: string, extra = '') {
  const file = path.join(dir, `pack-${version}.yaml`);
  await writeFile(file, `id: test-local\nversion: "${version}"\ntitle: A local protocol for tests\nextends: national-baseline@2026.4\n${extra}`);
  const read = await readPackFile(file, PACKS_DIR);
  if (!read.ok) assert.fail(JSON.stringify(read.errors));
  return read.pack;
}

describe(`partnerships on protocol packs (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('creates a partnership from a pack file with no code change, linking shared organisations', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'concord-pack-'));
    const pack = await packFile(dir, '1', 'aggregate:\n  smallNumberThreshold: 5\n  clause: Test protocol s.12\n');
    const a = await createPartnership(t.deps, pack, newPartnership('alpha'), 'c1');
    const b = await createPartnership(t.deps, pack, newPartnership('beta'), 'c2');
    assert.equal(a.kind, 'ok');
    assert.equal(b.kind, 'ok');
    if (a.kind !== 'ok' || b.kind !== 'ok') return;
    assert.equal(a.value.pack, 'test-local@1');
    assert.equal(t.deps.packs.policy('test-local@1').smallNumberThreshold, 5);
    const police = await t.deps.db.selectFrom('agency').select(['partnership_id', 'organisation_id']).where('name', '=', 'Shared Constabulary').execute();
    assert.equal(police.length, 2);
    assert.equal(police[0]!.organisation_id, police[1]!.organisation_id, 'one organisation in two partnerships');
    const opened = await signIn(t.deps, { email: 'admin@alpha.example', password: 'a long enough password', correlationId: 'c' });
    assert.equal(opened.kind === 'ok' && opened.value[0]!.partnershipId, a.value.partnershipId);
  });

  it('never rewrites a pack version: the same content is accepted, changed content is refused', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'concord-pack-'));
    const v2 = await packFile(dir, '2');
    assert.equal((await createPartnership(t.deps, v2, newPartnership('gamma'), 'c')).kind, 'ok');
    const changed = await packFile(dir, '2', 'aggregate:\n  smallNumberThreshold: 3\n  clause: Test protocol s.12\n');
    const refused = await createPartnership(t.deps, changed, newPartnership('delta'), 'c');
    assert.equal(refused.kind, 'conflict');
    assert.match(refused.kind === 'conflict' ? refused.reason : '', /immutable/);
    assert.equal((await t.deps.db.selectFrom('partnership').select('id').where('slug', '=', 'delta').execute()).length, 0, 'nothing half-written');
    await assert.rejects(sql`update protocol_pack set title = 'edited'`.execute(t.deps.db), /immutable/);
  });

  it('rejects a bad partnership with field errors', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'concord-pack-'));
    const pack = await packFile(dir, '3');
    const r = await createPartnership(t.deps, pack, newPartnership('Bad Slug!', { agencies: [], administrator: { email: 'nope', displayName: 'A', agency: 0, password: 'short' } }), 'c');
    assert.equal(r.kind, 'invalid');
    const paths = r.kind === 'invalid' ? r.errors.map((e) => e.path).sort() : [];
    assert.deepEqual(paths, ['administrator.displayName', 'administrator.email', 'administrator.password', 'agencies', 'slug']);
  });

  it('stores the shipped packs and loads every stored pack into the registry', async () => {
    const shipped = (await testPacks()).all();
    const deps = { ...t.deps, packs: createPackRegistry([]) };
    await syncProtocolPacks(deps, shipped);
    for (const p of shipped) assert.ok(deps.packs.get(`${p.id}@${p.version}`), `${p.id} is in the registry`);
    const again = await syncProtocolPacks(deps, shipped);
    assert.deepEqual(again.stored, [], 'a second start stores nothing new');
    assert.ok((await readFile(path.join(PACKS_DIR, 'national-baseline', 'pack.yaml'), 'utf8')).includes('national-baseline'));
  });
});
