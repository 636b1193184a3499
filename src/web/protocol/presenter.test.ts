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

  it('says who the clock on a reported inaccuracy reaches, as each pack’s accuracy duty says (none under Wirral 2022)', () => {
    const inaccurate = (id: string) => presentProtocol(pack(id), 'P').onward.find((r) => r.key === 'Inaccurate information')!.value;
    assert.match(inaccurate('southampton-2010'), /within 5 working days, that agency is reminded and your agency is told/);
    assert.match(inaccurate('haringey-2006'), /within 5 working days, your agency is told/);
    assert.doesNotMatch(inaccurate('haringey-2006'), /reminded/);
    assert.doesNotMatch(inaccurate('wirral-2022'), /working days/);
    assert.match(inaccurate('wirral-2022'), /its correction reaches every agency that received the item/);
  });

  it('shows no "None" or "No set time" rows for any pack', () => {
    for (const p of packs) {
      const v = presentProtocol(p, 'P');
      for (const row of [...v.breach.rows, ...v.consent]) assert.ok(row.value !== 'None' && row.value !== 'No set time', `${p.id}: ${row.key}`);
    }
  });
});
