// Presenters of the request and disclosure pages are pure: use-case views in, view models out.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_REQUEST_RULES } from '../../domain/requests.ts';
import type { CorrectionView } from '../../use-cases/corrections/view-correction.ts';
import type { DisclosureView } from '../../use-cases/disclosures/open-disclosure.ts';
import { loadPacksDir } from '../../use-cases/kernel/packs.ts';
import type { RequestView } from '../../use-cases/requests/view-request.ts';
import { contentDisposition, disclosureFormErrors, disclosureInput, originatorStamp, presentCorrection, presentDisclosure, readDisclosureValues, sendFormAction } from '../disclosures/presenter.ts';
import { eventTitle, formErrors, presentRequest, requestFormView, requestListRow } from './presenter.ts';

const at = new Date('2026-11-20T10:00:00Z');

const requestView = (over: Partial<RequestView> = {}): RequestView => ({
  id: 'r1',
  childId: 'c1',
  child: { name: 'Ann Example', dateOfBirth: '2017-03-27', nhsNumber: '9990000018', address: '1 Example Street', postcode: 'ZZ99 1AA' },
  from: { agencyId: 'a-council', agencyName: 'Council', userId: 'u-sam', userName: 'Sam Social' },
  to: { agencyId: 'a-police', agencyName: 'Police' },
  allocated: null,
  purpose: 'child_protection',
  lawfulBasis: 'children_act_1989_s47',
  urgency: 'urgent',
  pack: 'national-baseline@2026.4',
  status: 'submitted',
  dueAt: new Date('2026-11-23T23:59:59.999Z'),
  overdue: false,
  escalationLevel: 0,
  createdAt: at,
  version: at.toISOString(),
  closedAt: null,
  response: null,
  responseDecisionId: null,
  informationNeeded: 'Call-outs',
  reason: 'Strategy discussion',
  consent: 'not_sought',
  consentDetail: 'Risk',
  events: [],
  disclosures: [],
  can: { triage: true, allocate: false, respond: false, askMore: false, provideMore: false, resubmit: false, withdraw: false },
  side: 'receiving',
  rules: DEFAULT_REQUEST_RULES,
  allocatable: [{ id: 'u-penny', name: 'PC Penny' }],
  ...over,
});

const baseline = (await loadPacksDir(path.resolve(import.meta.dirname, '../../../protocols'))).find((p) => p.id === 'national-baseline')!;

describe('request presenters', () => {
  it('offers the purposes a request can have, and the time the protocol allows for each urgency', () => {
    const form = requestFormView([{ id: 'a-police', name: 'Police' }], DEFAULT_REQUEST_RULES, baseline, { urgency: 'routine', toAgencyId: 'a-police' });
    assert.ok(!form.purposes.some((p) => (p.value as string) === 'none'), 'a request must have a purpose');
    assert.deepEqual(
      form.urgencies.map((u) => [u.value, u.hint.text, u.checked]),
      [
        ['immediate', 'The agency must answer within 4 hours', false],
        ['urgent', 'The agency must answer within 1 working day', false],
        ['routine', 'The agency must answer within 5 working days', true],
      ],
    );
    assert.deepEqual(form.agencies[1], { value: 'a-police', text: 'Police', selected: true });
    assert.deepEqual(form.lawfulBases[0], { value: '', text: 'Use the basis suggested for the purpose you choose' });
    assert.equal(form.lawfulBases.filter((b) => 'selected' in b && b.selected).length, 0, 'nothing chosen before a purpose is');
    assert.deepEqual(form.warnings, []);
  });

  it('puts the basis suggested for the chosen purpose first and pre-selected, keeps another basis chosen, and lists the warnings to confirm', () => {
    const early = requestFormView([], DEFAULT_REQUEST_RULES, baseline, { purpose: 'early_help' });
    assert.deepEqual(early.lawfulBases[1], { value: 'uk_gdpr_6_1_e', text: 'UK GDPR Art. 6(1)(e) — public task (suggested for early help)', selected: true });
    assert.equal(early.lawfulBases.length, 22, 'every basis once, and the suggestion');
    assert.match(early.lawfulBasisHint, /^Suggested for early help, from your partnership’s protocol/);
    const chosen = requestFormView([], DEFAULT_REQUEST_RULES, baseline, { purpose: 'early_help', lawfulBasis: 'children_act_2004_s10' });
    assert.deepEqual(
      chosen.lawfulBases.filter((b) => 'selected' in b && b.selected).map((b) => b.value),
      ['children_act_2004_s10'],
    );
    const warned = requestFormView([], DEFAULT_REQUEST_RULES, baseline, { purpose: 'early_help' }, [
      { path: 'urgency', message: 'Immediate is for …', warning: 'immediate_without_risk' },
      { path: 'informationNeeded', message: 'Ask only …', warning: 'not_specific' },
    ]);
    assert.deepEqual(warned.warnings, [
      { text: 'Immediate is for …', href: '#urgency' },
      { text: 'Ask only …', href: '#informationNeeded' },
    ]);
    assert.equal(warned.confirmWarnings, 'immediate_without_risk not_specific');
  });

  it('lists a request with its short urgency, status tag, due time and who it is allocated to', () => {
    const row = requestListRow(
      {
        id: 'r1',
        childId: 'c1',
        childName: 'Ann Example',
        fromAgencyName: 'Council',
        fromUserName: 'Sam',
        toAgencyName: 'Police',
        allocatedName: null,
        urgency: 'immediate',
        purpose: 'child_protection',
        status: 'allocated',
        dueAt: at,
        overdue: true,
        escalationLevel: 1,
        createdAt: at,
      },
      'incoming',
    );
    assert.deepEqual(row, {
      id: 'r1',
      href: '/requests/r1',
      childName: 'Ann Example',
      agency: 'Council',
      urgency: 'Immediate',
      status: { text: 'Allocated', colour: 'purple' },
      dueAt: at,
      overdue: true,
      allocatedTo: 'Not allocated',
    });
  });

  it('says what each step in the history was, naming who it was allocated to and who an overdue request escalated to', () => {
    const names = new Map([['u-penny', 'PC Penny']]);
    const e = (kind: string, details: Record<string, unknown> = {}) => ({ id: 'e', at, kind, byName: null, byAgencyName: null, details, note: null });
    assert.equal(eventTitle(e('allocate', { allocatedTo: 'u-penny' }), names), 'Allocated to PC Penny');
    assert.equal(eventTitle(e('allocate', { allocatedTo: 'someone-else' }), names), 'Allocated');
    assert.equal(eventTitle(e('escalated', { to: ['designated_safeguarding_lead'] }), names), 'Overdue: escalated to the designated safeguarding lead');
    assert.equal(eventTitle(e('answer', { response: 'share_part' }), names), 'Answered: part of the information shared');
  });

  it('shows only the forms the viewer may use, keeping what was typed in the one that had errors', () => {
    const v = presentRequest(requestView(), { form: 'triage', values: { outcome: 'accept', checks: ['purpose'], note: 'ok' } });
    assert.equal(v.title, 'Request from Council');
    assert.deepEqual(
      v.triage?.checks.map((c) => [c.value, c.checked]),
      [
        ['purpose', true],
        ['necessary', false],
        ['consent', false],
      ],
    );
    assert.equal(v.triage?.outcomes[0]?.checked, true);
    assert.equal(v.triage?.note, 'ok');
    assert.equal(v.allocate, null);
    assert.deepEqual(v.child.find((r) => r.key.text === 'NHS number')?.value, { text: '999 000 0018' });
    const requester = presentRequest(requestView({ side: 'requesting', can: { triage: false, allocate: false, respond: false, askMore: false, provideMore: false, resubmit: false, withdraw: true } }));
    assert.equal(requester.title, 'Request to Police');
    assert.equal(requester.triage, null);
  });

  it('puts each form’s errors on its own fields, one message a field', () => {
    assert.deepEqual(formErrors('withdraw', [{ path: 'note', message: 'Say why' }]), [{ path: 'withdraw-note', message: 'Say why' }]);
    assert.deepEqual(
      formErrors('allocate', [
        { path: 'allocateTo', message: 'Select who will respond to the request' },
        { path: 'allocateTo', message: 'Select someone in your agency' },
      ]),
      [{ path: 'allocateTo', message: 'Select who will respond to the request' }],
    );
  });
});

const disclosureView = (over: Partial<DisclosureView> = {}): DisclosureView => ({
  id: 'd1',
  childId: 'c1',
  childName: 'Ann Example',
  side: 'recipient',
  from: { agencyId: 'a-police', agencyName: 'Police', userName: 'PC Penny' },
  to: { agencyId: 'a-council', agencyName: 'Council', userName: 'Sam Social' },
  requestId: 'r1',
  decisionId: 'dec1',
  sourceDisclosureId: null,
  pack: 'national-baseline@2026.4',
  scope: 'share_part',
  status: 'opened',
  sentAt: at,
  expiresAt: new Date('2026-12-18T23:59:59.999Z'),
  firstOpenedAt: at,
  revokedAt: null,
  available: true,
  items: [
    {
      id: 'i1',
      originItemId: 'i1',
      level: 'detailed',
      label: 'case notes, assessments and plans',
      kind: 'fact',
      value: 'Two call-outs',
      originator: { agencyId: 'a-police', agencyName: 'Police', userName: 'PC Penny', at: new Date('2026-03-03T12:00:00Z') },
      corrected: null,
      corrections: [],
    },
    {
      id: 'i2',
      originItemId: 'i2',
      level: 'minimum',
      label: 'who is working with the child',
      kind: 'opinion',
      value: 'Sam',
      originator: { agencyId: 'a-council', agencyName: 'Council', userName: 'Sam Social', at },
      corrected: null,
      corrections: [],
    },
  ],
  freeText: null,
  attachments: [{ id: 'f1', filename: 'log.txt', contentType: 'text/plain', size: 2048 }],
  openings: [],
  agreements: [],
  can: { revoke: false, passOn: true, reportInaccuracy: true },
  ...over,
});

describe('disclosure presenters', () => {
  it('reads which button sent the form: Enter (the hidden "keep" button, first in the form) keeps the draft whatever else is present', () => {
    assert.deepEqual(sendFormAction({ keep: 'draft', remove: '0', add: 'item' }), { kind: 'keep' });
    assert.deepEqual(sendFormAction({ remove: '1' }), { kind: 'remove', row: 1 });
    assert.deepEqual(sendFormAction({ add: 'item' }), { kind: 'add' });
    assert.deepEqual(sendFormAction({}), { kind: 'send' });
  });

  it('reads the form: empty rows left out, "level|label" split, each item’s row remembered for its errors', () => {
    const values = readDisclosureValues({
      'item-1-choice': 'detailed|case notes, assessments and plans',
      'item-1-value': 'Two call-outs',
      'item-1-kind': 'fact',
      'item-3-value': 'A half-filled row',
      'item-4-value': '   ',
      sourceItemIds: 's1',
      freeText: 'Hello',
    });
    const { input, rowOf } = disclosureInput('dec1', values);
    assert.deepEqual(input, {
      decisionId: 'dec1',
      items: [
        { level: 'detailed', label: 'case notes, assessments and plans', value: 'Two call-outs', kind: 'fact' },
        { level: undefined, label: undefined, value: 'A half-filled row', kind: undefined },
      ],
      freeText: 'Hello',
      sourceItemIds: ['s1'],
    });
    assert.deepEqual(rowOf, [1, 3]);
    assert.equal('scope' in input, false, 'no scope unless one was chosen');
    const mapped = disclosureFormErrors(
      [
        { path: 'items.1.level', message: 'Select the level of the information' },
        { path: 'items.1.label', message: 'Select what the information is' },
        { path: 'items.1.kind', message: 'Select whether this is fact or opinion' },
        { path: 'attachments.0', message: 'a.exe must be a PDF' },
        { path: 'decisionId', message: 'Record your decision to share before sending information' },
      ],
      rowOf,
    );
    assert.deepEqual(mapped.errors, [
      { path: 'item-3-choice', message: 'Select what the information is' },
      { path: 'item-3-kind', message: 'Select whether this is fact or opinion' },
      { path: 'attachments', message: 'a.exe must be a PDF' },
    ]);
    assert.equal(mapped.problem, 'Record your decision to share before sending information');
  });

  it('stamps each item with its originator, and names downloaded files safely', () => {
    assert.equal(originatorStamp({ agencyName: 'Police', userName: 'PC X', at: new Date('2026-03-03T12:00:00Z') }), 'From Police, PC X, 3 March 2026');
    assert.equal(contentDisposition('log.txt'), `attachment; filename="log.txt"; filename*=UTF-8''log.txt`);
    assert.equal(contentDisposition('rapport "é".pdf'), `attachment; filename="rapport ___.pdf"; filename*=UTF-8''rapport%20%22%C3%A9%22.pdf`);
  });

  it('lets the recipient report only other agencies’ items, and decide on onward sharing once an originator agreed', () => {
    const v = presentDisclosure(disclosureView(), { agencyId: 'a-council' }, [{ id: 'a-school', name: 'School' }], { detailed: 'Detailed or sensitive information' });
    assert.deepEqual(
      v.report?.items.map((i) => i.text),
      ['Select the item', '1. case notes, assessments and plans (Police)'],
    );
    assert.equal(v.items[0]?.level, 'Detailed or sensitive information');
    assert.deepEqual(v.attachments, [{ href: '/disclosures/d1/attachments/f1', filename: 'log.txt', details: 'text file, 2 KB' }]);
    assert.equal(v.decideOnward, false);
    const agreed = presentDisclosure(
      disclosureView({
        agreements: [
          { id: 'g', status: 'agreed', originatorAgencyName: 'Police', toAgencyName: 'School', toAgencyId: 'a-school', requestedAt: at, answeredAt: at, purpose: 'Plan', reasons: null, items: [] },
        ],
      }),
      { agencyId: 'a-council' },
      [],
      {},
    );
    assert.equal(agreed.decideOnward, true);
  });

  it('says why recalled or expired information cannot be read', () => {
    const revoked = presentDisclosure(disclosureView({ status: 'revoked', available: false, revokedAt: at, items: [] }), { agencyId: 'a-council' }, [], {});
    assert.equal(revoked.unavailable, 'Police recalled this information on 20 November 2026 at 10am. It can no longer be read.');
    const expired = presentDisclosure(disclosureView({ status: 'expired', available: false }), { agencyId: 'a-council' }, [], {});
    assert.match(expired.unavailable!, /^This information expired on 18 December 2026 at 11:59pm because it was not opened in time\. .* Ask Police to send it again/);
  });

  it('shows the originator’s decision on a reported inaccuracy only once it is made', () => {
    const c: CorrectionView = {
      id: 'k1',
      childId: 'c1',
      childName: 'Ann Example',
      status: 'reported',
      label: 'case notes',
      kind: 'fact',
      originalValue: 'Two call-outs, 9 August',
      originatorAgencyName: 'Police',
      reportedBy: { name: 'Dee', agencyName: 'School', at },
      description: 'It was 9 July',
      correctedValue: null,
      decisionNote: null,
      decidedAt: null,
      deliveries: [],
      canDecide: true,
      clock: { dueAt: new Date('2026-11-27T23:59:59.999Z'), remindOriginator: true, tellReporter: true, clause: 'Southampton 2010 s.9', reminded: false },
    };
    assert.equal(presentCorrection(c).outcome, null);
    const expected = presentCorrection(c).summary.find((r) => r.key.text === 'Decision expected by');
    assert.equal(expected?.value.text, '27 November 2026 at 11:59pm. Southampton 2010 s.9');
    assert.equal(
      presentCorrection({ ...c, clock: null }).summary.find((r) => r.key.text === 'Decision expected by'),
      undefined,
      'no clock, no row',
    );
    const decided = presentCorrection({ ...c, status: 'rejected', decisionNote: 'Checked: it was August', decidedAt: at, canDecide: false, clock: null });
    assert.deepEqual(
      decided.outcome?.map((r) => r.key.text),
      ['Decided', 'Why it is accurate'],
    );
  });
});
