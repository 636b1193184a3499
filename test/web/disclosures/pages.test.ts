// Information sent between agencies through the web pages (the real application, in-process): the
// disclosure form under a decision (multipart, with files), opening it (read receipts), downloading
// attachments, recalling unopened information, onward sharing refused then agreed, and a correction
// that reaches both recipients, each acknowledging it. Errors are shown beside the fields; anyone
// outside gets "Page not found"; a form without its CSRF token changes nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { recordDecision } from '../../../src/use-cases/decisions/record-decision.ts';
import { sendDisclosure } from '../../../src/use-cases/disclosures/send-disclosure.ts';
import { allocateRequest } from '../../../src/use-cases/requests/allocate-request.ts';
import { makeRequest } from '../../../src/use-cases/requests/make-request.ts';
import { triageRequest } from '../../../src/use-cases/requests/triage-request.ts';
import { useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { auditOf } from '../../support/factories.ts';
import { errorLinks, postMultipart, shareAnswers, sharingPartnership, signedIn as signIn, walkDecision } from '../../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });
const signedIn = (email: string) => signIn(ctx.app, email);

type World = Awaited<ReturnType<typeof sharingPartnership>>;
const NOTES = 'detailed|case notes, assessments and plans';

function must<T>(o: { kind: string; value?: T }): T {
  if (o.kind !== 'ok') assert.fail(`expected ok, got ${JSON.stringify(o)}`);
  return o.value as T;
}

/** A request from the council to the police, accepted and allocated to the officer. */
async function allocatedRequest(p: World) {
  const { requestId } = must(
    await makeRequest(ctx.t.deps, p.social.actor, p.childId, {
      toAgencyId: p.policeId,
      purpose: 'child_protection',
      lawfulBasis: 'children_act_1989_s47',
      urgency: 'urgent',
      informationNeeded: 'Any call-outs to the home address in the last 12 months',
      reason: 'Strategy discussion',
      consent: 'not_sought',
      consentDetail: 'Asking would increase the risk',
    }),
  );
  must(await triageRequest(ctx.t.deps, p.policeSpoc.actor, requestId, { outcome: 'accept', checks: ['purpose', 'necessary', 'consent'] }));
  must(await allocateRequest(ctx.t.deps, p.policeSpoc.actor, requestId, { allocateTo: p.officer.id }));
  return requestId;
}

/** The police answer the council's request with two items (through the use cases). */
async function answeredRequest(p: World) {
  const requestId = await allocatedRequest(p);
  const { decisionId } = must(
    await recordDecision(ctx.t.deps, p.officer.actor, p.childId, {
      answers: shareAnswers,
      record: { action: 'shared', recipientAgencyId: p.councilId, purposeDetail: 'Strategy discussion', informationShared: 'Call-outs', reasons: 'Risk' },
      context: { requestId },
    }),
  );
  const { disclosureId } = must(
    await sendDisclosure(ctx.t.deps, p.officer.actor, {
      decisionId,
      scope: 'share_all',
      items: [
        { level: 'detailed', label: 'case notes, assessments and plans', value: 'Two call-outs for domestic abuse, 3 March and 9 August 2026', kind: 'fact' },
        { level: 'detailed', label: 'case notes, assessments and plans', value: 'Officers felt the mother was frightened', kind: 'opinion' },
      ],
    }),
  );
  return { requestId, disclosureId };
}

const idIn = (location: unknown, pattern: RegExp) => {
  const m = pattern.exec(String(location));
  assert.ok(m, `unexpected location ${String(location)}`);
  return m[1]!;
};

describe(`disclosure pages (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('sends under a decision with a file; the recipient opens it and downloads the file; the sender sees who opened it', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');
    const requestId = await allocatedRequest(p);
    const officer = await signedIn(p.officer.email);
    await walkDecision(officer, `/requests/${requestId}/decide`, p.childId);
    const recorded = await officer.post(`/children/${p.childId}/decisions/new/record`, {
      action: 'shared',
      purposeDetail: 'Strategy discussion',
      informationShared: 'Call-outs',
      reasons: 'Asking would increase risk',
    });
    const sendUrl = recorded.headers.location as string;
    const decisionId = idIn(sendUrl, /^\/decisions\/([0-9a-f-]{36})\/send$/);

    const form = await officer.get(sendUrl);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<title>Send information securely – Concord<\/title>/);
    assert.match(form.body, /Send information securely to Council/);
    assert.match(form.body, /Share only what is necessary and proportionate for the purpose/, 'the pack’s prompt');
    assert.match(form.body, /enctype="multipart\/form-data"/);
    assert.match(form.body, /What Council asked for/);
    assert.match(form.body, /name="scope"/);
    assert.match(form.body, /<optgroup label="Detailed or sensitive information">/);
    // Issue 15: the form starts from what the decision recorded (shown, with a way to change it)
    // and offers one item at a time, not five empty blocks.
    assert.equal(form.body.match(/name="item-\d-value"/g)?.length, 1, 'one item block to start with');
    assert.match(form.body, /What you decided/);
    assert.match(form.body, /Sharing with\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Council/);
    assert.match(form.body, /What you decided to share\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Call-outs/);
    assert.match(form.body, /Detailed or sensitive information/);
    assert.match(form.body, new RegExp(`href="/decisions/${decisionId}">\\s*Change<span class="govuk-visually-hidden"> what you decided to share</span>`));
    assert.doesNotMatch(form.body, /name="remove"/, 'nothing to remove yet');

    // "Add another item" keeps what was typed (a sealed draft, no JavaScript) and comes back with a second block.
    const added = await postMultipart(ctx.app, officer, sendUrl, { scope: 'share_part', 'item-0-choice': NOTES, 'item-0-value': 'First draft item', 'item-0-kind': 'fact', add: 'item' });
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, `${sendUrl}#item-1-choice`);
    const two = await officer.get(sendUrl);
    assert.equal(two.body.match(/name="item-\d-value"/g)?.length, 2);
    assert.match(two.body, />First draft item<\/textarea>/);
    assert.match(two.body, /value="share_part" checked/);
    assert.match(two.body, /Remove<span class="govuk-visually-hidden"> item 2<\/span>/);
    const draft = await ctx.t.deps.db.selectFrom('disclosure_draft').select('sealed').where('decision_id', '=', decisionId).executeTakeFirstOrThrow();
    assert.doesNotMatch(JSON.stringify(draft.sealed), /First draft item/, 'the draft is sealed');
    // Remove the first: the second block stays, with what was typed into it.
    const removed = await postMultipart(ctx.app, officer, sendUrl, {
      scope: 'share_part',
      'item-0-choice': NOTES,
      'item-0-value': 'First draft item',
      'item-0-kind': 'fact',
      'item-1-value': 'Second draft item',
      remove: '0',
    });
    assert.equal(removed.statusCode, 303);
    const one = await officer.get(sendUrl);
    assert.equal(one.body.match(/name="item-\d-value"/g)?.length, 1);
    assert.match(one.body, />Second draft item<\/textarea>/);
    assert.doesNotMatch(one.body, /First draft item/);
    // Someone else cannot save a draft under this decision.
    const stranger = await signedIn(p.otherOfficer.email);
    assert.equal((await postMultipart(ctx.app, stranger, sendUrl, { add: 'item' })).statusCode, 404);
    assert.match(form.body, /<input class="govuk-file-upload" id="attachments" name="attachments" type="file" multiple/);

    // Nothing chosen: the scope and something to send. A half-filled third row: its own fields.
    const empty = await postMultipart(ctx.app, officer, sendUrl, {});
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorLinks(empty.body), ['item-0-choice', 'scope']);
    const half = await postMultipart(ctx.app, officer, sendUrl, { scope: 'share_part', 'item-2-value': 'Two call-outs' });
    assert.equal(half.statusCode, 400);
    assert.deepEqual(errorLinks(half.body), ['item-2-choice', 'item-2-kind']);
    assert.match(half.body, /Select what the information is/);
    assert.match(half.body, />Two call-outs<\/textarea>/, 'keeps what was typed');
    const exe = await postMultipart(ctx.app, officer, sendUrl, { scope: 'share_part', freeText: 'See the file' }, [
      { name: 'attachments', filename: 'run.exe', contentType: 'application/x-msdownload', content: Buffer.from('MZ') },
    ]);
    assert.equal(exe.statusCode, 400);
    assert.deepEqual(errorLinks(exe.body), ['attachments']);
    assert.match(exe.body, /run\.exe must be a PDF, Word document, PNG, JPEG or text file/);
    const tooBig = await postMultipart(ctx.app, officer, sendUrl, { scope: 'share_part' }, [
      { name: 'attachments', filename: 'big.txt', contentType: 'text/plain', content: Buffer.alloc(2 * 1024 * 1024 + 10, 97) },
    ]);
    assert.equal(tooBig.statusCode, 400);
    assert.match(tooBig.body, /big\.txt must be smaller than 2 MB/);
    const tooMany = await postMultipart(
      ctx.app,
      officer,
      sendUrl,
      { scope: 'share_part' },
      [1, 2, 3, 4, 5].map((n) => ({ name: 'attachments', filename: `${n}.txt`, contentType: 'text/plain', content: Buffer.from('x') })),
    );
    assert.equal(tooMany.statusCode, 413);
    assert.match(tooMany.body, /Too many files/);
    const forged = await postMultipart(ctx.app, officer, sendUrl, { scope: 'share_all', freeText: 'x' }, [], { csrf: 'forged' });
    assert.equal(forged.statusCode, 403);
    assert.equal((await ctx.t.deps.db.selectFrom('disclosure').select('id').where('partnership_id', '=', p.partnershipId).execute()).length, 0, 'nothing was sent');

    await officer.get(sendUrl);
    const sent = await postMultipart(
      ctx.app,
      officer,
      sendUrl,
      {
        scope: 'share_part',
        'item-0-choice': NOTES,
        'item-0-value': 'Two call-outs for domestic abuse, 3 March and 9 August 2026',
        'item-0-kind': 'fact',
        'item-3-choice': NOTES,
        'item-3-value': 'Officers felt the mother was frightened',
        'item-3-kind': 'opinion',
        freeText: 'Older records are being checked.',
      },
      [{ name: 'attachments', filename: 'incident log.txt', contentType: 'text/plain', content: Buffer.from('incident log 2026-03-03') }],
    );
    assert.equal(sent.statusCode, 303);
    const url = sent.headers.location as string;
    idIn(url, /^\/disclosures\/([0-9a-f-]{36})$/);
    const senderPage = await officer.get(url);
    assert.match(senderPage.body, /Information sent securely — it expires if not opened by 18 December 2026 at 11:59pm\./);
    assert.match(senderPage.body, /Information sent to Council/);
    assert.match(senderPage.body, /Not opened yet/);
    assert.match(senderPage.body, /No one has opened it yet\./);
    assert.match(senderPage.body, /action="\/disclosures\/[^"]+\/revoke"/);
    assert.equal((await officer.get(sendUrl)).headers.location, url, 'the form leads to what was sent');

    // The requester: the request is answered; the information is in their list; opening it is the read receipt.
    const social = await signedIn(p.social.email);
    const request = await social.get(`/requests/${requestId}`);
    assert.match(request.body, /Answered: part of the information shared/);
    assert.match(request.body, new RegExp(`href="${url}">Part of the information asked for, sent 20 November 2026 at 10am`));
    const list = await social.get('/disclosures');
    assert.match(list.body, /Information received/);
    assert.match(list.body, new RegExp(`href="${url}">Ann Example`));
    const opened = await social.get(url);
    assert.equal(opened.statusCode, 200);
    assert.match(opened.body, /Information from Police/);
    assert.match(opened.body, /From Police, Staff [^,]+, 20 November 2026/, 'the originator stamp');
    assert.match(opened.body, /govuk-tag--blue">\s*Fact/);
    assert.match(opened.body, /govuk-tag--purple">\s*Opinion/);
    assert.match(opened.body, /Two call-outs for domestic abuse, 3 March and 9 August 2026/);
    assert.match(opened.body, /Older records are being checked\./);
    const link = /href="(\/disclosures\/[^"]+\/attachments\/[^"]+)" download>incident log\.txt<\/a> \(text file, 23 bytes\)/.exec(opened.body);
    assert.ok(link, 'the attachment is listed');
    const file = await ctx.app.inject({ method: 'GET', url: link[1]!, headers: { cookie: social.cookie } });
    assert.equal(file.statusCode, 200);
    assert.equal(file.body, 'incident log 2026-03-03');
    assert.equal(file.headers['content-disposition'], `attachment; filename="incident log.txt"; filename*=UTF-8''incident%20log.txt`);
    assert.equal(file.headers['x-content-type-options'], 'nosniff');
    assert.match(String(file.headers['content-type']), /^text\/plain/);

    // Files are accepted on the disclosure form only.
    const elsewhere = await postMultipart(ctx.app, social, `${url}/inaccuracies`, { itemId: 'x', description: 'y' });
    assert.equal(elsewhere.statusCode, 415);

    // The sender sees the read receipt and can no longer recall it.
    const receipts = await officer.get(url);
    assert.match(receipts.body, /Opened/);
    assert.match(receipts.body, new RegExp(`Staff ${p.social.email.replace('.', '\\.')}, <time`));
    assert.doesNotMatch(receipts.body, /action="\/disclosures\/[^"]+\/revoke"/);
    const late = await officer.post(`${url}/revoke`, {});
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /already been opened, so it cannot be recalled/);

    // Anyone else: not found, everywhere.
    const nurse = await signedIn(p.nurse.email);
    for (const path of [url, link[1]!, `${url}/attachments/${randomUUID()}`, `/decisions/${decisionId}/send`, `/disclosures/${randomUUID()}`, '/disclosures/nonsense', `${url}/decide-onward`]) {
      const res = await nurse.get(path);
      assert.equal(res.statusCode, 404, path);
      assert.doesNotMatch(res.body, /call-outs|Ann Example/);
    }
    assert.equal((await nurse.post(`${url}/inaccuracies`, { itemId: randomUUID(), description: 'x' })).statusCode, 404);
    const actions = new Set((await auditOf(ctx.t.deps, p.partnershipId)).map((e) => e.action));
    for (const a of ['disclosure.prepared', 'disclosure.sent', 'disclosure.opened', 'disclosure.viewed', 'disclosure.attachment-downloaded', 'disclosure.listed']) assert.ok(actions.has(a), a);
  });

  it('recalls unopened information, which then cannot be read', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    const social = await signedIn(p.social.email);
    await walkDecision(social, `/children/${p.childId}/decisions/new`, p.childId);
    const res = await social.post(`/children/${p.childId}/decisions/new/record`, {
      action: 'shared',
      recipientAgencyId: p.schoolId,
      purposeDetail: 'Safety plan',
      informationShared: 'Plan',
      reasons: 'Risk',
    });
    const decisionId = idIn(res.headers.location, /^\/decisions\/([0-9a-f-]{36})\/confirmation$/);
    const form = await social.get(`/decisions/${decisionId}/send`);
    assert.doesNotMatch(form.body, /name="scope"/, 'not an answer to a request');
    assert.doesNotMatch(form.body, /name="sourceItemIds"/);
    // Without files a browser may send the form as a plain form too.
    const sent = await social.post(`/decisions/${decisionId}/send`, {
      'item-0-choice': 'minimum|who is working with the child and how to contact them',
      'item-0-value': 'Sam, social worker, 01234 567890',
      'item-0-kind': 'fact',
    });
    assert.equal(sent.statusCode, 303);
    const url = sent.headers.location as string;
    await social.get(url);
    assert.equal((await social.post(`${url}/revoke`, { reason: 'Sent to the wrong school' })).statusCode, 303);
    const recalled = await social.get(url);
    assert.match(recalled.body, /The information is recalled\./);
    const school = await signedIn(p.schoolLead.email);
    const page = await school.get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Council recalled this information on .+\. It can no longer be read\./);
    assert.doesNotMatch(page.body, /01234 567890/);
    assert.doesNotMatch(page.body, /Report an inaccuracy/);
  });

  it('asks the originator to agree to sharing onward (refused, then agreed), shares onward, and a correction reaches both recipients', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');
    const { disclosureId } = await answeredRequest(p);
    const url = `/disclosures/${disclosureId}`;
    const social = await signedIn(p.social.email);
    let page = await social.get(url);
    assert.match(page.body, /Sharing it with another agency/);
    assert.doesNotMatch(page.body, /Decide on sharing onward/, 'nothing agreed yet');

    // Deciding before anyone agreed: the record page says so and offers no form.
    const early = await walkDecision(social, `${url}/decide-onward`, p.childId);
    assert.match(early.body, /No originating agency has agreed yet/);
    assert.doesNotMatch(early.body, /action="\/children\/[^"]+\/decisions\/new\/record"/);

    const blank = await social.post(`${url}/agreements`, { toAgencyId: '', purpose: '' });
    assert.equal(blank.statusCode, 400);
    assert.deepEqual(errorLinks(blank.body), ['purpose', 'toAgencyId']);
    assert.equal((await social.post(`${url}/agreements`, { toAgencyId: p.schoolId, purpose: 'The school needs to plan for her safety' })).statusCode, 303);
    page = await social.get(url);
    assert.match(page.body, /The originator is asked to agree\./);
    assert.match(page.body, /Waiting for the originator/);
    const twice = await social.post(`${url}/agreements`, { toAgencyId: p.schoolId, purpose: 'Again' });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /already been asked for/);

    // The originator (the officer who sent it) refuses with reasons; others in the police cannot answer.
    const officer = await signedIn(p.officer.email);
    const waiting = await officer.get('/disclosures');
    const agreementUrl = /href="(\/agreements\/[0-9a-f-]{36})">Agree or refuse/.exec(waiting.body)?.[1];
    assert.ok(agreementUrl, 'waiting for the police: an agreement');
    assert.match(waiting.body, /Council asks to share your agency’s information about Ann Example with another agency/);
    const agreement = await officer.get(agreementUrl);
    assert.equal(agreement.statusCode, 200);
    assert.match(agreement.body, /Council asks to share your agency’s information with School/);
    assert.match(agreement.body, /The school needs to plan for her safety/);
    assert.match(agreement.body, /Two call-outs for domestic abuse/);
    const other = await signedIn(p.otherOfficer.email);
    assert.equal((await other.get(agreementUrl)).statusCode, 404);
    assert.equal((await other.post(agreementUrl, { answer: 'agree' })).statusCode, 404);
    const noReasons = await officer.post(agreementUrl, { answer: 'refuse' });
    assert.equal(noReasons.statusCode, 400);
    assert.deepEqual(errorLinks(noReasons.body), ['reasons']);
    assert.equal((await officer.post(agreementUrl, { answer: 'refuse', reasons: 'Investigation ongoing: not before the strategy meeting' })).statusCode, 303);
    assert.match((await officer.get(agreementUrl)).body, /You refused\./);
    assert.equal((await officer.post(agreementUrl, { answer: 'agree' })).statusCode, 409);

    page = await social.get(url);
    assert.match(page.body, /Refused/);
    assert.match(page.body, /Investigation ongoing: not before the strategy meeting/);
    assert.equal((await social.post(`${url}/agreements`, { toAgencyId: p.schoolId, purpose: 'After the strategy meeting: safety plan' })).statusCode, 303);
    const second = /href="(\/agreements\/[0-9a-f-]{36})">Agree or refuse/.exec((await officer.get('/disclosures')).body)![1]!;
    // Issue 15: the originator answers item by item, a reason for each refusal (Southampton 2010 s.10–11).
    const secondPage = await officer.get(second);
    const answerIds = [...secondPage.body.matchAll(/name="item-([0-9a-f-]{36})-answer"/g)].map((m) => m[1]!);
    const [firstItem, secondItem] = [...new Set(answerIds)];
    assert.ok(firstItem && secondItem, 'each of the two items has its own answer');
    const partial = await officer.post(second, { [`item-${firstItem}-answer`]: 'agree', [`item-${secondItem}-answer`]: 'refuse', [`item-${secondItem}-reason`]: '' });
    assert.equal(partial.statusCode, 400);
    assert.deepEqual(errorLinks(partial.body), [`item-${secondItem}-reason`]);
    assert.match(partial.body, /Give your reason for refusing item 2 \(case notes, assessments and plans\)/);
    assert.equal(
      (await officer.post(second, { [`item-${firstItem}-answer`]: 'agree', [`item-${secondItem}-answer`]: 'refuse', [`item-${secondItem}-reason`]: 'The officer’s opinion stays with the police' }))
        .statusCode,
      303,
    );
    const answered = await officer.get(second);
    assert.match(answered.body, /You agreed to 1 item and refused 1 item\./);
    assert.match(answered.body, /Agreed in part/);
    assert.match(answered.body, /Why you refused: The officer’s opinion stays with the police/);
    assert.ok(
      (await auditOf(ctx.t.deps, p.partnershipId)).some(
        (e) => e.action === 'onward-agreement.answered' && JSON.stringify(e.details).includes(secondItem) && (e.details as { answer?: string }).answer === 'partly_agreed',
      ),
      'audited with the items agreed and refused',
    );
    page = await social.get(url);
    assert.match(page.body, /Agreed in part/);
    assert.match(page.body, /case notes, assessments and plans: refused – The officer’s opinion stays with the police/);
    // The originator is never offered as an onward recipient, and is refused when named.
    const asked = [...page.body.matchAll(/<option value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
    assert.ok(asked.includes(p.schoolId));
    assert.ok(!asked.includes(p.policeId), 'the police sent it: not an onward recipient');
    const toOriginator = await social.post(`${url}/agreements`, { toAgencyId: p.policeId, purpose: 'Back to the police' });
    assert.equal(toOriginator.statusCode, 400);
    assert.deepEqual(errorLinks(toOriginator.body), ['toAgencyId']);
    assert.match(toOriginator.body, /Select an agency the information did not come from/);

    // Now the council decides to pass it on: only the school is offered.
    page = await social.get(url);
    assert.match(page.body, new RegExp(`href="${url}/decide-onward"[^>]*>Decide on sharing onward<`));
    const record = await walkDecision(social, `${url}/decide-onward`, p.childId);
    assert.match(record.body, /information your agency received/);
    const options = [...record.body.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(options, ['', p.schoolId], 'only the agency the originator agreed to');
    const decided = await social.post(`/children/${p.childId}/decisions/new/record`, {
      action: 'shared',
      recipientAgencyId: p.schoolId,
      purposeDetail: 'School safety plan',
      informationShared: 'Police call-outs',
      reasons: 'Risk',
    });
    assert.equal(decided.statusCode, 303);
    const sendUrl = decided.headers.location as string;
    assert.match(sendUrl, /^\/decisions\/[0-9a-f-]{36}\/send$/);
    const onwardForm = await social.get(sendUrl);
    assert.match(onwardForm.body, /Which of the information you received are you passing on\?/);
    const sourceIds = [...onwardForm.body.matchAll(/name="sourceItemIds" type="checkbox" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    assert.equal(sourceIds.length, 2);
    assert.match(onwardForm.body, /From Police, Staff [^:]+: Two call-outs/);
    assert.match(onwardForm.body, /Cannot be passed on under this decision: Police refused to let this item go to School: The officer’s opinion stays with the police/);
    const refusedId = sourceIds[1]!;
    assert.match(onwardForm.body, new RegExp(`value="${refusedId}" disabled`), 'the refused item cannot be chosen');
    const none = await postMultipart(ctx.app, social, sendUrl, {});
    assert.equal(none.statusCode, 400);
    assert.deepEqual(errorLinks(none.body), ['item-0-choice', 'sourceItemIds']);
    const refusedToo = await postMultipart(ctx.app, social, sendUrl, { sourceItemIds: [sourceIds[0]!, refusedId] });
    assert.equal(refusedToo.statusCode, 400);
    assert.match(refusedToo.body, /Police has not agreed to this item being shared with School: select only the items agreed/);
    const onward = await postMultipart(ctx.app, social, sendUrl, {
      sourceItemIds: [sourceIds[0]!],
      'item-0-choice': 'minimum|who is working with the child and how to contact them',
      'item-0-value': 'Sam, social worker',
      'item-0-kind': 'fact',
    });
    assert.equal(onward.statusCode, 303);
    const onwardUrl = onward.headers.location as string;

    // The school opens it: each item keeps its originator. It reports the police item as inaccurate.
    const school = await signedIn(p.schoolLead.email);
    const atSchool = await school.get(onwardUrl);
    assert.match(atSchool.body, /Passed on with the originators’ agreement/);
    assert.match(atSchool.body, /From Police, Staff [^,]+, 20 November 2026/);
    assert.match(atSchool.body, /From Council, Staff [^,]+, 20 November 2026/);
    const items = [...atSchool.body.matchAll(/<option value="([0-9a-f-]{36})"[^>]*>(\d\. [^<]+)</g)].map((m) => [m[1]!, m[2]!] as const);
    assert.deepEqual(
      items.map(([, text]) => text),
      ['1. case notes, assessments and plans (Police)', '2. who is working with the child and how to contact them (Council)'],
    );
    const bad = await school.post(`${onwardUrl}/inaccuracies`, { itemId: '', description: '' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorLinks(bad.body), ['itemId', 'description']);
    assert.equal((await school.post(`${onwardUrl}/inaccuracies`, { itemId: items[0]![0], description: 'The second call-out was 9 July, not 9 August' })).statusCode, 303);
    const reportedPage = await school.get(onwardUrl);
    assert.match(reportedPage.body, /The inaccuracy is reported to the originator/);
    assert.match(reportedPage.body, /Your agency reported this as inaccurate; the originator has not decided yet\./);

    // The police decide: correct it. It reaches the council (direct) and the school (onward).
    const toDecide = await officer.get('/disclosures');
    const correctionUrl = /href="(\/corrections\/[0-9a-f-]{36})">Decide/.exec(toDecide.body)?.[1];
    assert.ok(correctionUrl);
    const correction = await officer.get(correctionUrl);
    assert.match(correction.body, /As your agency recorded it/);
    assert.match(correction.body, /The second call-out was 9 July, not 9 August/);
    assert.equal((await social.get(correctionUrl)).statusCode, 404, 'not the originator nor the reporting agency');
    const noValue = await officer.post(correctionUrl, { decision: 'correct', correctedValue: '' });
    assert.equal(noValue.statusCode, 400);
    assert.deepEqual(errorLinks(noValue.body), ['correctedValue']);
    const decidedCorrection = await officer.post(correctionUrl, {
      decision: 'correct',
      correctedValue: 'Two call-outs for domestic abuse, 3 March and 9 July 2026',
      note: 'Checked against the incident log',
    });
    assert.equal(decidedCorrection.statusCode, 303);
    assert.match((await officer.get(correctionUrl)).body, /The correction is sent to 2 agencies that received the information\./);

    for (const [client, where] of [
      [social, url],
      [school, onwardUrl],
    ] as const) {
      const list = await client.get('/disclosures');
      assert.match(list.body, /has corrected information about Ann Example: acknowledge the correction/);
      const view = await client.get(where);
      assert.match(view.body, /Corrected by the originator on/);
      assert.match(view.body, /Two call-outs for domestic abuse, 3 March and 9 July 2026/);
      const ack = /action="(\/disclosures\/[^"]+\/corrections\/[^"]+\/acknowledge)"/.exec(view.body)?.[1];
      assert.ok(ack);
      assert.equal((await client.post(ack, {})).statusCode, 303);
      assert.match((await client.get(where)).body, /Your agency acknowledged this correction on/);
      const again = await client.post(ack, {});
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /already been acknowledged/);
    }
    const done = await officer.get(correctionUrl);
    assert.equal(done.body.match(/ by Staff /g)?.length, 2, 'both acknowledged, by whom');
    assert.doesNotMatch(done.body, /Not yet/);
    const reporter = await school.get(correctionUrl);
    assert.equal(reporter.statusCode, 200, 'the reporting agency follows its report');
    assert.match(reporter.body, /Corrected information/);
    assert.doesNotMatch(reporter.body, /name="decision"/);
    const nurse = await signedIn(p.nurse.email);
    for (const path of [agreementUrl, correctionUrl, onwardUrl]) assert.equal((await nurse.get(path)).statusCode, 404, path);
  });
});
