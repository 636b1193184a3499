import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createKeyring, seal, unseal } from './sealing.ts';

const k1 = { id: 'k1', key: Buffer.alloc(32, 1) };
const k2 = { id: 'k2', key: Buffer.alloc(32, 2) };

describe('sealing sensitive text (AES-256-GCM envelope)', () => {
  it('round-trips, and each seal uses a fresh data key and IV', () => {
    const ring = createKeyring('k1', [k1]);
    const a = seal(ring, 'decision:1', { reasons: 'Because' });
    const b = seal(ring, 'decision:1', { reasons: 'Because' });
    assert.notEqual(a.data, b.data);
    assert.notEqual(a.wrappedKey, b.wrappedKey);
    assert.deepEqual(unseal(ring, 'decision:1', a), { reasons: 'Because' });
    assert.ok(!JSON.stringify(a).includes('Because'));
  });

  it('refuses a value moved to another record, or tampered with', () => {
    const ring = createKeyring('k1', [k1]);
    const s = seal(ring, 'decision:1', 'secret');
    assert.throws(() => unseal(ring, 'decision:2', s));
    const flipped = Buffer.from(s.data, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    assert.throws(() => unseal(ring, 'decision:1', { ...s, data: flipped.toString('base64') }));
  });

  it('rotates: new seals use the current key, old ones still open', () => {
    const old = seal(createKeyring('k1', [k1]), 'c', 'old');
    const ring = createKeyring('k2', [k1, k2]);
    const fresh = seal(ring, 'c', 'new');
    assert.equal(fresh.kid, 'k2');
    assert.equal(unseal(ring, 'c', old), 'old');
    assert.throws(() => unseal(createKeyring('k2', [k2]), 'c', old), /not configured/);
  });
});
