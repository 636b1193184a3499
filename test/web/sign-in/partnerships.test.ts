import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadDemoPartnership } from '../../../src/demo.ts';
import { DEMO_PASSWORD, demoPartnerships } from '../../../src/use-cases/partnerships/_demo-data.ts';
import { Client, useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';

const ctx = useTestApp(openTestDb, { before, after });
describe('two partnerships on different protocols', () => {
  before(async () => {
    for (const d of demoPartnerships) await loadDemoPartnership(ctx.t.deps, d, DEMO_PASSWORD);
  });

  it('asks a person with accounts in both which partnership to work in, and keeps their records apart', async () => {
    const c = new Client(ctx.app);
    await c.get('/sign-in');
    const res = await c.post('/sign-in', { email: 'pc.penny@police.example', password: DEMO_PASSWORD });
    assert.equal(res.headers.location, '/sign-in/partnership');
    const choose = await c.get('/sign-in/partnership');
    assert.match(choose.body, /Northbridge Safeguarding Children Partnership/);
    assert.match(choose.body, /Eastholme Safeguarding Children Partnership/);
    const none = await c.post('/sign-in/partnership', {});
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Select the partnership you want to work in/);
    const eastholme = await ctx.t.deps.db.selectFrom('partnership').select('id').where('slug', '=', 'eastholme').executeTakeFirstOrThrow();
    const chosen = await c.post('/sign-in/partnership', { partnershipId: eastholme.id });
    assert.equal(chosen.headers.location, '/sign-in/code', 'then the code from the authenticator app');
    const signedIn = await c.secondFactor('pc.penny@police.example', '/sign-in/code');
    assert.equal(signedIn.headers.location, '/children');
    const list = await c.get('/children');
    assert.match(list.body, /Gemma Fakename/);
    assert.doesNotMatch(list.body, /Finn Pretend/, 'the Northbridge caseload is not shown in Eastholme');
    const forged = await c.post('/sign-in/partnership', { partnershipId: eastholme.id });
    assert.equal(forged.headers.location, '/sign-in', 'the choice cannot be replayed once signed in');
  });

  it('shows each partnership its own protocol in plain English', async () => {
    const east = new Client(ctx.app);
    await east.signIn('eve.east@eastholme.example', DEMO_PASSWORD);
    const derby = await east.get('/protocol');
    assert.equal(derby.statusCode, 200);
    assert.match(derby.body, /derby-derbyshire-2015@/);
    assert.match(derby.body, /presumed competent/);
    const north = new Client(ctx.app);
    await north.signIn('sam.social@council.example', DEMO_PASSWORD);
    const wirral = await north.get('/protocol');
    assert.match(wirral.body, /wirral-2022@/);
    assert.match(wirral.body, /72 hours/, "Wirral's ICO clock");
    // The page tells the truth about the agreement: Northbridge's review is due, Eastholme's overdue (in red).
    assert.match(wirral.body, /Northbridge information sharing agreement/);
    assert.match(wirral.body, /4 of 5/, 'Northbridge Youth Project’s signature lapsed');
    assert.match(wirral.body, /Review due/);
    assert.match(derby.body, /govuk-tag--red">\s*Review overdue/);
    assert.doesNotMatch(derby.body, /<dd class="govuk-summary-list__value">\s*None\s*<\/dd>/);
  });

  it('names the partnership in the header and switches a person in several, re-checking membership, with CSRF, audited', async () => {
    const partnership = (slug: string) => ctx.t.deps.db.selectFrom('partnership').select(['id', 'name']).where('slug', '=', slug).executeTakeFirstOrThrow();
    const north = await partnership('northbridge');
    const east = await partnership('eastholme');
    // One partnership only: its name in the header, and no switch.
    const sam = new Client(ctx.app);
    await sam.signIn('sam.social@council.example', DEMO_PASSWORD);
    const samPage = await sam.get('/children');
    assert.match(samPage.body, /class="app-header__partnership">\s*<span class="govuk-visually-hidden">Partnership: <\/span>Northbridge Safeguarding Children Partnership/);
    assert.doesNotMatch(samPage.body, /Switch partnership/);
    assert.equal((await sam.post('/account/partnership', { partnershipId: east.id })).statusCode, 400, 'no account there: refused');

    const c = new Client(ctx.app);
    await c.get('/sign-in');
    await c.post('/sign-in', { email: 'pc.penny@police.example', password: DEMO_PASSWORD });
    await c.get('/sign-in/partnership');
    await c.post('/sign-in/partnership', { partnershipId: north.id });
    await c.secondFactor('pc.penny@police.example', '/sign-in/code');
    const home = await c.get('/children');
    assert.match(home.body, new RegExp(`Partnership: </span>${north.name}\\s*<a class="app-header__link" href="/account/partnership">Switch partnership</a>`));
    assert.match(home.body, /Finn Pretend/);

    const form = await c.get('/account/partnership');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Eastholme Safeguarding Children Partnership/);
    assert.doesNotMatch(form.body, /value="${north.id}"/, 'not the one they are in');
    const none = await c.post('/account/partnership', {});
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Select a partnership you work in/);
    const forged = await c.post('/account/partnership', { partnershipId: east.id }, { csrf: 'forged' });
    assert.equal(forged.statusCode, 403, 'CSRF');

    const switched = await c.post('/account/partnership', { partnershipId: east.id });
    assert.equal(switched.statusCode, 303);
    assert.equal(switched.headers.location, '/children');
    const there = await c.get('/children');
    assert.match(there.body, /Partnership: <\/span>Eastholme Safeguarding Children Partnership/);
    assert.match(there.body, /Gemma Fakename/);
    assert.doesNotMatch(there.body, /Finn Pretend/);
    const audit = await ctx.t.deps.db.selectFrom('audit_event').select(['partnership_id', 'action', 'details']).where('action', '=', 'user.partnership-switched').execute();
    assert.deepEqual(audit.map((a) => a.partnership_id).sort(), [north.id, east.id].sort(), 'audited in both partnerships');

    // Membership is re-checked at the switch: once Penny's Northbridge account is disabled, she cannot switch back.
    await ctx.t.deps.db.updateTable('staff_user').set({ active: false }).where('email', '=', 'pc.penny@police.example').where('partnership_id', '=', north.id).execute();
    const back = await c.post('/account/partnership', { partnershipId: north.id });
    assert.equal(back.statusCode, 400);
    const refused = await ctx.t.deps.db.selectFrom('audit_event').select(['outcome']).where('action', '=', 'user.partnership-switch-refused').where('partnership_id', '=', east.id).execute();
    assert.deepEqual(
      refused.map((r) => r.outcome),
      ['denied'],
    );
  });
});
