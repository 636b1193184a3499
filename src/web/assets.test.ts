import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseEncoding } from './assets.ts';

describe('chooseEncoding', () => {
  it('prefers brotli, then gzip, and honours q=0 and *', () => {
    assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(chooseEncoding('gzip, deflate'), 'gzip');
    assert.equal(chooseEncoding('br;q=0, gzip;q=0.5'), 'gzip');
    assert.equal(chooseEncoding('br;q=0,gzip;q=0'), undefined);
    assert.equal(chooseEncoding('*'), 'br');
    assert.equal(chooseEncoding('*;q=0'), undefined);
    assert.equal(chooseEncoding('identity'), undefined);
    assert.equal(chooseEncoding(''), undefined);
    assert.equal(chooseEncoding(undefined), undefined);
  });
});
