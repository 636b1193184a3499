// The request form helps a practitioner ask coherently (the real application, in-process): each
// purpose shows the lawful basis suggested for it, and the basis is pre-selected once a purpose is
// chosen; a request that contradicts itself is refused on the field; one with warnings is sent back
// (without JavaScript) with the warnings and a "continue anyway" box, and what the requester
// confirmed is recorded with the request and shown at triage (Wirral 2022 App. 2 s.3.2; Sandwell
// 2022 s.1.17, App. 2 q.1).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { useTestApp } from '../../support/app.ts';
import { openTestDb } from '../../support/db.ts';
import { auditOf } from '../../support/factories.ts';
import { errorLinks, requestInput, sharingPartnership, signedIn } from '../../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });

const requestsOf = (childId: string) => ctx.t.deps.db.selectFrom('info_request').select(['id', 'lawful_basis']).where('child_id', '=', childId).execute();

/** The health visitor's request from the finding: early help, a court order, "immediate", and everything held just in case. */
const incoherent = (toAgencyId: string) =>
  requestInput(toAgencyId, {
    purpose: 'early_help',
    lawfulBasis: 'court_order',
    urgency: 'immediate',
    informationNeeded: 'Everything you hold about the family',
    reason: 'Just in case there is something we should know before the visit',
    consent: 'given',
    consentDetail: '',
  }) as Record<string, string>;

const selectedBasis = (html: string) => /<select[^>]*id="lawfulBasis"[\s\S]*?<option value="([^"]*)" selected>([^<]*)</.exec(html)?.slice(1) ?? null;

describe(`asking coherently (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('suggests the lawful basis from the purpose, refuses a request that contradicts itself, and has warnings confirmed and recorded', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    ctx.t.clock.now = new Date('2026-11-20T10:00:00Z');
    const social = await signedIn(ctx.app, p.social.email);
    const url = `/children/${p.childId}/requests/new`;

    const form = await social.get(url);
    assert.match(form.body, /To offer early help or support to a child or family[\s\S]*?Suggested lawful basis: UK GDPR Art\. 6\(1\)\(e\) — public task/, 'each purpose shows its suggested basis');
    assert.match(form.body, /Suggested lawful basis: Crime and Disorder Act 1998 s\.115/);
    assert.match(form.body, /<option value="">Use the basis suggested for the purpose you choose<\/option>/);

    // Refused: a court order is not the basis of an early help request; the rest is not looked at yet.
    const refused = await social.post(url, incoherent(p.policeId));
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /<title>Error: Ask another agency for information/);
    assert.deepEqual(errorLinks(refused.body), ['lawfulBasis']);
    assert.match(refused.body, /A court order is the lawful basis only when a court has ordered the information to be disclosed/);
    assert.deepEqual(selectedBasis(refused.body), ['court_order', 'Court order — the court has ordered disclosure'], 'the choice is kept to be changed');
    assert.match(refused.body, /<option value="uk_gdpr_6_1_e">UK GDPR Art\. 6\(1\)\(e\) — public task \(suggested for early help\)<\/option>/);
    assert.deepEqual(await requestsOf(p.childId), []);

    // With the basis left to the suggestion: not sent, the warnings listed with the box to confirm them.
    const warned = await social.post(url, { ...incoherent(p.policeId), lawfulBasis: '' });
    assert.equal(warned.statusCode, 400);
    assert.match(warned.body, /<title>Check your request before you send it – Ann Example/, 'a warning is not an error');
    assert.doesNotMatch(warned.body, /govuk-error-summary/);
    assert.match(warned.body, /Your request has not been sent/);
    assert.match(warned.body, /<a class="govuk-link" href="#urgency">Immediate is for a child who may be at risk of significant harm now, but the purpose is early help\./);
    assert.match(warned.body, /<a class="govuk-link" href="#informationNeeded">Ask only for what is necessary and proportionate to the purpose/);
    assert.deepEqual(selectedBasis(warned.body), ['uk_gdpr_6_1_e', 'UK GDPR Art. 6(1)(e) — public task (suggested for early help)'], 'the suggested basis is pre-selected and first');
    assert.match(warned.body, /Suggested for early help, from your partnership’s protocol: UK GDPR Art\. 6\(1\)\(e\) — public task\. You can choose another basis/);
    assert.match(warned.body, /name="confirmWarnings" type="checkbox" value="immediate_without_risk not_specific"/);
    assert.match(warned.body, /Everything you hold about the family<\/textarea>/, 'keeps what was typed');
    assert.deepEqual(await requestsOf(p.childId), []);

    // Confirming only some of the warnings is not enough.
    const half = await social.post(url, { ...incoherent(p.policeId), lawfulBasis: 'uk_gdpr_6_1_e', confirmWarnings: 'not_specific' });
    assert.equal(half.statusCode, 400);
    assert.match(half.body, /name="confirmWarnings" type="checkbox" value="immediate_without_risk"/);
    assert.doesNotMatch(half.body, /href="#informationNeeded"/);

    const sent = await social.post(url, { ...incoherent(p.policeId), lawfulBasis: 'uk_gdpr_6_1_e', confirmWarnings: 'immediate_without_risk not_specific' });
    assert.equal(sent.statusCode, 303);
    const made = await requestsOf(p.childId);
    assert.deepEqual(
      made.map((r) => r.lawful_basis),
      ['uk_gdpr_6_1_e'],
    );
    const created = (await auditOf(ctx.t.deps, p.partnershipId)).find((e) => e.action === 'request.created' && e.subject_id === made[0]!.id);
    assert.deepEqual((created?.details as { confirmedWarnings?: string[] } | undefined)?.confirmedWarnings, ['immediate_without_risk', 'not_specific']);

    // The receiving SPoC sees, at triage, what the requester went ahead despite.
    const spoc = await signedIn(ctx.app, p.policeSpoc.email);
    const page = await spoc.get(sent.headers.location as string);
    assert.match(
      page.body,
      /The requester went ahead after being warned that marked immediate for a purpose that is not about a risk of significant harm now; the request does not say specifically what is needed\./,
    );
  });

  it('sends a coherent request at once, with the suggested basis when none is chosen', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    const social = await signedIn(ctx.app, p.social.email);
    await social.get(`/children/${p.childId}/requests/new`);
    const sent = await social.post(`/children/${p.childId}/requests/new`, requestInput(p.policeId, { lawfulBasis: '' }) as Record<string, string>);
    assert.equal(sent.statusCode, 303);
    assert.deepEqual(
      (await requestsOf(p.childId)).map((r) => r.lawful_basis),
      ['uk_gdpr_6_1_e'],
    );
    const page = await social.get(sent.headers.location as string);
    assert.match(page.body, /UK GDPR Art\. 6\(1\)\(e\) — public task/);
    assert.doesNotMatch(page.body, /went ahead after being warned/);
  });
});
