import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { citedProtocols, ownCitations } from './citations.ts';
import type { Pack } from './pack.ts';

describe('citations only from the partnership’s own protocol and the national baseline (issue 15 item 4)', () => {
  const source = 'Wirral 2022 When and How q.2; Sandwell 2022 App. 2 q.4; Derby 2015 s.3; HM Government 2018, Seven golden rules 2; UK GDPR Art. 6(1)(e); Children Act 1989 s.47';
  it('a Wirral partnership sees Wirral and national citations, never Derby or Sandwell', () => {
    assert.deepEqual(ownCitations(source, new Set(['Wirral 2022'])), ['Wirral 2022 When and How q.2', 'HM Government 2018, Seven golden rules 2', 'UK GDPR Art. 6(1)(e)', 'Children Act 1989 s.47']);
  });
  it('a pack cites the protocols its clauses rest on, not one mentioned in passing', () => {
    const pack = {
      consent: { clause: 'Wirral 2022 Consent; HM Government 2018' },
      complaints: { clause: 'Concord default: own procedure (Southampton 2010 s.14; Sandwell 2022 s.13.1)' },
    } as unknown as Pack;
    assert.deepEqual([...citedProtocols(pack)], ['Wirral 2022']);
  });
  it('the national baseline sees only the law and national guidance', () => {
    assert.deepEqual(ownCitations('Sandwell 2022 App. 2 q.3', new Set()), []);
  });
});
