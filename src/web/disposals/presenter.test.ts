// The disposition review page's view model, without a database.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { presentCertificate, presentDisposals } from './presenter.ts';

const row = (over: Record<string, unknown>) => ({
  id: 'r1',
  kind: 'disclosure_received',
  record_id: 'abcdef12-0000-4000-8000-000000000000',
  agency_id: 'a',
  originator_agency_id: null,
  pack: 'national-baseline@2026.4',
  rule_clause: 'Southampton 2010 s.8',
  started_at: new Date('2026-11-20T10:00:00Z'),
  due_at: new Date('2032-11-20T10:00:00Z'),
  status: 'pending',
  deferred_until: null,
  reason: null,
  hold_kind: null,
  decided_by: null,
  decided_by_name: null,
  decided_at: null,
  certificate_id: null,
  disposed_at: null,
  ...over,
});

describe('the disposition review presenter', () => {
  it('says each record’s kind, due date, rule and state in words', () => {
    const v = presentDisposals(
      {
        pending: [row({})],
        approved: [],
        deferred: [row({ id: 'r2', status: 'deferred', deferred_until: new Date('2033-01-01T00:00:00Z'), reason: 'Proceedings open' })],
        held: [row({ id: 'r3', status: 'held', hold_kind: 'safeguarding_practice_review', reason: 'CSPR 2032/7' })],
        disposed: [],
        certificates: [],
        disposedByRecipients: [
          { record_id: 'abcdef12-0000', disposed_at: new Date('2033-01-02T00:00:00Z'), certificate_id: 'c', rule_clause: 'Derby & Derbyshire 2015 s.5 para. 3', agency_name: 'Council' },
        ],
      },
      ['r2'],
    );
    assert.deepEqual(v.items[0], {
      value: 'r1',
      text: 'Information received (the recipient’s copy), reference abcdef12',
      hint: 'Due 20 November 2032 under Southampton 2010 s.8. Awaiting your decision.',
      checked: false,
    });
    assert.equal(v.items[1]!.hint, 'Due 20 November 2032 under Southampton 2010 s.8. Deferred until 1 January 2033: Proceedings open.');
    assert.equal(v.items[1]!.checked, true);
    assert.match(v.items[2]!.hint, /On legal hold \(A child safeguarding practice review\): CSPR 2032\/7\. Release the hold/);
    assert.deepEqual(v.counts, { pending: 1, approved: 0, deferred: 1, held: 1 });
    assert.deepEqual(v.recipients, [{ reference: 'abcdef12', recipient: 'Council', disposedAt: '2 January 2033', rule: 'Derby & Derbyshire 2015 s.5 para. 3' }]);
  });

  it('a certificate says what kind, how many, when, which rule and whose approval', () => {
    const c = presentCertificate({
      id: 'c1',
      agency_name: 'Council',
      kind: 'request',
      record_count: 3,
      pack: 'wirral-2022@2022.4',
      rule_clause: 'Wirral 2022 App. 2 s.8.1',
      rule_text: 'Until the case closing, then disposed of beyond recovery.',
      disposed_at: new Date('2033-01-02T02:30:00Z'),
      approved_by_name: 'Ivy Lead',
    });
    assert.deepEqual(
      c.rows.slice(0, 6).map((r) => r.value.text),
      [
        'Council',
        'Requests for information',
        '3',
        '2 January 2033 at 02:30 UTC',
        'Until the case closing, then disposed of beyond recovery. (Wirral 2022 App. 2 s.8.1; protocol wirral-2022@2022.4)',
        'Ivy Lead',
      ],
    );
  });
});
