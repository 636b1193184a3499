// Proof that deleted means deleted (issue 14 part 4; Southampton 2010 s.6 "deleted beyond
// recovery"). Known marker text goes into every kind of record Concord disposes of — a request and
// its notes, a decision, information sent with an attachment, audit details — which are then
// disposed of. A dump of the database must hold neither the marker nor any of the disposed records'
// data keys or ciphertexts, and the audit log must still verify. On PGlite the dump is the data
// directory itself (`dumpDataDir`, after VACUUM FULL so dead row versions are gone); on PostgreSQL
// it is `pg_dump`, and — where this process can read it — the write-ahead log after a CHECKPOINT,
// which must never hold the sealed marker (it is encrypted before it reaches the database). What the
// WAL still holds from before disposal is reported, not hidden: see ADR 0061.
// test: alone on PostgreSQL (it waits for the audit sequencer; see scripts/test.ts)
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { disposeApproved } from '../../../src/use-cases/retention/dispose-approved.ts';
import { findRecordsDue } from '../../../src/use-cases/retention/find-records-due.ts';
import { listDisposals } from '../../../src/use-cases/retention/list-disposals.ts';
import { reviewDisposal } from '../../../src/use-cases/retention/review-disposal.ts';
import { settle, verify } from '../../support/audit.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { markedRecords, markers } from '../../support/retention.ts';
import { must } from '../../support/sharing.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

const TABLES = ['decision', 'info_request', 'info_request_event', 'disclosure', 'disclosure_attachment', 'audit_event'] as const;

/** Everything secret about the records before disposal: wrapped keys and ciphertexts, as they would appear in a dump. */
async function secretsOf(w: { partnershipId: string; decisionId: string; requestId: string; disclosureId: string }): Promise<string[]> {
  const db = t.deps.db;
  const out: string[] = [];
  const d = await db.selectFrom('decision').select('sealed').where('id', '=', w.decisionId).executeTakeFirstOrThrow();
  const r = await db.selectFrom('info_request').select('sealed').where('id', '=', w.requestId).executeTakeFirstOrThrow();
  const events = await db.selectFrom('info_request_event').select('sealed').where('request_id', '=', w.requestId).where('sealed', 'is not', null).execute();
  for (const s of [d.sealed, r.sealed, ...events.map((e) => e.sealed!)]) out.push(s.wrappedKey, s.data);
  const dis = await db.selectFrom('disclosure').select(['wrapped_key', 'payload']).where('id', '=', w.disclosureId).executeTakeFirstOrThrow();
  out.push(dis.wrapped_key!, dis.payload.data);
  const att = await db.selectFrom('disclosure_attachment').select('content').where('disclosure_id', '=', w.disclosureId).executeTakeFirstOrThrow();
  out.push(att.content.subarray(28).toString('hex'));
  return out;
}

describe(`proof of disposal (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('leaves no marker, key or ciphertext of a disposed record in a dump, and the audit log verifies', async (ctx) => {
    t.clock.now = new Date('2026-11-20T10:00:00Z');
    const marker = markers();
    const w = await markedRecords(t.deps, marker);
    await settle(t.deps);
    const secrets = await secretsOf(w);
    assert.ok(secrets.every((s) => s.length >= 16));

    // Long after everything's retention has ended; both IG leads approve all of it.
    t.clock.now = new Date('2043-01-01T00:00:00Z');
    await findRecordsDue(t.deps);
    for (const ig of [w.councilIg, w.policeIg]) {
      const ids = must(await listDisposals(t.deps, ig.actor)).pending.map((r) => r.id);
      must(await reviewDisposal(t.deps, ig.actor, { reviewIds: ids, action: 'approve' }));
    }
    const run = await disposeApproved(t.deps, { batchSize: 50 });
    assert.ok(run.disposed >= 4);
    assert.deepEqual(new Set(run.certificates.map((c) => c.kind)), new Set(['decision', 'request', 'disclosure_received', 'audit_details']));
    await settle(t.deps);
    const report = await verify(t.deps.db);
    assert.equal(report.ok, true, JSON.stringify(report.issues.slice(0, 3)));
    assert.ok(report.shredded >= 1);

    const needles = [marker.sealed, marker.audit, ...secrets];
    const found = (hay: Buffer) => needles.filter((n) => hay.includes(Buffer.from(n)));

    if (t.database.raw.kind === 'pglite') {
      const pglite = t.database.raw.pglite;
      for (const table of TABLES) await pglite.exec(`vacuum full ${table}`);
      await pglite.exec('checkpoint');
      const dir = Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer());
      assert.ok(dir.length > 1_000_000, 'the whole data directory');
      assert.ok(dir.includes(Buffer.from('disposal_certificate')), 'the dump is searchable text where the data is');
      const inDir = found(dir);
      // The data directory includes PGlite's own write-ahead log; the sealed marker is never written in clear.
      assert.ok(!inDir.includes(marker.sealed), 'the sealed marker is nowhere in the data directory');
      ctx.diagnostic(
        `data directory: ${inDir.length} of ${needles.length} needles still present (write-ahead log history): ${inDir.map((n) => (n === marker.audit ? 'audit marker' : n === marker.sealed ? 'sealed marker' : 'key/ciphertext')).join(', ') || 'none'}`,
      );
      // A logical dump (what a backup of the live database holds): nothing.
      const rows: string[] = [];
      for (const table of TABLES) rows.push(...(await sql<{ r: string }>`select t::text as r from ${sql.table(table)} t`.execute(t.deps.db)).rows.map((x) => x.r));
      const logical = Buffer.from(rows.join('\n'));
      assert.deepEqual(found(logical), [], 'no marker, key or ciphertext in a logical dump');
    } else {
      const url = process.env.TEST_DATABASE_URL!;
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.deps.db)).rows[0]!.s;
      const { stdout } = await promisify(execFile)('pg_dump', ['--no-owner', `--schema=${schema}`, url], { maxBuffer: 512 * 1024 * 1024 });
      const dump = Buffer.from(stdout);
      assert.ok(dump.includes(Buffer.from('disposal_certificate')), 'pg_dump ran over the test schema');
      assert.deepEqual(found(dump), [], 'no marker, key or ciphertext in pg_dump');
      // The write-ahead log, read through the server (superuser) after a checkpoint, where allowed.
      await sql`checkpoint`.execute(t.deps.db);
      let wal: Buffer | undefined;
      try {
        const files = (await sql<{ name: string }>`select name from pg_ls_waldir() where name ~ '^[0-9A-F]{24}$' order by name`.execute(t.deps.db)).rows;
        const parts: Buffer[] = [];
        for (const f of files) parts.push((await sql<{ b: Buffer }>`select pg_read_binary_file(${`pg_wal/${f.name}`}) as b`.execute(t.deps.db)).rows[0]!.b);
        wal = Buffer.concat(parts);
      } catch (e) {
        ctx.diagnostic(`the WAL is not readable here (${(e as Error).message}); skipped`);
      }
      if (wal) {
        assert.ok(!wal.includes(Buffer.from(marker.sealed)), 'the sealed marker never reaches the WAL');
        const inWal = found(wal);
        ctx.diagnostic(`WAL (${wal.length} bytes): ${inWal.length} of ${needles.length} needles from before disposal remain until the segments are recycled (ADR 0061)`);
      }
    }
  });
});
