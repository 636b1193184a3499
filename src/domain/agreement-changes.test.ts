// Moving to a new protocol version (ADR 0088) and proposals, without a database: the version in
// force on a day, which signatures keep a party in force before and after the move, when the move
// happens, and which version a decision is recorded under.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { changeAgreed, checkProposal, decisionPack, movesOn } from './agreement-changes.ts';
import { partyStanding, resignBy, signingVersion, versionInForce } from './agreements.ts';
import { addDaysToDate } from './clocks.ts';

const pack = { signatories: { checklist: [], privacyImpactAssessmentBeforeSigning: false, reaffirmation: null, clause: 'test' } } as never;
const day = fc.integer({ min: 0, max: 2000 }).map((n) => addDaysToDate('2025-01-01', n));
const agreement = (from: string) => ({ pack, packRef: 'p@1', next: { pack, packRef: 'p@2', from } });
const party = (signedPack: string, signedOn = '2024-06-01') => ({ active: true, isParty: true, signature: { pack: signedPack, signedOn, lapsedOn: null } });

describe('moving to a new protocol version', () => {
  it('before the date the old and the early new signature stand; from it only the new one does', () => {
    fc.assert(
      fc.property(day, day, (from, today) => {
        const a = agreement(from);
        assert.equal(versionInForce(a, today).packRef, today >= from ? 'p@2' : 'p@1');
        assert.equal(partyStanding(a, party('p@1'), today), today >= from ? 'earlier_version' : 'in_force');
        assert.equal(partyStanding(a, party('p@2'), today), 'in_force');
        assert.equal(partyStanding(a, party('p@0'), today), 'earlier_version');
      }),
    );
  });

  it('once a move is agreed, parties sign the new version, and those that have not are told by when', () => {
    const a = agreement('2027-01-01');
    assert.equal(signingVersion(a), 'p@2');
    assert.equal(signingVersion({ packRef: 'p@1', next: null }), 'p@1');
    assert.equal(resignBy(a, { pack: 'p@1' }), '2027-01-01');
    assert.equal(resignBy(a, null), '2027-01-01');
    assert.equal(resignBy(a, { pack: 'p@2' }), null);
    assert.equal(resignBy({ next: null }, { pack: 'p@1' }), null);
  });

  it('a move never takes effect before it is agreed nor before its date', () => {
    fc.assert(
      fc.property(day, day, (effective, agreed) => {
        const on = movesOn(effective, agreed);
        assert.ok(on >= effective && on >= agreed);
        assert.ok(on === effective || on === agreed);
      }),
    );
  });

  it('a change is agreed only when every named party has', () => {
    assert.equal(changeAgreed(['a', 'b'], ['a']), false);
    assert.equal(changeAgreed(['a', 'b'], ['b', 'a', 'c']), true);
    assert.equal(changeAgreed([], []), false, 'nobody to agree is not agreement');
  });

  it('a decision keeps the version it started under only if the partnership was on it', () => {
    assert.equal(decisionPack('p@1', 'p@2', ['p@1']), 'p@1');
    assert.equal(decisionPack('p@2', 'p@2', []), 'p@2');
    assert.equal(decisionPack('other@9', 'p@2', ['p@1']), 'p@2');
    assert.equal(decisionPack(undefined, 'p@2', ['p@1']), 'p@2');
  });

  it('a proposal names a known, different version with a date not in the past', () => {
    const ctx = { currentPack: 'p@1', knownPacks: ['p@1', 'p@2'], pendingMove: false };
    assert.deepEqual(checkProposal({ summary: 'x', toPack: 'p@2', effectiveOn: '2026-12-01' }, ctx, '2026-11-20'), []);
    assert.deepEqual(checkProposal({ summary: 'x' }, ctx, '2026-11-20'), []);
    assert.deepEqual(
      checkProposal({ summary: 'x', toPack: 'p@2', effectiveOn: '2026-12-01' }, { ...ctx, pendingMove: true }, '2026-11-20').map((e) => e.path),
      ['toPack'],
    );
    assert.deepEqual(
      checkProposal({ summary: 'x', toPack: 'p@2' }, ctx, '2026-11-20').map((e) => e.path),
      ['effectiveOn'],
    );
  });
});
