// Requests between agencies through the web pages (the real application, in-process): asking from a
// child's page, the queues, triage, allocation, asking for and giving more information, returning
// and sending again, withdrawing, deciding from the request (the decision journey linked to it),
// and declining with reasons the requester sees. Errors are shown on the form; anyone outside the
// request gets "Page not found"; a form without its CSRF token changes nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { allocateRequest } from '../../../src/use-cases/requests/allocate-request.ts';
import { makeRequest } from '../../../src/use-cases/requests/make-request.ts';
import { triageRequest } from '../../../src/use-cases/requests/triage-request.ts';
import { useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { auditOf } from '../../support/factories.ts';
import { errorLinks, requestInput, sharingPartnership, signedIn as signIn, walkDecision } from '../../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });

const requestForm = (toAgencyId: string, over: Record<string, string> = {}) => requestInput(toAgencyId, over) as Record<string, string>;

const signedIn = (email: string) => signIn(ctx.app, email);

/** A request from the council to the police, accepted and allocated to the officer, through the use cases. */
async function allocatedRequest(p: Awaited<ReturnType<typeof sharingPartnership>>) {
  const made = await makeRequest(ctx.t.deps, p.social.actor, p.childId, requestForm(p.policeId));
  if (made.kind !== 'ok') assert.fail('request not made');
  const id = made.value.requestId;
  assert.equal((await triageRequest(ctx.t.deps, p.policeSpoc.actor, id, { outcome: 'accept', checks: ['purpose', 'necessary', 'consent'] })).kind, 'ok');
  assert.equal((await allocateRequest(ctx.t.deps, p.policeSpoc.actor, id, { allocateTo: p.officer.id })).kind, 'ok');
  return id;
}

describe(`request pages (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('asks from the child’s page, triages, allocates, asks for and gives more information', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z'); // a Friday
    const social = await signedIn(p.social.email);

    const child = await social.get(`/children/${p.childId}`);
    assert.match(child.body, new RegExp(`href="/children/${p.childId}/requests/new"[^>]*>Ask another agency for information<`));
    const form = await social.get(`/children/${p.childId}/requests/new`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<title>Ask another agency for information – Ann Example, born \d{1,2} \w+ \d{4} – Concord<\/title>/);
    assert.match(form.body, /The agency must answer within 1 working day/, 'the urgent time from the pack');
    assert.match(form.body, /The agency must answer within 4 hours/);
    assert.doesNotMatch(form.body, new RegExp(`<option value="${p.councilId}"`), 'not the actor’s own agency');
    assert.match(form.body, new RegExp(`<option value="${p.policeId}">Police</option>`));

    const empty = await social.post(`/children/${p.childId}/requests/new`, {});
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /<title>Error: Ask another agency for information – Ann Example, born \d{1,2} \w+ \d{4} – Concord<\/title>/);
    // The lawful basis may be left: the one suggested for the purpose is used (test/web/requests/coherence.test.ts).
    assert.deepEqual(errorLinks(empty.body), ['toAgencyId', 'purpose', 'urgency', 'informationNeeded', 'reason', 'consent']);
    const noDetail = await social.post(`/children/${p.childId}/requests/new`, requestForm(p.policeId, { consentDetail: '' }));
    assert.equal(noDetail.statusCode, 400);
    assert.deepEqual(errorLinks(noDetail.body), ['consentDetail']);
    assert.match(noDetail.body, /Explain why you are asking without consent/);
    assert.match(noDetail.body, /Strategy discussion under s\.47 tomorrow morning<\/textarea>/, 'keeps what was typed');

    const sent = await social.post(`/children/${p.childId}/requests/new`, requestForm(p.policeId));
    assert.equal(sent.statusCode, 303);
    const url = sent.headers.location as string;
    assert.match(url, /^\/requests\/[0-9a-f-]{36}$/);
    const page = await social.get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Request sent to Police\. They must answer by 23 November 2026 at 11:59pm\./);
    assert.match(page.body, /Awaiting triage/);
    assert.match(page.body, /Any call-outs to the home address/);
    assert.match(page.body, /action="\/requests\/[^"]+\/withdraw"/, 'the requester may withdraw');
    assert.doesNotMatch(page.body, /action="\/requests\/[^"]+\/triage"/);

    // Outsiders: 404 everywhere (health is not involved with the child; the other officer is not allocated).
    const nurse = await signedIn(p.nurse.email);
    for (const path of [url, `${url}/decide`, `${url}/decline?decision=${randomUUID()}`, `/children/${p.childId}/requests/new`, `/requests/${randomUUID()}`, '/requests/not-an-id']) {
      const res = await nurse.get(path);
      assert.equal(res.statusCode, 404, path);
      assert.doesNotMatch(res.body, /Example|call-outs/);
    }
    const outsiderPost = await nurse.post(`${url}/triage`, { outcome: 'accept', checks: ['purpose', 'necessary', 'consent'] });
    assert.equal(outsiderPost.statusCode, 404);
    const other = await signedIn(p.otherOfficer.email);
    assert.equal((await other.get(url)).statusCode, 404);

    // Triage by the police SPoC: the queue, then every check or a return.
    const spoc = await signedIn(p.policeSpoc.email);
    const queue = await spoc.get('/requests');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, /Requests to your agency/);
    assert.match(queue.body, new RegExp(`href="${url}">Ann Example`));
    assert.match(queue.body, /Awaiting triage/);
    assert.match(queue.body, /23 November 2026 at 11:59pm/);
    await spoc.get(url);
    const partial = await spoc.post(`${url}/triage`, { outcome: 'accept', checks: 'purpose' });
    assert.equal(partial.statusCode, 400);
    assert.deepEqual(errorLinks(partial.body), ['triage-checks']);
    assert.match(partial.body, /Confirm every check before accepting/);
    assert.match(partial.body, /id="triage-checks" name="checks" type="checkbox" value="purpose" checked/, 'keeps the ticked check');
    const accepted = await spoc.post(`${url}/triage`, { outcome: 'accept', checks: ['purpose', 'necessary', 'consent'] });
    assert.equal(accepted.statusCode, 303);
    assert.equal(accepted.headers.location, url);
    let spocPage = await spoc.get(url);
    assert.match(spocPage.body, /Your triage is recorded\./);
    assert.match(spocPage.body, /Awaiting allocation/);
    const noOne = await spoc.post(`${url}/allocate`, { allocateTo: '' });
    assert.equal(noOne.statusCode, 400);
    assert.deepEqual(errorLinks(noOne.body), ['allocateTo']);
    assert.equal((await spoc.post(`${url}/allocate`, { allocateTo: p.officer.id })).statusCode, 303);
    spocPage = await spoc.get(url);
    assert.match(spocPage.body, /Allocated to Staff /);

    // The officer asks for more; asking twice is a conflict; the requester answers.
    const officer = await signedIn(p.officer.email);
    const officerPage = await officer.get(url);
    assert.match(officerPage.body, new RegExp(`href="${url}/decide"[^>]*>Decide whether to share<`));
    const blank = await officer.post(`${url}/ask`, { note: ' ' });
    assert.equal(blank.statusCode, 400);
    assert.deepEqual(errorLinks(blank.body), ['ask-note']);
    assert.equal((await officer.post(`${url}/ask`, { note: 'Which address — the mother’s or the father’s?' })).statusCode, 303);
    const again = await officer.post(`${url}/ask`, { note: 'again' });
    assert.equal(again.statusCode, 409, 'asking twice is a conflict, shown on the page');
    assert.match(again.body, /role="alert"[\s\S]*This cannot be done to a request that is more information asked for\./);
    const requester = await social.get(url);
    assert.match(requester.body, /Which address — the mother’s or the father’s\?/);
    assert.equal((await social.post(`${url}/provide`, { note: 'The mother’s address' })).statusCode, 303);
    const history = await officer.get(url);
    assert.match(history.body, /More information given/);
    assert.match(history.body, /The mother’s address/);
    assert.match(history.body, /Allocated/);

    // A conflict is shown on the page: the requester cannot send a request again that was not returned.
    const conflict = await social.post(`${url}/resubmit`, { note: 'Again' });
    assert.equal(conflict.statusCode, 409);
    assert.match(conflict.body, /This cannot be done to a request that is allocated\./);
    const actions = new Set((await auditOf(ctx.t.deps, p.partnershipId)).map((e) => e.action));
    for (const a of ['request.created', 'request.viewed', 'request.listed', 'request.accepted', 'request.allocated', 'request.more-info-asked', 'request.more-info-given'])
      assert.ok(actions.has(a), a);
  });

  it('a stale second tab does not re-allocate silently: it is told who allocated it to whom and when, and can then go on', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');
    const id = await allocatedRequest(p);
    const url = `/requests/${id}`;
    const seenOn = (html: string) => /name="seen" value="([^"]+)"/.exec(html)?.[1] ?? assert.fail('the form carries what it showed');
    const spoc = await signedIn(p.policeSpoc.email);
    const tabA = seenOn((await spoc.get(url)).body);
    ctx.t.clock.now = new Date('2026-11-20T10:04:00Z');
    const tabB = seenOn((await spoc.get(url)).body);
    assert.equal((await spoc.post(`${url}/allocate`, { allocateTo: p.otherOfficer.id, seen: tabB })).statusCode, 303, 'the first tab acts');
    ctx.t.clock.now = new Date('2026-11-20T10:09:00Z');
    const stale = await spoc.post(`${url}/allocate`, { allocateTo: p.officer.id, seen: tabA });
    assert.equal(stale.statusCode, 409);
    assert.match(
      stale.body,
      new RegExp(
        `While you had this page open, this request was allocated to Staff ${p.otherOfficer.email} by Staff ${p.policeSpoc.email} at 10:04am on 20 November 2026\\. Check it below, then try again if you still want to\\.`,
      ),
    );
    const now = await ctx.t.deps.db.selectFrom('info_request').select('allocated_to').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(now.allocated_to, p.otherOfficer.id, 'nothing changed');
    const fresh = seenOn(stale.body);
    assert.notEqual(fresh, tabA, 'the page shown with the problem is the request as it is now');
    assert.equal((await spoc.post(`${url}/allocate`, { allocateTo: p.officer.id, seen: fresh })).statusCode, 303, 'continuing, knowingly');
    const after = await ctx.t.deps.db.selectFrom('info_request').select('allocated_to').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(after.allocated_to, p.officer.id);
  });

  it('returns a request at triage, sends it again, and withdraws it', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    const made = await makeRequest(ctx.t.deps, p.social.actor, p.childId, requestForm(p.policeId, { urgency: 'routine' }));
    if (made.kind !== 'ok') assert.fail();
    const url = `/requests/${made.value.requestId}`;
    const spoc = await signedIn(p.policeSpoc.email);
    await spoc.get(url);
    const noReason = await spoc.post(`${url}/triage`, { outcome: 'return' });
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual(errorLinks(noReason.body), ['triage-note']);
    assert.equal((await spoc.post(`${url}/triage`, { outcome: 'return', note: 'Say which incidents you mean' })).statusCode, 303);
    const social = await signedIn(p.social.email);
    const returned = await social.get(url);
    assert.match(returned.body, /Returned to requester/);
    assert.match(returned.body, /Say which incidents you mean/);
    assert.equal((await social.post(`${url}/resubmit`, { note: 'Incidents since March' })).statusCode, 303);
    assert.match((await social.get(url)).body, /Awaiting triage/);
    const noWhy = await social.post(`${url}/withdraw`, { note: '' });
    assert.equal(noWhy.statusCode, 400);
    assert.deepEqual(errorLinks(noWhy.body), ['withdraw-note']);
    assert.equal((await social.post(`${url}/withdraw`, { note: 'No longer needed' })).statusCode, 303);
    const withdrawn = await social.get(url);
    assert.match(withdrawn.body, /The request is withdrawn\./);
    assert.match(withdrawn.body, /govuk-tag--grey">\s*Withdrawn/);
    assert.doesNotMatch(withdrawn.body, /action="\/requests\/[^"]+\/withdraw"/);
    const outgoing = await social.get('/requests');
    assert.match(outgoing.body, /Requests you have made/);
    assert.match(outgoing.body, /Withdrawn/);
  });

  it('decides from the request: the recipient is the agency that asked; not sharing leads to the reasons the requester sees', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    const id = await allocatedRequest(p);
    const officer = await signedIn(p.officer.email);
    const record = await walkDecision(officer, `/requests/${id}/decide`, p.childId);
    assert.match(record.body, /You are answering <a class="govuk-link" href="\/requests\/[^"]+">a request from Council<\/a>/);
    assert.match(record.body, /Council, the agency that asked for the information\./);
    assert.doesNotMatch(record.body, /name="recipientAgencyId"/, 'the recipient is fixed');
    assert.doesNotMatch(record.body, /name="recipientOther"/);
    const missing = await officer.post(`/children/${p.childId}/decisions/new/record`, { action: 'not_shared', purposeDetail: 'Request from the council' });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(errorLinks(missing.body), ['reasons']);
    const recorded = await officer.post(`/children/${p.childId}/decisions/new/record`, {
      action: 'not_shared',
      purposeDetail: 'Request from the council',
      reasons: 'A live criminal investigation would be prejudiced.',
      // Ignored: a decision about a request is about the agency that asked.
      recipientAgencyId: p.schoolId,
    });
    assert.equal(recorded.statusCode, 303);
    const declineUrl = recorded.headers.location as string;
    const decisionId = /decision=([0-9a-f-]{36})$/.exec(declineUrl)?.[1];
    assert.ok(decisionId, declineUrl);
    assert.equal(declineUrl, `/requests/${id}/decline?decision=${decisionId}`);
    const stored = await ctx.t.deps.db.selectFrom('decision').select(['request_id', 'recipient_agency_id', 'action']).where('id', '=', decisionId!).executeTakeFirstOrThrow();
    assert.deepEqual(stored, { request_id: id, recipient_agency_id: p.councilId, action: 'not_shared' });

    const decline = await officer.get(declineUrl);
    assert.equal(decline.statusCode, 200);
    assert.match(decline.body, /Tell Council why you are not sharing/);
    assert.match(decline.body, /can be scrutinised \(HM Government 2018, Seven golden rules 7; Principles \(Record\)\)/, "cites the partnership's own recording clause");
    assert.match(decline.body, />A live criminal investigation would be prejudiced\.<\/textarea>/, 'filled in from the decision');
    const blank = await officer.post(`/requests/${id}/decline`, { decisionId: decisionId!, note: '' });
    assert.equal(blank.statusCode, 400);
    assert.deepEqual(errorLinks(blank.body), ['note']);
    const wrong = await officer.post(`/requests/${id}/decline`, { decisionId: randomUUID(), note: 'No' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Record your decision about this request before declining it/);
    const done = await officer.post(`/requests/${id}/decline`, { decisionId: decisionId!, note: 'A live criminal investigation would be prejudiced; we will share after charge.' });
    assert.equal(done.statusCode, 303);
    const social = await signedIn(p.social.email);
    const seen = await social.get(`/requests/${id}`);
    assert.match(seen.body, /Declined: the information will not be shared/);
    assert.match(seen.body, /we will share after charge/);
    assert.equal((await officer.get(declineUrl)).statusCode, 404, 'nothing left to decline');

    // The plain journey from the child's page still offers any agency, and no request.
    const plain = await walkDecision(officer, `/children/${p.childId}/decisions/new`, p.childId);
    assert.match(plain.body, /name="recipientAgencyId"/);
    assert.doesNotMatch(plain.body, /You are answering/);
  });

  it('sends a decision to share from a request to the disclosure form, and offers it on the confirmation page for other decisions', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    const id = await allocatedRequest(p);
    const officer = await signedIn(p.officer.email);
    await walkDecision(officer, `/requests/${id}/decide`, p.childId);
    const shared = await officer.post(`/children/${p.childId}/decisions/new/record`, {
      action: 'shared',
      purposeDetail: 'Strategy discussion',
      informationShared: 'Call-outs',
      reasons: 'Asking would increase risk',
    });
    assert.equal(shared.statusCode, 303);
    assert.match(shared.headers.location as string, /^\/decisions\/[0-9a-f-]{36}\/send$/);

    // A decision to share recorded from the child's page: the confirmation offers to send it.
    const social = await signedIn(p.social.email);
    await walkDecision(social, `/children/${p.childId}/decisions/new`, p.childId);
    const res = await social.post(`/children/${p.childId}/decisions/new/record`, {
      action: 'shared',
      recipientAgencyId: p.schoolId,
      purposeDetail: 'Safety plan',
      informationShared: 'Plan',
      reasons: 'Risk',
    });
    const confirmation = await social.get(res.headers.location as string);
    const decisionId = /\/decisions\/([0-9a-f-]{36})\/confirmation/.exec(res.headers.location as string)![1];
    assert.match(confirmation.body, new RegExp(`href="/decisions/${decisionId}/send"[^>]*>Send the information securely<`));
    // Someone else in the partnership cannot see the decision or its form.
    const nurse = await signedIn(p.nurse.email);
    assert.equal((await nurse.get(`/decisions/${decisionId}/send`)).statusCode, 404);
    assert.equal((await nurse.get(`/requests/${id}/decide`)).statusCode, 404);
    const spoc = await signedIn(p.policeSpoc.email);
    assert.equal((await spoc.get(`/decisions/${decisionId}/send`)).statusCode, 404, 'only the person who decided sends under the decision');
  });

  it('refuses a form without a valid CSRF token and changes nothing', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    const social = await signedIn(p.social.email);
    await social.get(`/children/${p.childId}/requests/new`);
    const forged = await social.post(`/children/${p.childId}/requests/new`, requestForm(p.policeId), { csrf: 'forged' });
    assert.equal(forged.statusCode, 403);
    assert.match(forged.body, /Your form expired/);
    const id = await allocatedRequest(p);
    const withdraw = await social.post(`/requests/${id}/withdraw`, { note: 'No longer needed' }, { csrf: 'forged' });
    assert.equal(withdraw.statusCode, 403);
    const rows = await ctx.t.deps.db.selectFrom('info_request').select(['status']).where('partnership_id', '=', p.partnershipId).execute();
    assert.deepEqual(
      rows.map((r) => r.status),
      ['allocated'],
    );
  });
});
