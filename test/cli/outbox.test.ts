// `concord outbox list|show|deliver` on the test database (PGlite, or PostgreSQL with
// TEST_DATABASE_URL): the table, one e-mail's headers and body, clear errors and exit codes for
// unknown slugs, ids and bad options, and every reading audited.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { registerOutboxCommands } from '../../src/cli/outbox.ts';
import { notify } from '../../src/use-cases/kernel/notify.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { auditOf, makePartnership, makeStaff, makeWorld } from '../support/factories.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function concord(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command('concord').exitOverride();
  registerOutboxCommands(program, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) }, async () => ({ deps: t.deps, close: async () => {} }));
  process.exitCode = 0;
  await program.parseAsync(['node', 'concord', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out: out.join(''), err: err.join('') };
}

describe(`concord outbox (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('lists, filters, shows and delivers e-mails, auditing each reading', async () => {
    const slug = `cli-${randomUUID().slice(0, 8)}`;
    const w = await makeWorld(t.deps);
    await t.deps.db.updateTable('partnership').set({ slug }).where('id', '=', w.partnershipId).execute();
    const other = await makePartnership(t.deps);
    t.clock.now = new Date('2026-11-20T09:00:00Z');
    await t.deps.db.transaction().execute((trx) => notify(trx, t.deps.now(), w.partnershipId, 'request.received', '/requests/1', { userIds: [w.council.id] }));
    t.clock.now = new Date('2026-11-20T09:05:00Z');
    await t.deps.db.transaction().execute((trx) => notify(trx, t.deps.now(), w.partnershipId, 'disclosure.received', '/disclosures/2', { userIds: [w.school.id] }));

    const list = await concord('outbox', 'list', '--partnership', slug);
    assert.equal(list.code, 0, list.err);
    const lines = list.out.trimEnd().split('\n');
    assert.match(lines[0]!, /^ID\s+CREATED\s+STATUS\s+TO\s+SUBJECT$/);
    assert.equal(lines.length, 2 + 2);
    assert.match(lines[2]!, new RegExp(`2026-11-20T09:05:00Z\\s+pending\\s+${esc(w.school.email)}\\s+Concord: you have received information from another agency$`));
    assert.match(lines[3]!, /2026-11-20T09:00:00Z\s+pending\s+.*Concord: you have a new information request$/);

    const none = await concord('outbox', 'list', '--partnership', slug, '--status', 'sent');
    assert.deepEqual([none.code, none.out, none.err], [0, '', 'No e-mails.\n']);
    const one = await concord('outbox', 'list', '--partnership', slug, '--limit', '1');
    assert.equal(one.out.trimEnd().split('\n').length, 3);

    const id = lines[3]!.split(/\s+/)[0]!;
    const show = await concord('outbox', 'show', id);
    assert.equal(show.code, 0, show.err);
    assert.match(
      show.out,
      new RegExp(
        `^Id:\\s+${id}\\nPartnership:\\s+${slug}\\nCreated:\\s+2026-11-20T09:00:00Z\\nStatus:\\s+pending \\(Waiting to be sent\\)\\nAttempts:\\s+0\\nTemplate:\\s+request.received\\nTo:\\s+${esc(w.council.email)}\\nSubject:\\s+Concord: you have a new information request\\n\\nYou have a new information request\\. Sign in to Concord to view it\\.\\n$`,
      ),
    );

    const delivered = await concord('outbox', 'deliver');
    assert.equal(delivered.code, 0);
    assert.match(delivered.out, /^Sent 0, kept in the outbox [1-9]\d*, to try again 0, failed 0\.\n$/);
    const shown = await concord('outbox', 'show', id);
    assert.match(shown.out, /Status:\s+kept_locally \(Kept in the outbox, not sent\)\nAttempts:\s+1\n/);
    assert.match(shown.out, /Delivered:\s+2026-11-20T09:05:00Z\nProvider:\s+local-outbox\n/);

    // Every partnership's outbox when no --partnership is given, with a partnership column.
    const all = await concord('outbox', 'list', '--limit', '1000');
    assert.match(all.out.split('\n')[0]!, /^ID\s+CREATED\s+STATUS\s+PARTNERSHIP\s+TO\s+SUBJECT$/);
    assert.ok(all.out.includes(slug));

    const audit = (await auditOf(t.deps, w.partnershipId)).filter((a) => a.action === 'outbox.viewed');
    assert.ok(audit.length >= 6);
    assert.ok(audit.every((a) => a.via === 'cli' && a.outcome === 'ok' && a.actor_user_id === null));
    assert.ok(audit.some((a) => a.subject_type === 'email' && a.subject_id === id));
    assert.deepEqual(await auditOf(t.deps, other), [], 'a partnership with nothing shown is not audited');
  });

  it('refuses unknown slugs and ids and bad options with a message and a non-zero exit code', async () => {
    const unknownSlug = await concord('outbox', 'list', '--partnership', 'no-such-partnership');
    assert.deepEqual([unknownSlug.code, unknownSlug.err, unknownSlug.out], [2, 'No partnership has the slug "no-such-partnership".\n', '']);
    const badStatus = await concord('outbox', 'list', '--status', 'lost');
    assert.equal(badStatus.code, 2);
    assert.match(badStatus.err, /--status: Status must be one of: pending, sent, kept_locally, failed/);
    for (const limit of ['0', '-3', 'ten', '1001']) {
      const bad = await concord('outbox', 'list', '--limit', limit);
      assert.equal(bad.code, 2, limit);
      assert.match(bad.err, /--limit: Limit must be a whole number from 1 to 1000/);
    }
    for (const id of [randomUUID(), 'not-an-id']) {
      const missing = await concord('outbox', 'show', id);
      assert.deepEqual([missing.code, missing.err, missing.out], [2, `No e-mail has the id "${id}".\n`, '']);
    }
  });

  it('exits non-zero when an e-mail fails for the last time', async () => {
    const w = await makeWorld(t.deps);
    const person = await makeStaff(t.deps, w.partnershipId, w.councilId);
    await t.deps.db.deleteFrom('email_outbox').execute();
    await t.deps.db.transaction().execute((trx) => notify(trx, t.deps.now(), w.partnershipId, 'request.received', '/requests/1', { userIds: [person.id] }));
    await t.deps.db.updateTable('email_outbox').set({ attempts: 4 }).execute();
    const out: string[] = [];
    const program = new Command('concord').exitOverride();
    const failing = { name: 'failing', deliver: async () => Promise.reject(new Error('down')) };
    registerOutboxCommands(program, { stdout: (s) => out.push(s), stderr: () => {} }, async () => ({ deps: { ...t.deps, notifier: failing }, close: async () => {} }));
    process.exitCode = 0;
    await program.parseAsync(['node', 'concord', 'outbox', 'deliver']);
    assert.equal(process.exitCode, 1);
    process.exitCode = 0;
    assert.equal(out.join(''), 'Sent 0, kept in the outbox 0, to try again 0, failed 1.\n');
  });
});
