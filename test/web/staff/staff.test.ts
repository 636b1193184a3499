// /staff and /agencies through the real application: an agency administrator adds a member of
// staff with the roles the protocols name, changes their roles (which signs them out at once),
// records training, disables them; another agency's staff are "Page not found"; the partnership
// manager adds an agency, suspends it (then it cannot be sent information) and records it leaving.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { auditOf, makeStaff, makeWorld } from '../../support/factories.ts';

const ctx = useTestApp(openTestDb, { before, after });

describe('staff pages', () => {
  it('an agency administrator adds, edits and disables its own staff; a role change signs the person out at once', async () => {
    const { deps } = ctx.t;
    const w = await makeWorld(deps);
    const admin = await makeStaff(deps, w.partnershipId, w.councilId, ['administrator']);
    const worker = await makeStaff(deps, w.partnershipId, w.councilId, ['practitioner']);
    const c = new Client(ctx.app);
    await c.signIn(admin.email);

    const list = await c.get('/staff');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /href="\/staff" aria-current="page">[\s\S]*?Staff/);
    assert.match(list.body, /Council has nobody with the role: Single point of contact/);
    assert.doesNotMatch(list.body, new RegExp(w.school.email), 'only the agency’s own staff');

    await c.get('/staff/new');
    const bad = await c.post('/staff/new', { displayName: '', email: 'not-an-email', roles: [] });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /<title>Error: Add a member of staff/);
    assert.match(bad.body, /Enter the full name/);
    assert.match(bad.body, /Select at least one role/);
    const noPm = await c.post('/staff/new', { displayName: 'Pat', email: 'pat@council.test', roles: ['partnership_manager'] });
    assert.match(noPm.body, /You cannot give the role Partnership manager/);
    const added = await c.post('/staff/new', { displayName: 'Sally Spoc', email: 'Sally.Spoc@council.test', jobTitle: 'Front door', roles: ['spoc', 'practitioner'] });
    assert.equal(added.statusCode, 303);
    const page = await c.get(added.headers.location as string);
    assert.match(page.body, /Sally Spoc/);
    assert.match(page.body, /sally.spoc@council.test/);

    // The worker is signed in; their roles change; their next request is signed out.
    const workerClient = new Client(ctx.app);
    await workerClient.signIn(worker.email);
    assert.equal((await workerClient.get('/children')).statusCode, 200);
    await c.get(`/staff/${worker.id}`);
    const saved = await c.post(`/staff/${worker.id}`, { displayName: `Staff ${worker.email}`, email: worker.email, roles: ['practitioner', 'designated_safeguarding_lead'] });
    assert.equal(saved.statusCode, 303);
    const after = await workerClient.get('/children');
    assert.equal(after.statusCode, 302);
    assert.match(String(after.headers.location), /^\/sign-in/);

    // Training recorded with dates; then the account is disabled.
    await c.get(`/staff/${worker.id}`);
    const badCheck = await c.post(`/staff/${worker.id}/checks`, { kind: 'information_sharing_training', 'completedOn-day': '30', 'completedOn-month': '2', 'completedOn-year': '2026' });
    assert.equal(badCheck.statusCode, 400);
    assert.match(badCheck.body, /Enter the date it was completed as a real date/);
    const check = await c.post(`/staff/${worker.id}/checks`, {
      kind: 'information_sharing_training',
      'completedOn-day': '1',
      'completedOn-month': '9',
      'completedOn-year': '2026',
      'expiresOn-day': '1',
      'expiresOn-month': '9',
      'expiresOn-year': '2027',
    });
    assert.equal(check.statusCode, 303);
    const disabled = await c.post(`/staff/${worker.id}/disable`, {});
    assert.equal(disabled.statusCode, 303);
    const row = await deps.db.selectFrom('staff_user').select(['active']).where('id', '=', worker.id).executeTakeFirstOrThrow();
    assert.equal(row.active, false);
    const actions = (await auditOf(deps, w.partnershipId)).map((e) => e.action);
    for (const a of ['staff.added', 'staff.updated', 'staff-check.recorded', 'staff.disabled']) assert.ok(actions.includes(a), a);
  });

  it('another agency’s member of staff is "Page not found", and the attempt is audited', async () => {
    const { deps } = ctx.t;
    const w = await makeWorld(deps);
    const admin = await makeStaff(deps, w.partnershipId, w.councilId, ['administrator']);
    const c = new Client(ctx.app);
    await c.signIn(admin.email);
    assert.equal((await c.get(`/staff/${w.school.id}`)).statusCode, 404);
    const res = await c.post(`/staff/${w.school.id}/disable`, {});
    assert.equal(res.statusCode, 404);
    const denied = (await auditOf(deps, w.partnershipId)).filter((e) => e.outcome === 'denied' && e.subject_id === w.school.id);
    assert.deepEqual(
      denied.map((e) => e.action),
      ['staff.viewed', 'staff.disabled'],
    );
    // A practitioner has no staff pages at all.
    const p = new Client(ctx.app);
    await p.signIn(w.council.email);
    assert.equal((await p.get('/staff')).statusCode, 404);
  });

  it('the partnership manager adds an agency, suspends it with a reason, and records it leaving', async () => {
    const { deps } = ctx.t;
    const w = await makeWorld(deps);
    const pm = await makeStaff(deps, w.partnershipId, w.councilId, ['partnership_manager']);
    const c = new Client(ctx.app);
    await c.signIn(pm.email);
    const page = await c.get('/agencies');
    assert.equal(page.statusCode, 200);
    const bad = await c.post('/agencies', { name: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the agency’s name/);
    const added = await c.post('/agencies', { name: 'Riverside Academy', sector: 'education', kind: 'relevant_agency' });
    assert.equal(added.statusCode, 303);
    await c.get('/agencies');
    const noReason = await c.post(`/agencies/${w.schoolId}/suspend`, { reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Enter the reason/);
    assert.equal((await c.post(`/agencies/${w.schoolId}/suspend`, { reason: 'Board decision pending a breach review' })).statusCode, 303);
    assert.equal((await c.post(`/agencies/${w.schoolId}/leave`, { reason: 'Left the partnership' })).statusCode, 303);
    const again = await c.post(`/agencies/${w.schoolId}/reinstate`, {});
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /Left the partnership: it cannot be reinstated|cannot be reinstated/);
    // The school's staff cannot sign in any more.
    const s = new Client(ctx.app);
    await s.get('/sign-in');
    assert.equal((await s.post('/sign-in', { email: w.school.email, password: 'correct horse battery staple' })).statusCode, 400);
  });
});

describe('importing staff through the web page', () => {
  it('checks the uploaded file first (line errors in the summary), then adds everyone on confirmation', async () => {
    const { deps } = ctx.t;
    const w = await makeWorld(deps);
    const admin = await makeStaff(deps, w.partnershipId, w.councilId, ['administrator']);
    const c = new Client(ctx.app);
    await c.signIn(admin.email);
    const page = await c.get('/staff/import');
    assert.equal(page.statusCode, 200);
    const upload = async (csv: string, extra: Record<string, string> = {}) => {
      const boundary = '----concordtest';
      const parts = [
        `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${c.csrf}\r\n`,
        ...Object.entries(extra).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="staff.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n`,
        `--${boundary}--\r\n`,
      ];
      const res = await ctx.app.inject({ method: 'POST', url: '/staff/import', headers: { cookie: c.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: parts.join('') });
      const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
      if (m) c.csrf = m[1]!;
      return res;
    };
    const bad = await upload('email,name,job_title,roles,agency\nok.person@council.test,OK Person,,practitioner,\nbroken,Broken,,practitioner,\n');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Line 3: email: Enter an email address/);
    const checked = await upload('email,name,job_title,roles,agency\nok.person@council.test,OK Person,,practitioner,\n');
    assert.equal(checked.statusCode, 200);
    assert.match(checked.body, /Check before you add them/);
    assert.equal((await deps.db.selectFrom('staff_user').select('id').where('email', '=', 'ok.person@council.test').execute()).length, 0);
    const csv = /name="file" value="([^"]*)"/.exec(checked.body)![1]!.replace(/&#10;|\n/g, '\n');
    const confirm = await (async () => {
      const boundary = '----concordconfirm';
      const payload = [
        `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${c.csrf}\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="confirm"\r\n\r\nyes\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\n${csv.replace(/&#39;/g, "'")}\r\n`,
        `--${boundary}--\r\n`,
      ].join('');
      return ctx.app.inject({ method: 'POST', url: '/staff/import', headers: { cookie: c.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    })();
    assert.equal(confirm.statusCode, 303);
    assert.equal((await deps.db.selectFrom('staff_user').select('id').where('email', '=', 'ok.person@council.test').execute()).length, 1);
  });
});
