import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  attachmentContext,
  disclosureContext,
  newDisclosureKey,
  SEALED,
  type SealedKind,
  type SealedValue,
  sealAs,
  sealAttachment,
  sealDisclosurePayload,
  sealEachAs,
  unsealAs,
  unsealAttachment,
  unsealDisclosurePayload,
} from './sealed.ts';
import { createKeyring, decryptBytes, decryptJson, seal, unseal, unwrapDataKey } from './sealing.ts';

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

describe('the registry of sealed records', () => {
  const ring = createKeyring('k1', [k1]);
  const values: { [K in SealedKind]: SealedValue<K> } = {
    decision: { purposeDetail: 'Strategy discussion', informationShared: 'Call-outs', reasons: null },
    request: {
      informationNeeded: 'Call-outs',
      reason: 'Strategy discussion',
      consent: 'not_sought',
      consentDetail: 'Risk',
      child: { name: 'Ann Example', dateOfBirth: '2016-01-01', nhsNumber: null, address: null, postcode: null },
    },
    'request-event': { note: 'Allocated' },
    'decision-approval': { note: null },
    'decision-withdrawal': { reason: 'Consent was given after all' },
    correction: { description: 'Wrong date', correctedValue: null, decisionNote: null },
    'onward-agreement': { purpose: 'Referral', reasons: null, itemReasons: { '0f1e': 'Live investigation' } },
    'disclosure-draft': { rows: [{ choice: 'minimum|name', value: 'Ann', kind: 'fact' }], scope: '', sourceItemIds: [], freeText: '' },
    dispute: { summary: 'Call-outs refused' },
    'dispute-event': { discussed: 'SPoCs spoke', reasons: 'Live investigation' },
    complaint: { summary: 'Address shared', response: null },
    'scrutiny-finding': { note: 'Proportionate' },
    'totp-secret': { secret: 'NALF6QET4BSVJMOKQ6N5UJYCON3NCNE5' },
    'identity-provider-secret': { secret: 'a-client-secret' },
    'break-glass': { reason: 'Seen at A&E overnight', reviewNote: null },
    'rights-request': { summary: 'All records about me', evidence: 'Passport seen', reasons: null },
    'rights-event': { note: 'Asked which years' },
    'rights-consultation': { reasons: 'Live investigation' },
    'rights-withheld': { note: 'A neighbour’s name' },
    'rights-response-pack': { pdf: 'JVBERi0=' },
  };
  const kinds = Object.keys(values) as SealedKind[];

  it('binds each kind to its context, byte for byte (values sealed under them must keep opening)', () => {
    const contexts = {
      decision: 'decision:',
      request: 'request:',
      'decision-approval': 'decision-approval:',
      'decision-withdrawal': 'decision-withdrawal:',
      'request-event': 'request-event:',
      correction: 'correction:',
      'onward-agreement': 'onward-agreement:',
      'disclosure-draft': 'disclosure-draft:',
      dispute: 'dispute:',
      'dispute-event': 'dispute-event:',
      complaint: 'complaint:',
      'scrutiny-finding': 'scrutiny-finding:',
      'totp-secret': 'totp-secret:',
      'identity-provider-secret': 'identity-provider-secret:',
      'break-glass': 'break-glass:',
      'rights-request': 'rights-request:',
      'rights-event': 'rights-event:',
      'rights-consultation': 'rights-consultation:',
      'rights-withheld': 'rights-withheld:',
      'rights-response-pack': 'rights-response-pack:',
    };
    assert.deepEqual(kinds.sort(), Object.keys(contexts).sort());
    for (const kind of kinds) {
      assert.equal(SEALED[kind].context('0f1e'), `${contexts[kind]}0f1e`);
      // Sealed through the registry, the value opens under exactly that string.
      assert.deepEqual(unseal(ring, `${contexts[kind]}0f1e`, sealAs(ring, kind, '0f1e', values[kind])), values[kind]);
    }
    assert.equal(disclosureContext('d1'), 'disclosure:d1');
    assert.equal(attachmentContext('d1', 'a1'), 'disclosure:d1:attachment:a1');
    const dk = newDisclosureKey(ring, 'd1');
    assert.deepEqual(unwrapDataKey(ring, dk.kid, dk.wrapped, 'disclosure:d1'), dk.key);
    const payload = { items: [{ id: 'i1', value: 'Call-outs' }], freeText: null, attachments: [] };
    assert.deepEqual(decryptJson(dk.key, sealDisclosurePayload(dk.key, 'd1', payload), 'disclosure:d1'), payload);
    assert.deepEqual(decryptBytes(dk.key, sealAttachment(dk.key, 'd1', 'a1', Buffer.from('file')), 'disclosure:d1:attachment:a1'), Buffer.from('file'));
  });

  it('a sealed value does not open as another kind of record, nor as another record', () => {
    for (const kind of kinds) {
      const sealed = sealAs(ring, kind, 'x', values[kind]);
      assert.deepEqual(unsealAs(ring, kind, 'x', sealed), values[kind]);
      assert.throws(() => unsealAs(ring, kind, 'y', sealed));
      for (const other of kinds.filter((k) => k !== kind)) assert.throws(() => unsealAs(ring, other, 'x', sealed), `${kind} opened as ${other}`);
    }
    const dk = newDisclosureKey(ring, 'x');
    const d = { id: 'x', key_id: dk.kid, wrapped_key: dk.wrapped, payload: sealDisclosurePayload(dk.key, 'x', { items: [], freeText: 'Note', attachments: [] }) };
    assert.equal(unsealDisclosurePayload(ring, d)?.freeText, 'Note');
    assert.throws(() => unsealDisclosurePayload(ring, { ...d, id: 'y' }));
    assert.equal(unsealDisclosurePayload(ring, { ...d, wrapped_key: null }), undefined, 'a shredded disclosure has no payload');
    const content = sealAttachment(dk.key, 'x', 'a1', Buffer.from('file'));
    assert.deepEqual(unsealAttachment(ring, d, 'a1', content), Buffer.from('file'));
    assert.throws(() => unsealAttachment(ring, d, 'a2', content));
    assert.throws(
      () =>
        decryptJson(dk.key, { v: 1, iv: content.subarray(0, 12).toString('base64'), tag: content.subarray(12, 28).toString('base64'), data: content.subarray(28).toString('base64') }, 'disclosure:x'),
      'an attachment is not the payload',
    );
    assert.throws(() => unsealAs(ring, 'request', 'x', { ...sealAs(ring, 'request', 'x', values.request), wrappedKey: dk.wrapped, kid: dk.kid }), 'the disclosure key does not open a request');
  });

  it('seals one tombstone for many records: each opens only as its own record, with its own IVs, and the old key is not reused', () => {
    const ring = createKeyring('k2', [k1, k2]);
    const tombstone = { purposeDetail: 'This record was disposed of', informationShared: null, reasons: null };
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 20 }), (ids) => {
        const before = ids.map((id) => sealAs(ring, 'decision', id, { purposeDetail: 'Secret', informationShared: null, reasons: null }));
        const sealed = sealEachAs(ring, 'decision', ids, tombstone);
        assert.equal(sealed.length, ids.length);
        sealed.forEach((s, i) => {
          assert.equal(s.kid, 'k2');
          assert.deepEqual(unsealAs(ring, 'decision', ids[i]!, s), tombstone);
          assert.notEqual(s.wrappedKey, before[i]!.wrappedKey);
          if (ids.length > 1) assert.throws(() => unsealAs(ring, 'decision', ids[(i + 1) % ids.length]!, s));
          assert.throws(() => unsealAs(ring, 'request', ids[i]!, s as never));
        });
        assert.equal(new Set(sealed.map((s) => s.iv)).size, ids.length);
        assert.equal(new Set(sealed.map((s) => s.wrappedKey)).size, ids.length);
      }),
      { numRuns: 50 },
    );
    assert.deepEqual(sealEachAs(ring, 'decision', [], tombstone), []);
  });
});
