// Tampering as the database owner — triggers disabled, rows updated, deleted, inserted and
// reordered directly in SQL — is detected by the independent verifier, which names the first leaf
// where the log diverges: exhaustively (every leaf × every kind of change) over a small log with a
// checkpoint after every event, and by random changes over a larger one. Each change is made in a
// transaction that is rolled back, so the log is untouched between cases.
// test: alone on PostgreSQL (it waits for the audit sequencer; see scripts/test.ts)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import * as V from '../../src/audit-verifier/index.ts';
import { formatReport, kyselyQuery, runVerify } from '../../src/cli/audit.ts';
import type { DB } from '../../src/db/schema.ts';
import { appendEvents, inRolledBackTransaction, settle, trusted, verify } from '../support/audit.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { makeWorld } from '../support/factories.ts';

interface Leaf {
  index: number;
  partnershipId: string;
  eventId: string;
  tx: string;
  salted: boolean;
}

const FIELDS: Record<string, string> = {
  action: `action = 'child.created'`,
  outcome: `outcome = case when outcome = 'ok' then 'denied' else 'ok' end`,
  occurred_at: `occurred_at = occurred_at + interval '1 microsecond'`,
  actor_user_id: 'actor_user_id = gen_random_uuid()',
  actor_agency_id: 'actor_agency_id = gen_random_uuid()',
  subject_type: `subject_type = 'decision'`,
  subject_id: `subject_id = 'forged'`,
  child_id: 'child_id = gen_random_uuid()',
  correlation_id: `correlation_id = 'forged'`,
  via: `via = 'cli'`,
  details: `details = details || '{"forged": true}'`,
  partnership_id: 'partnership_id = gen_random_uuid()',
  id: 'id = default',
  tx: `tx = '3'::xid8`,
};

type Kind = `field:${string}` | 'delete-event' | 'insert-into-past' | 'swap-events' | 'swap-leaves' | 'delete-leaf' | 'change-leaf-hash' | 'delete-salt' | 'rewrite-history';

const KINDS: Kind[] = [
  ...Object.keys(FIELDS).map((f) => `field:${f}` as Kind),
  'delete-event',
  'insert-into-past',
  'swap-events',
  'swap-leaves',
  'delete-leaf',
  'change-leaf-hash',
  'delete-salt',
  'rewrite-history',
];

/** The first divergence each kind of tampering must be reported at, and as what. */
function expected(kind: Kind, i: number, n: number): { position: number; kinds: V.IssueKind[] } {
  const j = i + 1 < n ? i + 1 : i - 1;
  switch (kind) {
    case 'field:partnership_id':
    case 'field:id':
    case 'delete-event':
      return { position: i, kinds: ['event-missing'] };
    case 'field:tx':
      return { position: i, kinds: ['out-of-order'] };
    case 'insert-into-past':
      return { position: i, kinds: ['event-not-in-log'] };
    case 'swap-events':
      return { position: Math.min(i, j), kinds: ['event-modified'] };
    case 'swap-leaves':
      return { position: Math.min(i, j), kinds: ['out-of-order'] };
    case 'delete-leaf':
      // The last leaf leaves no gap behind it: the checkpoints that covered it show it is gone.
      return { position: i, kinds: i === n - 1 ? ['log-truncated'] : ['leaf-missing'] };
    case 'rewrite-history':
      return { position: i, kinds: ['checkpoint-root'] };
    default:
      return { position: i, kinds: ['event-modified'] };
  }
}

const disable = async (trx: Kysely<DB>, ...tables: string[]) => {
  for (const t of tables) await sql.raw(`alter table ${t} disable trigger user`).execute(trx);
};

const whereEvent = (l: Leaf) => `partnership_id = '${l.partnershipId}' and id = ${l.eventId}`;

/** Make one change as the database owner would, inside `trx`. */
async function tamper(trx: Kysely<DB>, kind: Kind, leaves: Leaf[], i: number): Promise<void> {
  const l = leaves[i]!;
  const j = i + 1 < leaves.length ? i + 1 : i - 1;
  const other = leaves[j]!;
  if (kind.startsWith('field:')) {
    await disable(trx, 'audit_event');
    await sql.raw(`update audit_event set ${FIELDS[kind.slice('field:'.length)]} where ${whereEvent(l)}`).execute(trx);
    return;
  }
  switch (kind) {
    case 'delete-event':
      await disable(trx, 'audit_event');
      await sql.raw(`delete from audit_event where ${whereEvent(l)}`).execute(trx);
      return;
    case 'insert-into-past':
      // Commit order puts it just before leaf i: the same transaction id, the id just below.
      await sql
        .raw(
          `insert into audit_event (id, partnership_id, occurred_at, action, outcome, correlation_id, via, tx)
           overriding system value values (${Number(l.eventId) - 1}, gen_random_uuid(), now() - interval '1 year', 'child.viewed', 'ok', 'backdated', 'web', '${l.tx}'::xid8)`,
        )
        .execute(trx);
      return;
    case 'swap-events': {
      const cols = ['occurred_at', 'actor_user_id', 'actor_agency_id', 'action', 'outcome', 'subject_type', 'subject_id', 'child_id', 'correlation_id', 'via', 'details'];
      await disable(trx, 'audit_event');
      await sql
        .raw(
          `update audit_event a set ${cols.map((c) => `${c} = b.${c}`).join(', ')}
             from audit_event b
            where (a.partnership_id, a.id, b.partnership_id, b.id) in (('${l.partnershipId}', ${l.eventId}, '${other.partnershipId}', ${other.eventId}), ('${other.partnershipId}', ${other.eventId}, '${l.partnershipId}', ${l.eventId}))`,
        )
        .execute(trx);
      return;
    }
    case 'swap-leaves':
      await disable(trx, 'audit_leaf');
      await sql.raw(`update audit_leaf set leaf_index = 1000000000 where leaf_index = ${i}`).execute(trx);
      await sql.raw(`update audit_leaf set leaf_index = ${i} where leaf_index = ${j}`).execute(trx);
      await sql.raw(`update audit_leaf set leaf_index = ${j} where leaf_index = 1000000000`).execute(trx);
      return;
    case 'delete-leaf':
      await disable(trx, 'audit_leaf');
      await sql.raw(`delete from audit_leaf where leaf_index = ${i}`).execute(trx);
      return;
    case 'change-leaf-hash':
      await disable(trx, 'audit_leaf');
      await sql.raw(`update audit_leaf set leaf_hash = sha256(leaf_hash) where leaf_index = ${i}`).execute(trx);
      return;
    case 'delete-salt':
      if (l.salted) {
        await disable(trx, 'audit_salt');
        await sql.raw(`delete from audit_salt where partnership_id = '${l.partnershipId}' and event_id = ${l.eventId}`).execute(trx);
      } else {
        // No salt to delete: give the event details that would need one.
        await disable(trx, 'audit_event');
        await sql.raw(`update audit_event set details = '{"criteria": "forged"}' where ${whereEvent(l)}`).execute(trx);
      }
      return;
    case 'rewrite-history':
      await rewriteHistory(trx, leaves.length, i);
      return;
  }
}

/**
 * The strongest attack without the signing key: change an event, then recompute its leaf hash and
 * every stored subtree hash above it, so that everything in the database agrees again. Only the
 * signed checkpoints still remember the old tree.
 */
async function rewriteHistory(trx: Kysely<DB>, n: number, i: number): Promise<void> {
  await disable(trx, 'audit_event', 'audit_leaf', 'audit_node');
  const source = V.sqlLogSource(kyselyQuery(trx));
  const [row] = await source.leafRefs(i, i + 1, 1);
  const key = { partnershipId: row!.eventPartnershipId, eventId: row!.eventId };
  const [e] = await source.eventsByKey([key]);
  const salt = (await source.salts([key])).get(`${key.partnershipId}:${key.eventId}`);
  await sql.raw(`update audit_event set action = 'child.created' where partnership_id = '${e!.partnershipId}' and id = ${e!.eventId}`).execute(trx);
  const commitment = salt ? V.commitToDetails(salt, V.canonicalise(e!.details)) : V.commitToDetails(new Uint8Array(0), '{}');
  const forged = V.hashLeaf(V.leafBytes({ ...e!, action: 'child.created' }, commitment));
  await sql`update audit_leaf set leaf_hash = ${forged} where leaf_index = ${i}`.execute(trx);
  const all = (await source.leafRefs(0, n, n)).map((r) => Buffer.from(r.leafHash, 'hex'));
  for (let level = V.STORED_FROM_LEVEL; 2 ** level <= n; level++) {
    const idx = Math.floor(i / 2 ** level);
    if ((idx + 1) * 2 ** level > n) continue;
    const h = V.treeHash(all.slice(idx * 2 ** level, (idx + 1) * 2 ** level));
    await sql`update audit_node set hash = ${h} where level = ${level} and idx = ${idx}`.execute(trx);
  }
}

async function leavesOf(db: Kysely<DB>): Promise<Leaf[]> {
  const r = await sql<{ i: string; p: string; id: string; tx: string; salted: boolean }>`
    select l.leaf_index::text as i, l.event_partnership_id::text as p, l.event_id::text as id, l.event_tx::text as tx, (s.salt is not null) as salted
      from audit_leaf l left join audit_salt s on s.partnership_id = l.event_partnership_id and s.event_id = l.event_id
     order by l.leaf_index`.execute(db);
  return r.rows.map((x) => ({ index: Number(x.i), partnershipId: x.p, eventId: x.id, tx: x.tx, salted: x.salted }));
}

/** Small batches and segments (verified two at a time) put their boundaries all over the log. */
const SMALL = { batchSize: 3, segmentSize: 8, concurrency: 2 };
const LARGER = { batchSize: 20, segmentSize: 64, concurrency: 3 };

async function tamperAndVerify(db: Kysely<DB>, kind: Kind, leaves: Leaf[], i: number, shape = SMALL): Promise<V.Report> {
  return inRolledBackTransaction(db, async (trx) => {
    await tamper(trx, kind, leaves, i);
    return verify(trx, shape);
  });
}

describe(`tampering is detected and pinpointed (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  describe('exhaustively, over a small log with a checkpoint after every event', () => {
    let t: TestDb;
    let leaves: Leaf[];
    before(async () => {
      t = await openTestDb();
      const w = await makeWorld(t.deps);
      const who = { partnershipId: w.partnershipId, userId: w.council.id, agencyId: w.councilId };
      for (let i = 0; i < 20; i++) {
        await appendEvents(t.deps, who, 1, i % 2 ? null : w.partnershipId, i);
        t.clock.now = new Date(t.clock.now.getTime() + 1000);
        await settle(t.deps);
      }
      leaves = await leavesOf(t.deps.db);
    });
    after(async () => t.close());

    it('the untouched log verifies, with a checkpoint at every size', async () => {
      assert.equal(leaves.length, 20);
      assert.ok(leaves.some((l) => l.salted) && leaves.some((l) => !l.salted));
      const r = await verify(t.deps.db);
      assert.equal(r.ok, true, JSON.stringify(r.issues));
      assert.equal(r.checkpoints, 20);
    });

    for (const kind of KINDS) {
      it(`${kind}: at every leaf, the first divergence is that leaf`, async () => {
        for (let i = 0; i < leaves.length; i++) {
          const r = await tamperAndVerify(t.deps.db, kind, leaves, i);
          const want = expected(kind, i, leaves.length);
          assert.equal(r.ok, false, `${kind} at ${i} was not detected`);
          assert.equal(r.first!.position, want.position, `${kind} at ${i}: first divergence ${JSON.stringify(r.first)}`);
          assert.ok(want.kinds.includes(r.first!.kind), `${kind} at ${i}: reported as ${r.first!.kind}: ${r.first!.message}`);
          if (kind === 'rewrite-history') assert.equal(r.first!.end, i + 1, 'bounded to exactly the changed leaf by the checkpoints');
        }
        assert.equal((await verify(t.deps.db)).ok, true, 'rolled back');
      });
    }

    it('a changed, deleted or unsigned checkpoint, or a wrong stored subtree hash, is reported', async () => {
      const bySig = await inRolledBackTransaction(t.deps.db, async (trx) => {
        await disable(trx, 'audit_checkpoint');
        await sql`update audit_checkpoint set root_hash = sha256(root_hash) where tree_size = 7`.execute(trx);
        return verify(trx);
      });
      assert.equal(bySig.first?.kind, 'checkpoint-signature');
      assert.equal(bySig.first?.position, 7);
      const byKey = await verify(t.deps.db, { keys: [V.trustKey(Buffer.alloc(32, 1).toString('base64'))] });
      assert.equal(byKey.first?.kind, 'checkpoint-signature');
      assert.match(byKey.first!.message, /not trusted/);
      const byNode = await inRolledBackTransaction(t.deps.db, async (trx) => {
        await disable(trx, 'audit_node');
        await sql`update audit_node set hash = sha256(hash) where level = 4 and idx = 0`.execute(trx);
        return verify(trx);
      });
      assert.deepEqual([byNode.first?.kind, byNode.first?.position, byNode.first?.end], ['node-mismatch', 0, 16]);
    });

    it('removing the newest events is caught by any checkpoint that covered them, including one held outside the database', async () => {
      const held = V.parseNote(
        (await t.deps.db.selectFrom('audit_checkpoint').select('tree_size').orderBy('tree_size', 'desc').executeTakeFirstOrThrow()) &&
          (await import('../../src/use-cases/audit/view-audit-checkpoint.ts').then((m) => m.latestSignedCheckpoint(t.deps.db)))!.note,
      );
      // Only the rows: the checkpoints still cover them.
      const truncated = await inRolledBackTransaction(t.deps.db, async (trx) => {
        await disable(trx, 'audit_event', 'audit_leaf', 'audit_salt', 'audit_node');
        await sql`delete from audit_leaf where leaf_index >= 17`.execute(trx);
        return verify(trx);
      });
      assert.deepEqual([truncated.first?.kind, truncated.first?.position], ['log-truncated', 17]);
      // The rows and the checkpoints that covered them: only a checkpoint held elsewhere shows it.
      const erased = await inRolledBackTransaction(t.deps.db, async (trx) => {
        await disable(trx, 'audit_event', 'audit_leaf', 'audit_salt', 'audit_node', 'audit_checkpoint');
        await sql`delete from audit_leaf where leaf_index >= 17`.execute(trx);
        await sql`delete from audit_checkpoint where tree_size > 17`.execute(trx);
        return [await verify(trx), await verify(trx, { held: [held] })] as const;
      });
      assert.equal(erased[0].ok, true, 'without a held checkpoint, a shorter log looks like an older one');
      assert.deepEqual([erased[1].first?.kind, erased[1].first?.position], ['log-truncated', 17]);
    });

    it('the CLI report names the first divergence', async () => {
      const out: string[] = [];
      const clean = await runVerify(t.database, { keys: trusted() }, { stdout: (s) => out.push(s), stderr: () => {} });
      assert.equal(clean.code, 0);
      assert.match(out.join(''), /RESULT: VERIFIED/);
      const r = await inRolledBackTransaction(t.deps.db, async (trx) => {
        await tamper(trx, 'field:action', leaves, 11);
        return verify(trx);
      });
      const text = formatReport(r);
      assert.match(text, /RESULT: TAMPERED\. \d+ problem\(s\)\. The first divergence is at leaf 11:/);
      assert.match(text, new RegExp(`Leaf 11: event ${leaves[11]!.partnershipId}:${leaves[11]!.eventId} was modified`));
    });
  });

  describe('by random changes over a larger log', () => {
    let t: TestDb;
    let leaves: Leaf[];
    let checkpointSizes: number[];
    before(async () => {
      t = await openTestDb();
      const w = await makeWorld(t.deps);
      const who = { partnershipId: w.partnershipId, userId: w.council.id, agencyId: w.councilId };
      // 300 events, checkpoints at irregular sizes.
      const chunks = [17, 40, 1, 64, 30, 50, 3, 60, 35];
      let offset = 0;
      for (const c of chunks) {
        await appendEvents(t.deps, who, c, offset % 3 ? w.partnershipId : null, offset);
        offset += c;
        t.clock.now = new Date(t.clock.now.getTime() + 1000);
        await settle(t.deps);
      }
      leaves = await leavesOf(t.deps.db);
      checkpointSizes = (await t.deps.db.selectFrom('audit_checkpoint').select('tree_size').orderBy('tree_size').execute()).map((c) => Number(c.tree_size));
    });
    after(async () => t.close());

    it('every random change is reported at the leaf it was made (or bounded by the checkpoints around it)', async () => {
      assert.equal(leaves.length, 300);
      assert.equal((await verify(t.deps.db)).ok, true);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...KINDS), fc.integer({ min: 0, max: 299 }), async (kind, i) => {
          const r = await tamperAndVerify(t.deps.db, kind, leaves, i, LARGER);
          assert.equal(r.ok, false, `${kind} at ${i} not detected`);
          const want = expected(kind, i, leaves.length);
          if (kind === 'rewrite-history') {
            const lastGood = Math.max(0, ...checkpointSizes.filter((s) => s <= i));
            const firstBad = Math.min(...checkpointSizes.filter((s) => s > i));
            assert.deepEqual([r.first!.kind, r.first!.position, r.first!.end], ['checkpoint-root', lastGood, firstBad]);
          } else {
            assert.equal(r.first!.position, want.position, `${kind} at ${i}: ${JSON.stringify(r.first)}`);
            assert.ok(want.kinds.includes(r.first!.kind), `${kind} at ${i}: ${r.first!.kind}`);
          }
        }),
        { numRuns: 60 },
      );
      assert.equal((await verify(t.deps.db)).ok, true, 'rolled back');
    });
  });
});
