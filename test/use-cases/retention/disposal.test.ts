// Retention and disposal on a real database: the job finds records whose retention has ended
// (pack `retentionSchedule`), each agency's IG lead sees only its own; a legal hold blocks disposal
// until released; a deferral needs a reason and a future date; approved records are crypto-shredded
// in one transaction per batch with a certificate; the recipient's disposal of its copy is visible to
// the originator; and the audit log still verifies (ADR 0007).
// test: alone on PostgreSQL (it waits for the audit sequencer; see scripts/test.ts)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sequenceOnce } from '../../../src/use-cases/audit/sequence-audit-log.ts';
import { viewDecision } from '../../../src/use-cases/decisions/view-decision.ts';
import { openDisclosure } from '../../../src/use-cases/disclosures/open-disclosure.ts';
import { viewRequest } from '../../../src/use-cases/requests/view-request.ts';
import { disposeApproved, disposeApprovedForAgency } from '../../../src/use-cases/retention/dispose-approved.ts';
import { findRecordsDue } from '../../../src/use-cases/retention/find-records-due.ts';
import { listDisposals } from '../../../src/use-cases/retention/list-disposals.ts';
import { reviewDisposal } from '../../../src/use-cases/retention/review-disposal.ts';
import { viewCertificate } from '../../../src/use-cases/retention/view-certificate.ts';
import { settle, verify } from '../../support/audit.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import { auditOf } from '../../support/factories.ts';
import { markedRecords, markers } from '../../support/retention.ts';
import { must } from '../../support/sharing.ts';

let t: TestDb;
before(async () => {
  t = await openTestDb();
});
after(async () => t.close());

describe(`retention and disposal (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('finds what is due, reviews it, holds, defers and disposes of it with a certificate', async () => {
    t.clock.now = new Date('2026-11-20T10:00:00Z');
    const w = await markedRecords(t.deps, markers());
    await settle(t.deps);

    // Nothing is due yet.
    t.clock.now = new Date('2030-01-01T00:00:00Z');
    assert.deepEqual((await findRecordsDue(t.deps)).found, { decision: 0, request: 0, disclosure_received: 0, audit_details: 0 });

    // National baseline: requests 6 years after closing, received copies 6 years after sharing,
    // audit details 6 years after recording; decisions at the child's 25th birthday (2042-03-27).
    t.clock.now = new Date('2032-11-21T00:00:00Z');
    const first = await findRecordsDue(t.deps);
    assert.equal(first.found.request, 1);
    assert.equal(first.found.disclosure_received, 1);
    assert.equal(first.found.decision, 0);
    assert.deepEqual((await findRecordsDue(t.deps)).found, { decision: 0, request: 0, disclosure_received: 0, audit_details: 0 }, 'listed once');

    // Only IG leads; each sees its own agency's records. The received copy is the council's (recipient) to decide.
    assert.equal((await listDisposals(t.deps, w.social.actor)).kind, 'not_found');
    const council = must(await listDisposals(t.deps, w.councilIg.actor));
    const police = must(await listDisposals(t.deps, w.policeIg.actor));
    const copy = council.pending.find((r) => r.kind === 'disclosure_received')!;
    assert.equal(copy.record_id, w.disclosureId);
    assert.equal(copy.rule_clause, 'HM Government 2018, Principles (Record): in line with each organisation’s retention policy'.replace('’', "'"));
    assert.ok(!police.pending.some((r) => r.kind === 'disclosure_received'));
    const request = council.pending.find((r) => r.kind === 'request')!;
    assert.equal(request.due_at.toISOString().slice(0, 4), '2032');

    // Another agency's IG lead cannot act on it: not found, audited as denied.
    assert.equal((await reviewDisposal(t.deps, w.policeIg.actor, { reviewIds: [copy.id], action: 'approve' })).kind, 'not_found');
    const denied = (await auditOf(t.deps, w.partnershipId)).filter((e) => e.action === 'disposal.approved' && e.outcome === 'denied');
    assert.equal(denied.length, 1);

    // Clear errors.
    const bad = await reviewDisposal(t.deps, w.councilIg.actor, { reviewIds: [request.id], action: 'defer', reason: 'no', deferUntil: '2020-01-01' });
    assert.equal(bad.kind, 'invalid');
    assert.deepEqual(bad.kind === 'invalid' && bad.errors.map((e) => e.path), ['reason', 'deferUntil']);
    assert.equal((await reviewDisposal(t.deps, w.councilIg.actor, { reviewIds: [request.id], action: 'hold', reason: 'Practice review 2032/7' })).kind, 'invalid', 'a hold says what for');

    // A legal hold blocks disposal until released.
    must(await reviewDisposal(t.deps, w.councilIg.actor, { reviewIds: [request.id], action: 'hold', holdKind: 'safeguarding_practice_review', reason: 'Child safeguarding practice review 2032/7' }));
    const blocked = await reviewDisposal(t.deps, w.councilIg.actor, { reviewIds: [request.id], action: 'approve' });
    assert.equal(blocked.kind, 'conflict');
    assert.match(blocked.kind === 'conflict' ? blocked.reason : '', /legal hold/);

    // Deferral with a reason; it comes back when its date passes.
    must(await reviewDisposal(t.deps, w.councilIg.actor, { reviewIds: [copy.id], action: 'defer', reason: 'Care proceedings still open', deferUntil: '2033-01-01' }));
    t.clock.now = new Date('2033-01-02T00:00:00Z');
    const later = await findRecordsDue(t.deps);
    assert.equal(later.reopened, 1);
    // Audit events are stamped by the database's own clock, so they come due once six real years have passed.
    assert.ok(later.found.audit_details >= 1);

    // Approve the copy and the council's audit details; dispose of them.
    const again = must(await listDisposals(t.deps, w.councilIg.actor));
    const approve = again.pending.filter((r) => r.kind !== 'request').map((r) => r.id);
    must(await reviewDisposal(t.deps, w.councilIg.actor, { reviewIds: approve, action: 'approve' }));
    assert.equal((await disposeApprovedForAgency(t.deps, w.policeIg.actor)).kind === 'ok' && (await disposeApprovedForAgency(t.deps, w.policeIg.actor)).kind, 'ok');
    const run = must(await disposeApprovedForAgency(t.deps, w.councilIg.actor, { batchSize: 2 }));
    assert.equal(run.disposed, approve.length);
    assert.ok(run.batches >= 1);
    const copyCertificate = run.certificates.find((c) => c.kind === 'disclosure_received')!;
    assert.equal(copyCertificate.count, 1);

    // The copy is gone: its key destroyed and its ciphertext and attachments replaced.
    const d = await t.deps.db.selectFrom('disclosure').selectAll().where('id', '=', w.disclosureId).executeTakeFirstOrThrow();
    assert.equal(d.wrapped_key, null);
    assert.ok(d.disposed_at);
    const att = await t.deps.db.selectFrom('disclosure_attachment').select('content').where('disclosure_id', '=', w.disclosureId).executeTakeFirstOrThrow();
    assert.equal(att.content.length, 0);
    const reopened = await openDisclosure(t.deps, w.social.actor, w.disclosureId);
    assert.ok(reopened.kind !== 'ok' || reopened.value.items.every((i) => !('value' in i) || !String(i.value).includes('ZQX')), 'nothing readable');

    // The certificate: what kind, how many, when, which rule, whose approval. Others: not found.
    const cert = must(await viewCertificate(t.deps, w.councilIg.actor, copyCertificate.id));
    assert.equal(cert.kind, 'disclosure_received');
    assert.equal(cert.record_count, 1);
    assert.match(cert.rule_text, /^6 years from the date it was shared/);
    assert.equal(cert.approved_by_name, `Staff ${w.councilIg.email}`);
    assert.equal((await viewCertificate(t.deps, w.policeIg.actor, copyCertificate.id)).kind, 'not_found');

    // The originator (police) sees that the recipient disposed of its copy.
    const seen = must(await listDisposals(t.deps, w.policeIg.actor));
    assert.deepEqual(
      seen.disposedByRecipients.map((r) => [r.record_id, r.agency_name, r.certificate_id]),
      [[w.disclosureId, 'Council', copyCertificate.id]],
    );

    // Release the hold; then the request can be approved and disposed of by the job.
    must(await reviewDisposal(t.deps, w.councilIg.actor, { reviewIds: [request.id], action: 'release', reason: 'Review published' }));
    must(await reviewDisposal(t.deps, w.councilIg.actor, { reviewIds: [request.id], action: 'approve' }));
    assert.equal((await disposeApproved(t.deps)).disposed, 1);
    const viewed = must(await viewRequest(t.deps, w.social.actor, w.requestId));
    assert.ok(!JSON.stringify(viewed).includes('ZQXMARK'), 'the request’s narrative and notes are gone');

    // The decision comes due at the child's 25th birthday (27 March 2042), police's to review.
    t.clock.now = new Date('2042-03-27T00:00:00Z');
    assert.equal((await findRecordsDue(t.deps)).found.decision, 1);
    const pd = must(await listDisposals(t.deps, w.policeIg.actor)).pending.filter((r) => r.kind === 'decision' || r.kind === 'audit_details');
    must(await reviewDisposal(t.deps, w.policeIg.actor, { reviewIds: pd.map((r) => r.id), action: 'approve' }));
    must(await disposeApprovedForAgency(t.deps, w.policeIg.actor));
    const decision = must(await viewDecision(t.deps, w.officer.actor, w.decisionId));
    assert.ok(!JSON.stringify(decision).includes('ZQXMARK'));

    // Every step audited; the log verifies over shredded details.
    const actions = new Set((await auditOf(t.deps, w.partnershipId)).map((e) => e.action));
    for (const a of ['disposal.records-due', 'disposal.held', 'disposal.released', 'disposal.deferred', 'disposal.approved', 'disposal.certified', 'record.disposed', 'disposal-certificate.viewed'])
      assert.ok(actions.has(a), a);
    await sequenceOnce(t.deps);
    await settle(t.deps);
    const report = await verify(t.deps.db);
    assert.equal(report.ok, true, JSON.stringify(report.issues.slice(0, 3)));
    assert.ok(report.shredded >= 1);
  });
});
