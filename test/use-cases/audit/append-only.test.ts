import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { appendAudit } from '../../../src/use-cases/kernel/audit.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { makeWorld } from '../../support/factories.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

describe('the audit table is append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE, even from the database owner', async () => {
    const w = await makeWorld(t.deps);
    await appendAudit(t.deps.db, { partnershipId: w.partnershipId, userId: w.council.id, agencyId: w.councilId, via: 'web', correlationId: 'c-1' }, { action: 'child.viewed' });
    await assert.rejects(sql`update audit_event set action = 'child.created'`.execute(t.deps.db), /append-only/);
    await assert.rejects(sql`delete from audit_event`.execute(t.deps.db), /append-only/);
    await assert.rejects(sql`truncate audit_event`.execute(t.deps.db), /append-only/);
    const rows = await t.deps.db.selectFrom('audit_event').select(['action']).where('partnership_id', '=', w.partnershipId).execute();
    assert.deepEqual(rows, [{ action: 'child.viewed' }]);
  });

  it('rolls back with the transaction it belongs to', async () => {
    const w = await makeWorld(t.deps);
    await assert.rejects(
      t.deps.db.transaction().execute(async (trx) => {
        await appendAudit(trx, { partnershipId: w.partnershipId, userId: null, agencyId: null, via: 'system', correlationId: 'c-2' }, { action: 'child.viewed' });
        throw new Error('boom');
      }),
      /boom/,
    );
    const rows = await t.deps.db.selectFrom('audit_event').select('id').where('partnership_id', '=', w.partnershipId).execute();
    assert.equal(rows.length, 0);
  });

  it('refuses malformed event names', async () => {
    const w = await makeWorld(t.deps);
    await assert.rejects(appendAudit(t.deps.db, { partnershipId: w.partnershipId, userId: null, agencyId: null, via: 'system', correlationId: 'c' }, { action: 'Viewed Child' }));
  });
});
