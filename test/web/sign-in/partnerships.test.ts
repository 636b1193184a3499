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
});
