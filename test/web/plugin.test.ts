import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addChild } from '../../src/use-cases/children/add-child.ts';
import { Client, useTestApp } from '../support/app.ts';
import { openTestDb } from '../support/db.ts';
import { auditOf, childInput, makeWorld } from '../support/factories.ts';

const ctx = useTestApp(openTestDb, { before, after });

const walk = async (c: Client, childId: string, answers: [string, string | Record<string, string>][]) => {
  let res = await c.get(`/children/${childId}/decisions/new`);
  assert.equal(res.statusCode, 303);
  for (const [question, answer] of answers) {
    const url = res.headers.location as string;
    assert.equal(url, `/children/${childId}/decisions/new/${question}`, `expected to be asked ${question}`);
    const page = await c.get(url);
    assert.equal(page.statusCode, 200);
    res = await c.post(url, typeof answer === 'string' ? { answer } : answer);
    assert.equal(res.statusCode, 303, `answer to ${question} accepted`);
  }
  return res;
};

describe('web routes', () => {
  it("gives the advice of the signed-in person's partnership's protocol pack, citing its clauses", async () => {
    const w = await makeWorld(ctx.t.deps);
    await ctx.t.deps.db.updateTable('partnership').set({ pack: 'derby-derbyshire-2015@2015.4' }).where('id', '=', w.partnershipId).execute();
    const added = await addChild(ctx.t.deps, w.council.actor, childInput({ nhsNumber: null, dateOfBirth: '2014-06-01' }));
    if (added.kind !== 'ok') assert.fail();
    const childId = added.value.childId;
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);
    const res = await walk(c, childId, [
      ['purpose', 'early_help'],
      ['identifiable', 'yes'],
      ['level', 'minimum'],
      ['confidential', 'yes'],
      ['consent', 'refused'],
      ['consentConflict', 'no'],
      ['harm', 'none'],
      ['sexualActivityUnder13', 'yes'],
    ]);
    await c.post(res.headers.location as string, {});
    const advice = await c.get(`/children/${childId}/decisions/new/advice`);
    // Derby 2015 s.3: every child under 13 who is sexually active is referred (the baseline would say: get advice today).
    assert.match(advice.body, /Advice: you can share/);
    assert.match(advice.body, /your protocol: Derby 2015 s\.3/);
    assert.match(advice.body, /Protocol pack derby-derbyshire-2015@2015\.4\./);
  });

  it('sends signed-out visitors to sign in, and signs in with the real form', async () => {
    const w = await makeWorld(ctx.t.deps);
    const c = new Client(ctx.app);
    const res = await c.get('/children');
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, '/sign-in');
    const page = await c.get('/sign-in');
    assert.match(page.headers['content-security-policy'] as string, /script-src 'self' 'nonce-/);
    assert.equal(page.headers['x-frame-options'], 'SAMEORIGIN');
    const bad = await c.post('/sign-in', { email: w.council.email, password: 'nope' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /<title>Error: Sign in – Concord<\/title>/);
    assert.match(bad.body, /Enter a correct email address and password/);
    await c.signIn(w.council.email);
    const list = await c.get('/children');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Children and young people/);
  });

  it('refuses a form without a valid CSRF token and changes nothing', async () => {
    const w = await makeWorld(ctx.t.deps);
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);
    const res = await c.post('/children/new', { givenName: 'Ann', familyName: 'Example' }, { csrf: 'forged' });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Your form expired/);
    const n = await ctx.t.deps.db.selectFrom('child').select('id').where('partnership_id', '=', w.partnershipId).execute();
    assert.equal(n.length, 0);
  });

  it('adds a child, shows field errors first, and answers 404 to another agency', async () => {
    const w = await makeWorld(ctx.t.deps);
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);
    await c.get('/children/new');
    const bad = await c.post('/children/new', { givenName: '', familyName: 'Example', 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2017', nhsNumber: '999 000 0019' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#givenName"/);
    assert.match(bad.body, /href="#dateOfBirth"/);
    assert.match(bad.body, /href="#nhsNumber"/);
    assert.match(bad.body, /value="Example"/, 'keeps what was typed');
    const ok = await c.post('/children/new', {
      givenName: 'Ann',
      familyName: 'Example',
      'dateOfBirth-day': '27',
      'dateOfBirth-month': '3',
      'dateOfBirth-year': '2017',
      nhsNumber: '9990000018',
      circumstances: 'send',
    });
    assert.equal(ok.statusCode, 303);
    const childUrl = ok.headers.location as string;
    const page = await c.get(childUrl);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /999 000 0018/);
    assert.match(page.body, /Child added/);

    const other = new Client(ctx.app);
    await other.signIn(w.school.email);
    const denied = await other.get(childUrl);
    assert.equal(denied.statusCode, 404);
    assert.doesNotMatch(denied.body, /Example/);
    const journey = await other.get(`${childUrl}/decisions/new`);
    assert.equal(journey.statusCode, 404);
  });

  it('records a decision to share and a decision not to share through the one-question-per-page journey', async () => {
    const w = await makeWorld(ctx.t.deps);
    const added = await addChild(ctx.t.deps, w.council.actor, childInput({ nhsNumber: null, dateOfBirth: '2015-06-01' }));
    if (added.kind !== 'ok') assert.fail();
    const childId = added.value.childId;
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);

    // Share: reasonable cause to suspect significant harm, consent not sought because it would increase risk.
    let res = await walk(c, childId, [
      ['purpose', 'child_protection'],
      ['identifiable', 'yes'],
      ['level', 'detailed'],
      ['confidential', 'yes'],
      ['consent', 'not_sought'],
      ['consentNotSoughtReason', 'increase_risk'],
      ['harm', 'reasonable_cause_significant_harm'],
      ['sexualActivityUnder13', 'no'],
    ]);
    assert.equal(res.headers.location, `/children/${childId}/decisions/new/check`);
    const check = await c.get(res.headers.location as string);
    assert.match(check.body, /Check your answers/);
    res = await c.post(`/children/${childId}/decisions/new/check`, {});
    const advice = await c.get(res.headers.location as string);
    assert.match(advice.body, /Advice: you can share/);
    assert.match(advice.body, /Children Act 1989/);
    await c.get(`/children/${childId}/decisions/new/record`);
    const missing = await c.post(`/children/${childId}/decisions/new/record`, { action: 'shared', purposeDetail: '', informationShared: '', reasons: '' });
    assert.equal(missing.statusCode, 400);
    for (const f of ['recipientAgencyId', 'purposeDetail', 'informationShared', 'reasons']) assert.match(missing.body, new RegExp(`href="#${f}"`));
    res = await c.post(`/children/${childId}/decisions/new/record`, {
      action: 'shared',
      recipientAgencyId: w.schoolId,
      purposeDetail: 'Strategy discussion',
      informationShared: 'Dates of recent visits (fact).',
      reasons: 'Asking the parent would increase the risk to the child.',
    });
    assert.equal(res.statusCode, 303);
    const confirmation = await c.get(res.headers.location as string);
    assert.match(confirmation.body, /Decision recorded/);

    // Not share: early help, consent refused, no concern about significant harm.
    res = await walk(c, childId, [
      ['purpose', 'early_help'],
      ['identifiable', 'yes'],
      ['level', 'minimum'],
      ['confidential', 'yes'],
      ['consent', 'refused'],
      ['consentConflict', 'no'],
      ['harm', 'emerging_needs'],
      ['sexualActivityUnder13', 'no'],
    ]);
    await c.post(`/children/${childId}/decisions/new/check`, {});
    const advice2 = await c.get(`/children/${childId}/decisions/new/advice`);
    assert.match(advice2.body, /Advice: do not share/);
    await c.get(`/children/${childId}/decisions/new/record`);
    const noReason = await c.post(`/children/${childId}/decisions/new/record`, { action: 'not_shared', recipientAgencyId: w.schoolId, purposeDetail: 'Family support referral' });
    assert.match(noReason.body, /Explain why you are not sharing/);
    res = await c.post(`/children/${childId}/decisions/new/record`, {
      action: 'not_shared',
      recipientAgencyId: w.schoolId,
      purposeDetail: 'Family support referral',
      reasons: 'The parent refused consent and there is no safeguarding concern.',
    });
    assert.equal(res.statusCode, 303);

    const child = await c.get(`/children/${childId}`);
    // Nothing has been sent yet: the chronology says so, not "Information shared".
    assert.match(child.body, /Decided to share — not sent yet — School/);
    assert.doesNotMatch(child.body, /Information shared — School/);
    assert.match(child.body, /Decided not to share — School/);
    const actions = (await auditOf(ctx.t.deps, w.partnershipId)).map((e) => e.action);
    assert.equal(actions.filter((a) => a === 'decision.recorded').length, 2);
  });

  it('validates each question and skips questions the flowchart does not need', async () => {
    const w = await makeWorld(ctx.t.deps);
    const added = await addChild(ctx.t.deps, w.council.actor, childInput({ nhsNumber: null }));
    if (added.kind !== 'ok') assert.fail();
    const c = new Client(ctx.app);
    await c.signIn(w.council.email);
    const start = await c.get(`/children/${added.value.childId}/decisions/new`);
    await c.get(start.headers.location as string);
    const empty = await c.post(start.headers.location as string, {});
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Select why you want to share the information/);
    const none = await c.post(start.headers.location as string, { answer: 'none' });
    assert.equal(none.headers.location, `/children/${added.value.childId}/decisions/new/check`);
    const skipped = await c.get(`/children/${added.value.childId}/decisions/new/harm`);
    assert.equal(skipped.statusCode, 303);
  });

  it('serves the accessibility and privacy pages, and a 404 page', async () => {
    const c = new Client(ctx.app);
    assert.equal((await c.get('/accessibility')).statusCode, 200);
    assert.equal((await c.get('/privacy')).statusCode, 200);
    const missing = await c.get('/no-such-page');
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /Page not found/);
  });
});
