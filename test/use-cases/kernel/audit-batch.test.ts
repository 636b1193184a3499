// A batch of audit events of any size goes in as one statement, in the order given, each event
// exactly as shaped by auditValues: the disposal of a batch of records writes one `record.disposed`
// event per record (issue 14 part 3), and a multi-row VALUES list of more than 5,957 events would
// need more than PostgreSQL's 65,535 parameters.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { type AuditActor, type AuditEntry, appendAuditEvents } from '../../../src/use-cases/kernel/audit.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

async function eventsOf(correlationId: string) {
  const r = await sql<{
    action: string;
    outcome: string;
    subject_type: string | null;
    subject_id: string | null;
    child_id: string | null;
    actor_user_id: string | null;
    actor_agency_id: string | null;
    details: unknown;
  }>`
    select action, outcome, subject_type, subject_id, child_id::text as child_id, actor_user_id::text as actor_user_id, actor_agency_id::text as actor_agency_id, details
      from audit_event where correlation_id = ${correlationId} order by id`.execute(t.deps.db);
  return r.rows;
}

const actorFor = (userId: string | null): AuditActor => ({ partnershipId: randomUUID(), userId, agencyId: userId ? randomUUID() : null, via: 'system', correlationId: randomUUID() });

describe(`a batch of audit events (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('writes 7,000 events in one call, in order', async () => {
    const actor = actorFor(null);
    const entries: AuditEntry[] = Array.from({ length: 7_000 }, (_, i) => ({ action: 'record.disposed', subjectType: 'decision', subjectId: `id-${i}`, details: { certificateId: 'c', n: i } }));
    await appendAuditEvents(t.deps.db, actor, entries);
    const rows = await eventsOf(actor.correlationId);
    assert.equal(rows.length, 7_000);
    rows.forEach((r, i) => {
      assert.equal(r.subject_id, `id-${i}`);
      assert.deepEqual(r.details, { certificateId: 'c', n: i });
      assert.equal(r.actor_user_id, null);
    });
  });

  it('stores every event exactly as given, whatever its text (quotes, braces, commas, backslashes, NULLs)', async () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !s.includes('\u0000'));
    const entry = fc.record({
      action: fc.constantFrom('record.disposed', 'disposal.certified', 'child.viewed'),
      outcome: fc.constantFrom('ok', 'denied', undefined),
      subjectType: fc.option(text, { nil: undefined }),
      subjectId: fc.option(text, { nil: undefined }),
      childId: fc.option(fc.uuid(), { nil: undefined }),
      details: fc.option(fc.dictionary(text, fc.oneof(text, fc.integer(), fc.constant(null))), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 8 }), fc.boolean(), async (list, withUser) => {
        const actor = actorFor(withUser ? randomUUID() : null);
        const entries = list.map((e) => ({ ...e, outcome: e.outcome as AuditEntry['outcome'] }));
        await appendAuditEvents(t.deps.db, actor, entries);
        const rows = await eventsOf(actor.correlationId);
        assert.deepEqual(
          rows,
          entries.map((e) => ({
            action: e.action,
            outcome: e.outcome ?? 'ok',
            subject_type: e.subjectType ?? null,
            subject_id: e.subjectId ?? null,
            child_id: e.childId ?? null,
            actor_user_id: actor.userId,
            actor_agency_id: actor.agencyId,
            details: JSON.parse(JSON.stringify(e.details ?? {})),
          })),
        );
      }),
      { numRuns: 30 },
    );
  });
});
