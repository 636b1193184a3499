// The tamper-evident audit log on a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL
// is set): sequencing in commit order behind the watermark, under concurrent writers and
// sequencers; signed checkpoints; inclusion and consistency proofs checked by the independent
// verifier; crypto-shredding; and the log tables refusing change.
// test: alone on PostgreSQL (it waits for the audit sequencer; see scripts/test.ts)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import * as V from '../../../src/audit-verifier/index.ts';
import { checkConsistency, checkInclusion } from '../../../src/cli/audit.ts';
import { canonicalJson, encodeLeaf } from '../../../src/domain/audit-leaf.ts';
import { startAuditSequencer } from '../../../src/jobs/audit-sequencer.ts';
import { consistencyProof } from '../../../src/use-cases/audit/prove-audit-consistency.ts';
import { inclusionProof, proveAuditInclusion } from '../../../src/use-cases/audit/prove-audit-inclusion.ts';
import { sequenceOnce } from '../../../src/use-cases/audit/sequence-audit-log.ts';
import { shredAuditDetails } from '../../../src/use-cases/audit/shred-audit-details.ts';
import { checkpointOnce } from '../../../src/use-cases/audit/sign-audit-checkpoint.ts';
import { appendAudit } from '../../../src/use-cases/kernel/audit.ts';
import { appendEvents, eventFor, settle, trusted, verify } from '../../support/audit.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { makeStaff, makeWorld } from '../../support/factories.ts';

let t: TestDb;
let w: Awaited<ReturnType<typeof makeWorld>>;
let who: { partnershipId: string; userId: string; agencyId: string };
before(async () => {
  t = await openTestDb();
  w = await makeWorld(t.deps);
  who = { partnershipId: w.partnershipId, userId: w.council.id, agencyId: w.councilId };
});
after(async () => t.close());

const onPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

async function commitOrder(): Promise<string[]> {
  const r = await sql<{ k: string }>`select partnership_id || ':' || id as k from audit_event order by tx, id`.execute(t.deps.db);
  return r.rows.map((x) => x.k);
}
async function leafOrder(): Promise<string[]> {
  const r = await sql<{ k: string }>`select event_partnership_id || ':' || event_id as k from audit_leaf order by leaf_index`.execute(t.deps.db);
  return r.rows.map((x) => x.k);
}

describe(`the audit log (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('sequences committed events in commit order, in any batch size, and signs checkpoints that verify', async () => {
    await appendEvents(t.deps, who, 23);
    let first = await sequenceOnce(t.deps, { batchSize: 5 });
    for (let tries = 0; first.appended < 23 && tries < 500; tries++) {
      // On a shared PostgreSQL server another session's transaction may hold the watermark back.
      await new Promise((r) => setTimeout(r, 20));
      const more = await sequenceOnce(t.deps, { batchSize: 5 });
      first = { ...more, appended: first.appended + more.appended };
    }
    assert.equal(first.appended, 23);
    assert.equal(first.treeSize, 23);
    const c1 = await checkpointOnce(t.deps);
    assert.ok(c1);
    assert.equal(c1.treeSize, 23);
    assert.match(c1.note, /^concord-audit-log\n23\n[A-Za-z0-9+/]{43}=\ntime 2026-11-20T10:00:00\.000Z\n\n\u2014 concord-audit-log [A-Za-z0-9+/]+={0,2}\n$/);
    assert.equal(await checkpointOnce(t.deps), undefined, 'nothing new, no new checkpoint');

    await appendEvents(t.deps, who, 19, null, 23);
    t.clock.now = new Date('2026-11-20T10:00:01.250Z');
    const second = await settle(t.deps);
    assert.equal(second.appended, 19);
    assert.equal(second.checkpoint?.treeSize, 42);
    assert.deepEqual(await leafOrder(), await commitOrder());

    const report = await verify(t.deps.db);
    assert.equal(report.ok, true, JSON.stringify(report.issues));
    assert.equal(report.leaves, 42);
    assert.equal(report.checkpoints, 2);
    assert.equal(report.latest?.treeSize, 42);
    assert.equal(report.pending, 0);
    // The exported checkpoint is a signed note the verifier accepts, and the log still matches it.
    const held = V.parseNote(second.checkpoint!.note);
    assert.equal(V.checkSignature(held, trusted()), 'valid');
    assert.equal((await verify(t.deps.db, { held: [held] })).ok, true);
  });

  it('encodes leaves identically in the domain and in the independent verifier', async () => {
    const rows = await sql<{ p: string; id: string; d: string }>`select partnership_id::text as p, id::text as id, details::text as d from audit_event`.execute(t.deps.db);
    for (const r of rows.rows) assert.equal(canonicalJson(r.d), V.canonicalise(r.d));
    const fields = {
      partnershipId: w.partnershipId,
      eventId: '12',
      occurredAt: '2026-11-20T10:00:00.123456Z',
      actorUserId: null,
      actorAgencyId: w.councilId,
      action: 'child.viewed',
      outcome: 'ok',
      subjectType: 'child',
      subjectId: 'x',
      childId: null,
      correlationId: 'ç-✓',
      via: 'web',
    };
    const c = Buffer.alloc(32, 3);
    assert.deepEqual(encodeLeaf(fields, c), V.leafBytes(fields, c));
  });

  it('proves every event is included and every checkpoint consistent, checked by the independent verifier', async () => {
    const events = await sql<{ id: string }>`select e.id::text as id from audit_event e where e.partnership_id = ${w.partnershipId} order by e.tx, e.id`.execute(t.deps.db);
    const keys = trusted();
    for (const e of events.rows) {
      const p = await inclusionProof(t.deps.db, { partnershipId: w.partnershipId, eventId: e.id });
      assert.equal(p.kind, 'ok');
      if (p.kind !== 'ok') return;
      assert.deepEqual(checkInclusion(p.value, keys), [], `event ${e.id}`);
      // and against the earlier checkpoint, when the event is in it
      if (p.value.leafIndex < 23) {
        const old = await inclusionProof(t.deps.db, { partnershipId: w.partnershipId, eventId: e.id, treeSize: 23 });
        assert.ok(old.kind === 'ok' && checkInclusion(old.value, keys).length === 0);
      }
    }
    // A wrong tree size is refused with a field error; an unknown event is not found.
    const bad = await inclusionProof(t.deps.db, { partnershipId: w.partnershipId, eventId: events.rows[30]!.id, treeSize: 23 });
    assert.equal(bad.kind, 'invalid');
    assert.equal((await inclusionProof(t.deps.db, { partnershipId: w.partnershipId, eventId: '999999999' })).kind, 'not_found');
    assert.equal((await inclusionProof(t.deps.db, { partnershipId: w.schoolId, eventId: events.rows[0]!.id })).kind, 'not_found', 'another partnership');

    for (const [m, n] of [
      [23, 42],
      [1, 42],
      [42, 42],
      [16, 42],
      [7, 23],
    ] as const) {
      const r = await consistencyProof(t.deps.db, { first: m, second: n });
      assert.equal(r.kind, 'ok');
      if (r.kind !== 'ok') return;
      const problems = checkConsistency(r, keys);
      // Only sizes 23 and 42 were signed; the maths must hold for every pair.
      assert.deepEqual(
        problems.filter((p) => !p.includes('no signed checkpoint')),
        [],
        `${m}→${n}`,
      );
      if (m === 23 && n === 42) assert.deepEqual(problems, []);
    }
    assert.equal((await consistencyProof(t.deps.db, { first: 0, second: 5 })).kind, 'invalid');
    assert.equal((await consistencyProof(t.deps.db, { first: 5, second: 4000 })).kind, 'invalid');
  });

  it('gives proofs only to information-governance staff, and audits each one', async () => {
    const ig = await makeStaff(t.deps, w.partnershipId, w.councilId, ['ig_lead']);
    const [e] = (await sql<{ id: string }>`select e.id::text as id from audit_event e where e.partnership_id = ${w.partnershipId} order by e.id limit 1`.execute(t.deps.db)).rows;
    assert.equal((await proveAuditInclusion(t.deps, w.council.actor, { eventId: e!.id })).kind, 'not_found');
    const r = await proveAuditInclusion(t.deps, ig.actor, { eventId: e!.id });
    assert.equal(r.kind, 'ok');
    const audited = await t.deps.db.selectFrom('audit_event').select(['action', 'subject_id']).where('actor_user_id', '=', ig.id).execute();
    assert.deepEqual(audited, [{ action: 'audit-log.proof-requested', subject_id: e!.id }]);
    // Asking about an event that is not there is audited too, as not found; and in one statement
    // with the read otherwise, so a proof that cannot be given for that size still records the read.
    assert.equal((await proveAuditInclusion(t.deps, ig.actor, { eventId: '999999999' })).kind, 'not_found');
    assert.equal((await proveAuditInclusion(t.deps, ig.actor, { eventId: e!.id, treeSize: 10 ** 9 })).kind, 'invalid');
    const all = await t.deps.db.selectFrom('audit_event').select(['action', 'outcome', 'subject_id', 'details']).where('actor_user_id', '=', ig.id).orderBy('id').execute();
    assert.deepEqual(
      all.map((a) => [a.action, a.outcome, a.subject_id, a.details]),
      [
        ['audit-log.proof-requested', 'ok', e!.id, { proof: 'inclusion', treeSize: null }],
        ['audit-log.proof-requested', 'not_found', '999999999', { proof: 'inclusion', treeSize: null }],
        ['audit-log.proof-requested', 'ok', e!.id, { proof: 'inclusion', treeSize: 10 ** 9 }],
      ],
    );
    await settle(t.deps);
  });

  // Only on PostgreSQL: PGlite has one connection, so no two transactions can be open at once.
  if (onPostgres())
    it('waits behind a transaction that is still running, then takes events in commit order (PostgreSQL)', async () => {
      await settle(t.deps);
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await client.connect();
      try {
        const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.deps.db)).rows[0]!.s;
        await client.query(`set search_path = ${schema}`);
        // A: starts first (older transaction id), appends an event, and stays open.
        await client.query('begin');
        await client.query(`insert into audit_event (partnership_id, action, outcome, correlation_id, via) values ($1, 'child.viewed', 'ok', 'slow', 'web')`, [w.partnershipId]);
        // B: starts later and commits at once.
        await appendEvents(t.deps, who, 1);
        const blocked = await sequenceOnce(t.deps);
        assert.equal(blocked.appended, 0, 'B waits: A could still commit an event that belongs before it');
        await client.query('commit');
        const done = await settle(t.deps);
        assert.equal(done.appended, 2);
        const last2 = (await leafOrder()).slice(-2);
        const slow = await sql<{ k: string }>`select partnership_id || ':' || id as k from audit_event where correlation_id = 'slow'`.execute(t.deps.db);
        assert.equal(last2[0], slow.rows[0]!.k, 'A is before B: it began (took its transaction id) first');
      } finally {
        await client.end();
      }
      assert.deepEqual(await leafOrder(), await commitOrder());
      await settle(t.deps);
    });

  it('keeps a gapless log in commit order under concurrent writers and competing sequencers', async () => {
    let writing = true;
    const sequencer = async () => {
      let busy = 0;
      while (writing) {
        const r = await sequenceOnce(t.deps, { batchSize: 7 });
        if (r.busy) busy++;
        await checkpointOnce(t.deps);
        await new Promise((r) => setTimeout(r, 5));
      }
      return busy;
    };
    const writer = async (k: number) => {
      for (let i = 0; i < 20; i++) {
        const { actor, entry } = eventFor(i + k * 100, who, null);
        // Several events in one transaction, sometimes: they share a transaction id.
        await t.deps.db.transaction().execute(async (trx) => {
          await appendAudit(trx, actor, entry);
          if (i % 5 === 0) await appendAudit(trx, actor, { ...entry, action: 'decision.viewed' });
        });
      }
    };
    const sequencers = [sequencer(), sequencer()];
    await Promise.all([0, 1, 2, 3].map(writer));
    writing = false;
    await Promise.all(sequencers);
    await settle(t.deps);
    const leaves = await leafOrder();
    assert.deepEqual(leaves, await commitOrder());
    assert.equal(new Set(leaves).size, leaves.length, 'no event twice');
    const idx = await sql<{ i: string }>`select leaf_index::text as i from audit_leaf order by leaf_index`.execute(t.deps.db);
    assert.deepEqual(
      idx.rows.map((r) => Number(r.i)),
      leaves.map((_, i) => i),
      'no gaps',
    );
    const report = await verify(t.deps.db, { batchSize: 13 });
    assert.equal(report.ok, true, JSON.stringify(report.issues.slice(0, 3)));
    assert.ok(report.checkpoints >= 3);
  });

  it('the job sequences and signs new events soon after they commit, and stops cleanly (the benchmark measures how soon)', async () => {
    await settle(t.deps);
    const signed: { at: number; size: number }[] = [];
    const job = startAuditSequencer(t.deps, { intervalMs: 100, onCheckpoint: (c) => signed.push({ at: performance.now(), size: c.treeSize }) });
    try {
      const before = (await sql<{ n: string }>`select count(*)::text as n from audit_leaf`.execute(t.deps.db)).rows[0]!.n;
      await appendEvents(t.deps, who, 3, null, 500);
      const committed = performance.now();
      const target = Number(before) + 3;
      while (!signed.some((c) => c.size >= target) && performance.now() - committed < 10_000) await new Promise((r) => setTimeout(r, 10));
      const at = signed.find((c) => c.size >= target)?.at;
      assert.ok(at !== undefined, 'a checkpoint covers the new events');
    } finally {
      await job.stop();
    }
    const after = signed.length;
    await new Promise((r) => setTimeout(r, 250));
    assert.equal(signed.length, after, 'no tick after stop');
  });

  it('crypto-shreds details on request of an IG lead, and the log still verifies', async () => {
    const ig = await makeStaff(t.deps, w.partnershipId, w.councilId, ['ig_lead']);
    const searches = await t.deps.db.selectFrom('audit_event').select('id').where('partnership_id', '=', w.partnershipId).where('action', '=', 'child.searched').orderBy('id').limit(2).execute();
    const ids = searches.map((s) => s.id);
    assert.equal((await shredAuditDetails(t.deps, w.council.actor, { eventIds: ids, reason: 'Retention period ended' })).kind, 'not_found');
    const r = await shredAuditDetails(t.deps, ig.actor, { eventIds: ids, reason: 'Retention period ended' });
    assert.deepEqual(r, { kind: 'ok', value: { shredded: 2 } });
    const after = await t.deps.db.selectFrom('audit_event').select(['details']).where('id', 'in', ids).execute();
    assert.deepEqual(
      after.map((a) => a.details),
      [{ $shredded: 'audit-details-v1' }, { $shredded: 'audit-details-v1' }],
    );
    assert.equal((await t.deps.db.selectFrom('audit_salt').select('event_id').where('event_id', 'in', ids).execute()).length, 0);
    await settle(t.deps);
    const report = await verify(t.deps.db);
    assert.equal(report.ok, true, JSON.stringify(report.issues));
    assert.equal(report.shredded, 2);
    // Proofs for shredded events still verify.
    const p = await inclusionProof(t.deps.db, { partnershipId: w.partnershipId, eventId: ids[0]! });
    assert.ok(p.kind === 'ok' && checkInclusion(p.value, trusted()).length === 0);
  });

  it('refuses to change the log tables, even for the database owner; shredding may change only the details', async () => {
    for (const table of ['audit_leaf', 'audit_node', 'audit_checkpoint']) {
      await assert.rejects(
        sql
          .raw(`update ${table} set ${table === 'audit_checkpoint' ? 'key_id' : 'hash'} = ${table === 'audit_checkpoint' ? "'00000000'" : 'hash'}`)
          .execute(t.deps.db)
          .catch((e: Error) => {
            // audit_leaf has no "hash" column: use its own
            if (/column "hash"/.test(e.message)) return sql.raw(`update ${table} set leaf_hash = leaf_hash`).execute(t.deps.db);
            throw e;
          }),
        /append-only/,
      );
      await assert.rejects(sql.raw(`delete from ${table}`).execute(t.deps.db), /append-only/);
      await assert.rejects(sql.raw(`truncate ${table}`).execute(t.deps.db), /append-only/);
    }
    await assert.rejects(sql`delete from audit_salt`.execute(t.deps.db), /salts are deleted only to shred/);
    await assert.rejects(sql`update audit_event set details = '{"$shredded": "audit-details-v1"}'`.execute(t.deps.db), /append-only/);
    await assert.rejects(
      t.deps.db.transaction().execute(async (trx) => {
        await sql`select set_config('concord.audit_shredding', 'on', true)`.execute(trx);
        await sql`update audit_event set details = '{"$shredded": "audit-details-v1"}', action = 'child.viewed'`.execute(trx);
      }),
      /append-only/,
    );
    assert.equal((await verify(t.deps.db)).ok, true);
  });
});
