// The protocol page's presenter tells the truth: every breach deadline labelled as the seed says,
// and no "None" rows for what a pack does not set.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadPacksDir } from '../../use-cases/kernel/packs.ts';
import { presentProtocol } from './presenter.ts';

const packs = await loadPacksDir(path.resolve(import.meta.dirname, '../../../protocols'));
const pack = (id: string) => packs.find((p) => p.id === id)!;

describe('the protocol page', () => {
  it('labels Haringey 2006 s.6.1’s 5 working days as a report to the other partners', () => {
    const rows = presentProtocol(pack('haringey-2006'), 'Haringey').breach.rows;
    const notify = rows.find((r) => r.key === 'Report the breach to the other partner organisations');
    assert.ok(notify, 'the seed’s own words');
    assert.match(notify.value, /5 working days/);
    assert.match(notify.value, /Haringey 2006 s\.6\.1/);
    assert.ok(!rows.some((r) => r.key === 'Report it inside your agency within'), 'not mislabelled as an internal report');
  });

  it('shows no "None" or "No set time" rows for any pack', () => {
    for (const p of packs) {
      const v = presentProtocol(p, 'P');
      for (const row of [...v.breach.rows, ...v.consent]) assert.ok(row.value !== 'None' && row.value !== 'No set time', `${p.id}: ${row.key}`);
    }
  });
});
