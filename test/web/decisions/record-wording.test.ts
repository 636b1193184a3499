// The record step reads for the decision being recorded (the real application, in-process): a
// decision not to share is not asked what is being shared, asks for the reasons for not sharing and
// is recorded with "Record decision not to share" — on first show when that is the advice, and,
// without JavaScript, after "Update the page for this decision" when the person changes their
// choice (post-redirect-get, keeping what was typed). Wirral 2022 App. 2 s.5.4: the reasons for not
// sharing are recorded and explained.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { errorLinks, sharingPartnership, signedIn, walkDecision } from '../../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });

const h1 = (html: string) => /<h1 class="govuk-heading-l">([^<]*)<\/h1>/.exec(html)?.[1];
const submit = (html: string) => /<button type="submit" class="govuk-button" data-module="govuk-button">\s*([^<]*?)\s*<\/button>/.exec(html)?.[1];
const label = (html: string, id: string) => new RegExp(`<label class="govuk-label govuk-label--m" for="${id}">\\s*([^<]*?)\\s*</label>`).exec(html)?.[1];

describe(`the record step's wording (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('follows the decision chosen: sharing, then not sharing after the page is updated, and back', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    const social = await signedIn(ctx.app, p.social.email);
    const url = `/children/${p.childId}/decisions/new/record`;

    const sharing = await walkDecision(social, `/children/${p.childId}/decisions/new`, p.childId);
    assert.equal(h1(sharing.body), 'Record your decision');
    assert.equal(label(sharing.body, 'informationShared'), 'What information are you sharing?');
    assert.equal(label(sharing.body, 'reasons'), 'Your reasons');
    assert.equal(submit(sharing.body), 'Record decision');
    assert.match(sharing.body, /<button type="submit" value="action" name="_change" class="govuk-button govuk-button--secondary"[^>]*id="change-action">\s*Update the page for this decision/);

    // Choosing "not sharing" and updating the page: worded for it, with what was typed kept.
    const changed = await social.post(url, { action: 'not_shared', recipientAgencyId: p.policeId, purposeDetail: 'Strategy discussion', _change: 'action' });
    assert.equal(changed.statusCode, 303);
    assert.equal(changed.headers.location, `${url}#action`);
    const notSharing = await social.get(url);
    assert.match(notSharing.body, /<title>Record your decision not to share – Ann Example/);
    assert.equal(h1(notSharing.body), 'Record your decision not to share');
    assert.equal(label(notSharing.body, 'reasons'), 'Your reasons for not sharing');
    assert.match(notSharing.body, /Required\. Say who you consulted, if anyone\./);
    assert.doesNotMatch(notSharing.body, /What information are you sharing\?|name="informationShared"/, 'not asked what is being shared');
    assert.equal(submit(notSharing.body), 'Record decision not to share');
    assert.match(notSharing.body, /id="action-2" name="action" type="radio" value="not_shared" checked/);
    assert.match(notSharing.body, /Strategy discussion<\/textarea>/);
    assert.match(notSharing.body, new RegExp(`<option value="${p.policeId}" selected>`));
    assert.equal((await ctx.t.deps.db.selectFrom('decision').select('id').where('child_id', '=', p.childId).execute()).length, 0, 'updating the page records nothing');

    // An error keeps the wording of the decision not to share.
    const missing = await social.post(url, { action: 'not_shared', recipientAgencyId: p.policeId, purposeDetail: 'Strategy discussion', reasons: '' });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(errorLinks(missing.body), ['reasons']);
    assert.match(missing.body, /<title>Error: Record your decision not to share – Ann Example/);
    assert.equal(submit(missing.body), 'Record decision not to share');

    // And back to sharing.
    await social.post(url, { action: 'shared', recipientAgencyId: p.policeId, purposeDetail: 'Strategy discussion', _change: 'action' });
    const back = await social.get(url);
    assert.equal(h1(back.body), 'Record your decision');
    assert.equal(label(back.body, 'informationShared'), 'What information are you sharing?');

    const recorded = await social.post(url, { action: 'not_shared', recipientAgencyId: p.policeId, purposeDetail: 'Strategy discussion', reasons: 'The police already hold it.' });
    assert.equal(recorded.statusCode, 303);
    assert.match(recorded.headers.location as string, /^\/decisions\/[0-9a-f-]{36}\/confirmation$/);
    const stored = await ctx.t.deps.db.selectFrom('decision').select('action').where('child_id', '=', p.childId).execute();
    assert.deepEqual(
      stored.map((d) => d.action),
      ['not_shared'],
    );
  });

  it('is worded for not sharing from the start when that is the advice', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    const social = await signedIn(ctx.app, p.social.email);
    const page = await walkDecision(social, `/children/${p.childId}/decisions/new`, p.childId, [['purpose', 'none']]);
    assert.equal(h1(page.body), 'Record your decision not to share');
    assert.equal(label(page.body, 'reasons'), 'Your reasons for not sharing');
    assert.equal(submit(page.body), 'Record decision not to share');
    assert.doesNotMatch(page.body, /name="informationShared"/);
  });
});
