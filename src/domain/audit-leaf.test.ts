// The canonical leaf encoding (docs/audit-log.md): the domain's implementation and the independent
// verifier's agree on every input, canonical JSON ignores key order and whitespace but not values,
// and the details commitment binds the details to their salt. No database.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import * as V from '../audit-verifier/index.ts';
import { canonicalJson, detailsCommitment, encodeLeaf, type LeafFields } from './audit-leaf.ts';

const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const nullable = fc.option(text, { nil: null });
const fieldsArb: fc.Arbitrary<LeafFields> = fc.record({
  partnershipId: fc.uuid(),
  eventId: fc.bigInt({ min: 1n, max: 2n ** 62n }).map(String),
  occurredAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => `${d.toISOString().slice(0, 23)}${String(d.getTime() % 1000).padStart(3, '0')}Z`),
  actorUserId: fc.option(fc.uuid(), { nil: null }),
  actorAgencyId: fc.option(fc.uuid(), { nil: null }),
  action: text,
  outcome: text,
  subjectType: nullable,
  subjectId: nullable,
  childId: fc.option(fc.uuid(), { nil: null }),
  correlationId: text,
  via: text,
});

/** JSON text of the same value with keys shuffled and random whitespace. */
function restyle(value: unknown, seed: number): string {
  const ws = () => [' ', '', '\n', '\t '][seed++ % 4]!;
  const go = (v: unknown): string => {
    if (Array.isArray(v)) return `[${ws()}${v.map(go).join(`,${ws()}`)}]`;
    if (v && typeof v === 'object') {
      const keys = Object.keys(v).reverse();
      return `{${ws()}${keys.map((k) => `${JSON.stringify(k)}${ws()}:${ws()}${go((v as Record<string, unknown>)[k])}`).join(',')}${ws()}}`;
    }
    return JSON.stringify(v);
  };
  return go(value);
}

describe('canonical leaf encoding', () => {
  it('the domain and the verifier encode every event to the same bytes', () => {
    fc.assert(
      fc.property(fieldsArb, fc.uint8Array({ minLength: 32, maxLength: 32 }), (f, c) => {
        assert.deepEqual(encodeLeaf(f, c), V.leafBytes(f, c));
        assert.equal(V.hashLeaf(encodeLeaf(f, c)).toString('hex'), V.hashEventLeaf(f, c));
      }),
      { numRuns: 300 },
    );
  });

  it('characters beyond ASCII are written as UTF-8, never as their low byte', () => {
    const c = Buffer.alloc(32, 2);
    const f: LeafFields = {
      partnershipId: '00000000-0000-4000-8000-000000000001',
      eventId: '1',
      occurredAt: '2026-11-22T10:00:00.000000Z',
      actorUserId: null,
      actorAgencyId: null,
      action: 'child.viewed',
      outcome: 'ok',
      subjectType: 'child',
      subjectId: null,
      childId: null,
      correlationId: 'corr',
      via: 'web',
    };
    // U+0165 ends in 0x65 ("e"): written as Latin-1 it would pass for the original.
    for (const action of ['child.vi\u0165wed', 'child.vi\u00e9wed', 'child.\u{1F600}viewed', 'child.\ud800viewed']) {
      const changed = { ...f, action };
      assert.deepEqual(V.leafBytes(changed, c), encodeLeaf(changed, c));
      assert.notEqual(V.hashEventLeaf(changed, c), V.hashEventLeaf(f, c));
    }
  });

  it('a change to any one field changes the leaf', () => {
    fc.assert(
      fc.property(
        fieldsArb,
        fc.constantFrom<keyof LeafFields>('partnershipId', 'eventId', 'actorUserId', 'action', 'outcome', 'subjectType', 'subjectId', 'childId', 'correlationId', 'via'),
        (f, k) => {
          const c = Buffer.alloc(32, 1);
          const changed = { ...f, [k]: f[k] === null ? '' : `${f[k]}x` };
          assert.notDeepEqual(encodeLeaf(f, c), encodeLeaf(changed, c));
          // Moving characters between adjacent fields changes it too (the lengths frame each field).
          const moved = { ...f, action: `${f.action}a`, outcome: f.outcome.slice(1) };
          if (f.outcome.startsWith('a')) assert.notDeepEqual(encodeLeaf(f, c), encodeLeaf(moved, c));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('canonical JSON: both implementations agree, and key order and whitespace do not matter', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 })), fc.nat(), (value, seed) => {
        const plain = JSON.stringify(value);
        const styled = restyle(value, seed);
        assert.equal(canonicalJson(plain), V.canonicalise(plain));
        assert.equal(canonicalJson(styled), canonicalJson(plain));
        assert.equal(V.canonicalise(styled), V.canonicalise(plain));
        assert.deepEqual(JSON.parse(canonicalJson(plain)), JSON.parse(plain));
      }),
      { numRuns: 300 },
    );
  });

  it('canonical JSON keeps numbers as written (no loss of precision)', () => {
    for (const t of ['{"n":12345678901234567890}', '{"n":1.50}', '{"a":[1,-0.0,2e10]}', '[1,2]', '5']) {
      assert.equal(canonicalJson(t), V.canonicalise(t), t);
    }
    assert.notEqual(canonicalJson('{"n":12345678901234567890}'), canonicalJson('{"n":12345678901234567891}'));
    assert.equal(canonicalJson('{ "b" : 1, "a" : [true, null, "x"] }'), '{"a":[true,null,"x"],"b":1}');
  });

  it('the details commitment binds the details to their salt', () => {
    const salt = Buffer.alloc(16, 5);
    const c = detailsCommitment(salt, '{"criteria":"Ann"}');
    assert.deepEqual(c, V.commitToDetails(salt, '{"criteria":"Ann"}'));
    assert.notDeepEqual(c, detailsCommitment(Buffer.alloc(16, 6), '{"criteria":"Ann"}'));
    assert.notDeepEqual(c, detailsCommitment(salt, '{"criteria":"Ann "}'));
  });
});
