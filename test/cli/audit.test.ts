// `concord audit …` end to end on an embedded database in a temporary folder: sequence and sign,
// verify (and see tampering reported with exit code 1), prove an event, prove consistency, export
// a checkpoint and hold it, print the public key, export an agency's access log. (The commands
// read DATABASE_URL; on PostgreSQL the same verification, with worker threads, is exercised by
// tamper.test.ts through runVerify.)
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { sql } from 'kysely';
import * as V from '../../src/audit-verifier/index.ts';
import { registerAuditCommands } from '../../src/cli/audit.ts';
import { devAuditSigningKey } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createAuditSigner } from '../../src/use-cases/kernel/audit-signing.ts';
import { appendEvents } from '../support/audit.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'concord-audit-cli-'));
const env = { DATABASE_URL: `pglite://${dir}/db`, NODE_ENV: 'test' };
const saved: Record<string, string | undefined> = {};
let partnershipId = '';
let agencyId = '';

async function concord(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command('concord').exitOverride();
  registerAuditCommands(program, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  process.exitCode = 0;
  await program.parseAsync(['node', 'concord', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out: out.join(''), err: err.join('') };
}

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const database = await openDatabase(env.DATABASE_URL);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

before(async () => {
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  delete saved.AUDIT_SIGNING_KEY;
  await withDb(async (database) => {
    await migrateToLatest(database.db);
    partnershipId = crypto.randomUUID();
    agencyId = crypto.randomUUID();
    await database.db.insertInto('partnership').values({ id: partnershipId, slug: 'cli-test', name: 'CLI test', pack: 'national-baseline@2026.4' }).execute();
    await database.db.insertInto('agency').values({ partnership_id: partnershipId, id: agencyId, name: 'Council', sector: 'local_authority', kind: 'statutory_partner' }).execute();
    const deps = { db: database.db } as Parameters<typeof appendEvents>[0];
    await appendEvents(deps, { partnershipId, userId: crypto.randomUUID(), agencyId }, 12);
  });
});

after(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('concord audit (CLI)', () => {
  it('sequences and signs, verifies, proves, exports and prints the key', { timeout: 60_000 }, async () => {
    const seq = await concord('audit', 'sequence');
    assert.equal(seq.code, 0);
    assert.match(seq.out, /Added 12 event\(s\)\. Signed checkpoint 12\./);

    const key = await concord('audit', 'public-key');
    assert.match(key.out, /^-----BEGIN PUBLIC KEY-----/);
    assert.match(key.err, /DEVELOPMENT key/);
    const dev = createAuditSigner(devAuditSigningKey());
    assert.ok(key.out.includes(dev.verifierKey));
    const keyFile = path.join(dir, 'audit.pub');
    writeFileSync(keyFile, dev.publicKeyPem);

    const cp = await concord('audit', 'checkpoint', '--export');
    assert.equal(cp.code, 0);
    const held = V.parseNote(cp.out);
    assert.equal(held.treeSize, 12);
    const heldFile = path.join(dir, 'checkpoint.txt');
    writeFileSync(heldFile, cp.out);

    const verified = await concord('audit', 'verify', '--public-key', keyFile, '--checkpoint', heldFile, '--no-progress');
    assert.equal(verified.code, 0, verified.out);
    assert.match(verified.out, /Leaves re-hashed\s+12/);
    assert.match(verified.out, /Checkpoints you hold\s+1/);
    assert.match(verified.out, /RESULT: VERIFIED/);

    const event = await withDb(async (d) => (await sql<{ id: string }>`select event_id::text as id from audit_leaf where leaf_index = 4`.execute(d.db)).rows[0]!.id);
    const prove = await concord('audit', 'prove', '--event', `${partnershipId}:${event}`, '--public-key', keyFile);
    assert.equal(prove.code, 0, prove.err);
    assert.match(prove.err, /^Verified: leaf 4 is in the log of 12 leaves/);
    assert.equal(JSON.parse(prove.out).leafIndex, 4);
    assert.equal((await concord('audit', 'prove', '--event', `${partnershipId}:999999`)).code, 2);

    await withDb(async (d) => {
      const deps = { db: d.db } as Parameters<typeof appendEvents>[0];
      await appendEvents(deps, { partnershipId, userId: crypto.randomUUID(), agencyId }, 5, null, 100);
    });
    await concord('audit', 'sequence');
    const consistency = await concord('audit', 'consistency', '--first', '12', '--second', '17', '--public-key', keyFile);
    assert.equal(consistency.code, 0, consistency.err);
    assert.match(consistency.err, /^Verified: the log of 17 leaves extends the log of 12/);

    const csv = await concord('audit', 'export', '--agency', agencyId, '--format', 'csv');
    assert.equal(csv.code, 0, csv.err);
    assert.match(csv.out, /^occurred_at,event_id,leaf_index,/);
    assert.equal(csv.out.trim().split('\r\n').length, 1 + 17);
    const json = JSON.parse((await concord('audit', 'export', '--agency', agencyId, '--format', 'json')).out);
    assert.equal(json.entries.length, 17);
    assert.equal((await concord('audit', 'export', '--agency', 'nope', '--format', 'csv')).code, 2);
  });

  it('reports tampering with exit code 1, naming the first divergence', { timeout: 60_000 }, async () => {
    await withDb(async (d) => {
      await sql`alter table audit_event disable trigger user`.execute(d.db);
      await sql`update audit_event set action = 'child.created' where id = (select event_id from audit_leaf where leaf_index = 3)`.execute(d.db);
      await sql`alter table audit_event enable trigger user`.execute(d.db);
    });
    const r = await concord('audit', 'verify', '--no-progress');
    assert.equal(r.code, 1);
    assert.match(r.out, /RESULT: TAMPERED\. \d+ problem\(s\)\. The first divergence is at leaf 3:/);
    assert.match(r.err, /Trusting the configured signing key \(the DEVELOPMENT key/);
    const json = JSON.parse((await concord('audit', 'verify', '--no-progress', '--json')).out) as V.Report;
    assert.equal(json.first?.kind, 'event-modified');
  });
});
