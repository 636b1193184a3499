// Browser journey (Chromium, axe-core WCAG 2.2 AA) for issue 15's send form and onward agreement:
// the send form starts from what the decision recorded and takes items one at a time ("Add another
// item", "Remove": posts that keep a draft, no JavaScript needed); the originator then agrees to one
// item and refuses the other with its reason, and is never offered as an onward recipient
// (Southampton 2010 s.10–11 and s.18 item 13; Derby 2015 s.5 para. 7).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import type { Actor, Role } from '../../src/domain/staff.ts';
import { recordDecision } from '../../src/use-cases/decisions/record-decision.ts';
import { openDisclosure } from '../../src/use-cases/disclosures/open-disclosure.ts';
import { requestOnwardAgreement } from '../../src/use-cases/onward-agreements/request-onward-agreement.ts';
import type { TestDb } from '../support/db.ts';
import { must, shareAnswers } from '../support/sharing.ts';
import { signInAs, startDemoServer, stopDemoServer } from './demo-server.ts';
import { closePage, expectAccessible, heading, JOURNEY_TIMEOUT, newPage } from './harness.ts';

const SAM = 'sam.social@council.example';
const SID = 'sgt.sid@police.example';
const DEE = 'dee.lead@school.example';

let t: TestDb;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

before(async () => {
  ({ t, app, browser, baseUrl } = await startDemoServer());
});

after(() => stopDemoServer({ t, app, browser }));

async function person(email: string): Promise<Actor> {
  const s = await t.deps.db.selectFrom('staff_user').select(['id', 'partnership_id', 'agency_id', 'roles']).where('email', '=', email).executeTakeFirstOrThrow();
  return { userId: s.id, partnershipId: s.partnership_id, agencyId: s.agency_id, roles: s.roles as Role[], via: 'web', correlationId: randomUUID() };
}

/** Runs `act` and waits for the page it leads to. */
async function submit(page: Page, name: string | RegExp) {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name, exact: typeof name === 'string' }).click()]);
}

const mainText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

describe('the send form item by item, and onward agreement item by item (Chromium, axe-core WCAG 2.2 AA)', () => {
  it('adds and removes items without re-asking the decision; the originator agrees one item and refuses the other', { timeout: JOURNEY_TIMEOUT }, async () => {
    const [sam, sid, dee] = await Promise.all([person(SAM), person(SID), person(DEE)]);
    const ben = await t.deps.db.selectFrom('child').select('id').where('partnership_id', '=', sam.partnershipId).where('given_name', '=', 'Ben').executeTakeFirstOrThrow();
    const { decisionId } = must(
      await recordDecision(t.deps, sam, ben.id, {
        answers: { ...shareAnswers, childAge: 14 },
        record: {
          action: 'shared',
          recipientAgencyId: sid.agencyId,
          purposeDetail: 'Exploitation referral',
          informationShared: 'Social worker and concerns',
          reasons: 'Asking could increase the risk',
        },
      }),
    );

    const samPage = await newPage(browser);
    const sidPage = await newPage(browser);
    try {
      // The council's social worker: the form shows what was decided, and one item block.
      await signInAs(samPage, baseUrl, SAM);
      await samPage.goto(`${baseUrl}/decisions/${decisionId}/send`);
      assert.match(await heading(samPage), /^Send information securely to /);
      const recorded = await samPage.locator('#recorded-decision').innerText();
      assert.match(recorded, /What you decided to share\s+Social worker and concerns/);
      assert.match(recorded, /Information level\s+Detailed or sensitive information/);
      assert.equal(await samPage.locator('textarea[name$="-value"]').count(), 1, 'one item at a time');
      await expectAccessible(samPage, 'send form (one item)');

      await samPage.locator('#item-0-choice').selectOption('minimum|who is working with the child and how to contact them');
      await samPage.locator('#item-0-value').fill('Sam Social, social worker, since June 2026');
      await samPage.locator('#item-0-kind').check();
      await submit(samPage, 'Add another item');
      assert.equal(await samPage.locator('textarea[name$="-value"]').count(), 2);
      assert.equal(await samPage.locator('#item-0-value').inputValue(), 'Sam Social, social worker, since June 2026', 'kept');
      await expectAccessible(samPage, 'send form (two items)');
      await samPage.locator('#item-1-value').fill('A mistake');
      // Enter in a field keeps the draft: it presses neither "Remove" nor "Send securely".
      await Promise.all([samPage.waitForEvent('load'), samPage.locator('#item-0-kind').press('Enter')]);
      assert.equal(await samPage.locator('textarea[name$="-value"]').count(), 2, 'Enter removed nothing');
      assert.equal(await samPage.locator('#item-1-value').inputValue(), 'A mistake', 'and kept what was typed');
      assert.match(await mainText(samPage), /Nothing has been sent/);
      await submit(samPage, 'Remove item 2');
      assert.equal(await samPage.locator('textarea[name$="-value"]').count(), 1);
      await submit(samPage, 'Add another item');
      await samPage.locator('#item-1-choice').selectOption('detailed|case notes, assessments and plans');
      await samPage.locator('#item-1-value').fill('Ben seemed frightened of an older friend');
      await samPage.locator('#item-1-kind-2').check();
      await submit(samPage, 'Send securely');
      const disclosurePath = new URL(samPage.url()).pathname;
      assert.match(disclosurePath, /^\/disclosures\/[0-9a-f-]{36}$/);
      assert.match(await mainText(samPage), /Sam Social, social worker, since June 2026/);
      assert.doesNotMatch(await mainText(samPage), /A mistake/);

      // The police SPoC opens it: the council (its sender and originator) is not offered onward.
      await signInAs(sidPage, baseUrl, SID);
      await sidPage.goto(`${baseUrl}${disclosurePath}`);
      const offered = (await sidPage.locator('#toAgencyId option').allInnerTexts()).map((s) => s.trim());
      assert.ok(offered.length > 1);
      assert.ok(!offered.some((o) => /Council/.test(o)), `the originator is not an onward recipient: ${offered.join(', ')}`);
      const disclosureId = disclosurePath.split('/').at(-1)!;
      must(await openDisclosure(t.deps, sid, disclosureId));
      const asked = must(await requestOnwardAgreement(t.deps, sid, disclosureId, { toAgencyId: dee.agencyId, purpose: 'The school should know who his social worker is' }));

      // The social worker answers item by item: a refusal needs its own reason.
      await samPage.goto(`${baseUrl}/agreements/${asked.agreementIds[0]}`);
      await expectAccessible(samPage, 'onward agreement (item by item)');
      const yes = samPage.getByRole('radio', { name: /^Yes/ });
      const no = samPage.getByRole('radio', { name: 'No, I refuse' });
      await yes.first().check();
      await no.nth(1).check();
      await submit(samPage, 'Send answer');
      assert.match(await samPage.locator('.govuk-error-summary').innerText(), /Give your reason for refusing item 2/);
      await expectAccessible(samPage, 'onward agreement (errors)');
      await samPage.getByLabel('Your reason for refusing item 2').fill('Shared for the referral only');
      await submit(samPage, 'Send answer');
      assert.match(await mainText(samPage), /You agreed to 1 item and refused 1 item\./);
      assert.match(await mainText(samPage), /Why you refused: Shared for the referral only/);
      await expectAccessible(samPage, 'onward agreement (agreed in part)');

      await sidPage.goto(`${baseUrl}${disclosurePath}`);
      const text = await mainText(sidPage);
      assert.match(text, /Agreed in part/);
      assert.match(text, /case notes, assessments and plans: refused – Shared for the referral only/);
      await expectAccessible(sidPage, 'information received (agreed in part)');
    } finally {
      await closePage(samPage);
      await closePage(sidPage);
    }
  });
});
