// Properties of the request and disclosure rules: lifecycles, due times and escalation, and who
// may see or open what. No database.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isWorkingDay, londonDateOf } from './clocks.ts';
import { LEVELS } from './decision/answers.ts';
import {
  agreementLifecycle,
  agreementStatusOf,
  canOpenDisclosure,
  checkAgreementAnswers,
  contentReadable,
  correctionLifecycle,
  DISCLOSURE_STATUSES,
  disclosureLifecycle,
  disclosureStatusAt,
  isSenderSide,
  isSourceOf,
  itemBlocker,
  levelsWithin,
  missingOriginators,
  type SendingDecision,
  sendBlockers,
  sendBlockerText,
  unagreedItems,
} from './disclosures.ts';
import { eventsFrom, type Lifecycle, next } from './lifecycle.ts';
import { canRespond, canSeeRequest, canTriage, checkTriage, DEFAULT_REQUEST_RULES, escalationLevelAt, requestDueAt, requestLifecycle, URGENCIES } from './requests.ts';
import { isAgencyLead, ROLES, type Role } from './staff.ts';

const lifecycles: [string, Lifecycle<string, string>][] = [
  ['request', requestLifecycle as Lifecycle<string, string>],
  ['disclosure', disclosureLifecycle as Lifecycle<string, string>],
  ['onward agreement', agreementLifecycle as Lifecycle<string, string>],
  ['correction', correctionLifecycle as Lifecycle<string, string>],
];

describe('lifecycles', () => {
  for (const [name, l] of lifecycles) {
    it(`${name}: an event happens exactly in its "from" states, never from a final state, and every state is reachable`, () => {
      const events = Object.keys(l.transitions);
      fc.assert(
        fc.property(fc.constantFrom(...l.states), fc.constantFrom(...events), (state, event) => {
          const to = next(l, state, event);
          assert.equal(to !== undefined, l.transitions[event]!.from.includes(state));
          if (l.final.includes(state)) assert.equal(to, undefined);
        }),
      );
      const reached = new Set([l.states[0]!]);
      for (let changed = true; changed; ) {
        changed = false;
        for (const s of [...reached])
          for (const e of eventsFrom(l, s))
            if (!reached.has(next(l, s, e)!)) {
              reached.add(next(l, s, e)!);
              changed = true;
            }
      }
      assert.deepEqual([...reached].sort(), [...l.states].sort());
    });
  }

  it('a request is answered only after triage and allocation', () => {
    assert.equal(next(requestLifecycle, 'submitted', 'answer'), undefined);
    assert.equal(next(requestLifecycle, 'accepted', 'answer'), undefined);
    assert.equal(next(requestLifecycle, 'allocated', 'answer'), 'answered');
    assert.equal(next(disclosureLifecycle, 'opened', 'revoke'), undefined, 'opened information cannot be recalled');
  });
});

describe('due times and escalation', () => {
  const instant = fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2027-06-30T00:00:00Z'), noInvalidDate: true });
  it('a request is due after it is made; working-day deadlines end on a working day; more urgent is never later', () => {
    fc.assert(
      fc.property(instant, (made) => {
        const due = URGENCIES.map((u) => requestDueAt(made, u, DEFAULT_REQUEST_RULES));
        for (const d of due) assert.ok(d.getTime() > made.getTime());
        assert.ok(isWorkingDay(londonDateOf(due[1]!)) && isWorkingDay(londonDateOf(due[2]!)));
        assert.ok(due[1]!.getTime() <= due[2]!.getTime());
      }),
    );
  });
  it('escalation never goes back, starts at the due time and stops at the last step', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -3 * 86_400_000, max: 20 * 86_400_000 }), fc.integer({ min: 0, max: 10 * 86_400_000 }), (due, offset, later) => {
        const a = escalationLevelAt(due, new Date(due.getTime() + offset), DEFAULT_REQUEST_RULES);
        const b = escalationLevelAt(due, new Date(due.getTime() + offset + later), DEFAULT_REQUEST_RULES);
        assert.ok(b >= a);
        assert.ok(b <= DEFAULT_REQUEST_RULES.escalation.length);
        assert.equal(a === 0, offset < 0);
      }),
    );
  });
});

describe('access', () => {
  const id = fc.constantFrom('a', 'b', 'c', 'd');
  const roles = fc.subarray([...ROLES] as Role[], { minLength: 1 });
  const actor = fc.record({ userId: id, agencyId: id, roles });
  const parties = fc.record({ fromAgencyId: id, fromUserId: id, toAgencyId: id, allocatedTo: fc.option(id, { nil: null }) });
  it('nobody outside the two agencies sees or acts on a request', () => {
    fc.assert(
      fc.property(actor, parties, (a, p) => {
        if (a.agencyId !== p.fromAgencyId && a.agencyId !== p.toAgencyId) {
          assert.equal(canSeeRequest(a, p), false);
          assert.equal(canTriage(a, p), false);
          assert.equal(canRespond(a, p), false);
        }
        if (canTriage(a, p)) assert.ok(a.roles.includes('spoc'));
        if (canRespond(a, p)) assert.ok(canSeeRequest(a, p) || a.roles.includes('spoc'));
      }),
    );
  });
  it('only the addressed agency opens a disclosure, and only its named person or leads', () => {
    fc.assert(
      fc.property(actor, fc.record({ fromAgencyId: id, fromUserId: id, toAgencyId: id, toUserId: fc.option(id, { nil: null }) }), (a, d) => {
        if (canOpenDisclosure(a, d)) {
          assert.equal(a.agencyId, d.toAgencyId);
          assert.ok(a.userId === d.toUserId || a.roles.includes('spoc') || a.roles.includes('designated_safeguarding_lead'));
        }
        if (isSenderSide(a, d)) assert.equal(a.agencyId, d.fromAgencyId);
      }),
    );
  });
  it('onward sharing needs the originator’s agreement to each item (Southampton 2010 s.11, s.18 item 13): an item goes if its originator is the sender or agreed to that item', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ id, originatorAgencyId: id }), { minLength: 1, maxLength: 6 }), id, fc.uniqueArray(id), (items, sender, agreedIds) => {
        const agreed = new Set([...agreedIds, ...items.filter((_, n) => n % 2 === 0).map((i) => i.id)]);
        const waiting = unagreedItems(items, sender, agreed);
        for (const i of items) assert.equal(waiting.includes(i), i.originatorAgencyId !== sender && !agreed.has(i.id));
        const missing = missingOriginators(waiting);
        assert.ok(!missing.includes(sender));
        assert.deepEqual(missing, [...new Set(waiting.map((w) => w.originatorAgencyId))].sort());
      }),
    );
  });
  it('an originator’s answer covers each of its items: every item answered, each refusal with its reason, and the status says all, some or none (Derby 2015 s.5 para. 7)', () => {
    const item = fc.record({ id, label: fc.constantFrom('address', 'case notes') });
    const answer = fc.record({ answer: fc.constantFrom('agree', 'refuse', undefined), reason: fc.constantFrom('', 'Live investigation', null) });
    fc.assert(
      fc.property(fc.uniqueArray(item, { minLength: 1, maxLength: 5, selector: (i) => i.id }), fc.array(answer, { minLength: 5, maxLength: 5 }), (items, given) => {
        const input = items.map((i, n) => ({ itemId: i.id, ...given[n]! }));
        const checked = checkAgreementAnswers(items, { items: input });
        const complete = input.every((a) => a.answer === 'agree' || (a.answer === 'refuse' && a.reason));
        assert.equal(checked.ok, complete);
        if (checked.ok) {
          assert.deepEqual(
            checked.answers.map((a) => a.agreed),
            input.map((a) => a.answer === 'agree'),
          );
          for (const a of checked.answers) assert.equal(a.reason === null, a.agreed, 'a refusal carries its reason, an agreement none');
          assert.equal(checked.status, agreementStatusOf(checked.answers));
          const agreed = checked.answers.filter((a) => a.agreed).length;
          assert.equal(checked.status, agreed === 0 ? 'refused' : agreed === items.length ? 'agreed' : 'partly_agreed');
        } else {
          for (const e of checked.errors) assert.match(e.path, /^items\.[^.]+\.(answer|reason)$/, 'each error names its item');
        }
      }),
    );
    // One answer may cover every item; a refusal needs reasons.
    const items = [{ id: 'a', label: 'address' }];
    assert.deepEqual(checkAgreementAnswers(items, { answer: 'refuse' }), { ok: false, errors: [{ path: 'reasons', message: 'Give your reasons for refusing' }] });
    assert.deepEqual(checkAgreementAnswers(items, {}), { ok: false, errors: [{ path: 'answer', message: 'Select whether you agree to the information being shared' }] });
    const unknown = checkAgreementAnswers(items, {
      items: [
        { itemId: 'a', answer: 'agree' },
        { itemId: 'z', answer: 'agree' },
      ],
    });
    assert.equal(unknown.ok, false);
  });
  it('information never goes onward to an agency it came from: its sender or any originator of its items', () => {
    fc.assert(
      fc.property(id, id, fc.array(id, { maxLength: 4 }), (agency, from, originators) => {
        assert.equal(isSourceOf(agency, { fromAgencyId: from, originatorAgencyIds: originators }), agency === from || originators.includes(agency));
      }),
    );
  });
  it('triage accepts only with every scrutiny check confirmed, and returns only with reasons', () => {
    const checks = DEFAULT_REQUEST_RULES.scrutiny.checks.map((c) => c.id);
    fc.assert(
      fc.property(fc.subarray(checks), (confirmed) => {
        const errors = checkTriage(DEFAULT_REQUEST_RULES, { outcome: 'accept', checks: confirmed, note: null });
        assert.equal(errors.length === 0, confirmed.length === checks.length);
      }),
    );
    assert.equal(checkTriage(DEFAULT_REQUEST_RULES, { outcome: 'return', checks: [], note: null }).length, 1);
    assert.equal(checkTriage(DEFAULT_REQUEST_RULES, { outcome: 'return', checks: [], note: 'Unclear purpose' }).length, 0);
  });
});

describe('sending under a decision', () => {
  const actor = { userId: 'u1', agencyId: 'a1' };
  const decision: SendingDecision = {
    agencyId: 'a1',
    decidedBy: 'u1',
    action: 'shared',
    recipientAgencyId: 'a2',
    recipientStanding: 'in_force',
    sentDisclosureId: null,
    withdrawn: false,
    approvalStatus: 'not_needed',
    decidedLevel: 'detailed',
    explicitConsentLevels: [],
    explicitConsentCovered: false,
  };
  it('only the person who recorded a decision to share with a current partner sends under it, once', () => {
    assert.deepEqual(sendBlockers(actor, decision), []);
    assert.deepEqual(sendBlockers({ userId: 'u2', agencyId: 'a1' }, decision), ['not_decider']);
    assert.deepEqual(sendBlockers(actor, { ...decision, action: 'not_shared' }), ['not_shared']);
    assert.deepEqual(sendBlockers(actor, { ...decision, recipientAgencyId: null, recipientStanding: 'not_party' }), ['recipient_outside']);
    assert.deepEqual(sendBlockers(actor, { ...decision, recipientStanding: 'not_party' }), ['recipient_not_party']);
    // Southampton 2010 s.18; Sandwell 2022 s.14.4: an agency that has not signed, lapsed or is overdue re-affirming receives nothing.
    assert.deepEqual(sendBlockers(actor, { ...decision, recipientStanding: 'not_signed' }), ['recipient_not_signed']);
    assert.deepEqual(sendBlockers(actor, { ...decision, recipientStanding: 'lapsed' }), ['recipient_lapsed']);
    assert.deepEqual(sendBlockers(actor, { ...decision, recipientStanding: 'reaffirmation_overdue' }), ['recipient_reaffirmation_overdue']);
    assert.deepEqual(sendBlockers(actor, { ...decision, sentDisclosureId: 'd1' }), ['already_sent']);
    for (const b of [
      'not_decider',
      'not_shared',
      'recipient_outside',
      'recipient_not_party',
      'recipient_not_signed',
      'recipient_lapsed',
      'recipient_earlier_version',
      'recipient_reaffirmation_overdue',
      'already_sent',
    ] as const)
      assert.ok(sendBlockerText[b]);
  });
  it('nothing goes under a withdrawn decision, or one waiting for (or refused) a designated manager’s approval (Haringey 2006 s.4.6)', () => {
    assert.deepEqual(sendBlockers(actor, { ...decision, withdrawn: true }), ['withdrawn']);
    assert.deepEqual(sendBlockers(actor, { ...decision, approvalStatus: 'pending' }), ['awaiting_approval']);
    assert.deepEqual(sendBlockers(actor, { ...decision, approvalStatus: 'refused' }), ['approval_refused']);
    assert.deepEqual(sendBlockers(actor, { ...decision, approvalStatus: 'approved' }), []);
  });
  it('Haringey 2006 s.4.4: items above the decided level, or needing explicit consent the decision lacks, are blocked', () => {
    const basicNoConsent: SendingDecision = { ...decision, decidedLevel: 'minimum', explicitConsentLevels: ['detailed'], explicitConsentCovered: false };
    assert.deepEqual(sendBlockers(actor, basicNoConsent, [{ level: 'minimum' }]), []);
    assert.deepEqual(sendBlockers(actor, basicNoConsent, [{ level: 'minimum' }, { level: 'detailed' }]), ['above_level']);
    const detailedNoConsent = { ...basicNoConsent, decidedLevel: 'detailed' as const };
    assert.deepEqual(sendBlockers(actor, detailedNoConsent, [{ level: 'detailed' }]), ['needs_consent']);
    assert.deepEqual(sendBlockers(actor, { ...detailedNoConsent, explicitConsentCovered: true }, [{ level: 'detailed' }]), []);
    assert.deepEqual(sendBlockers(actor, { ...detailedNoConsent, approvalStatus: 'approved' }, [{ level: 'detailed' }]), [], 'the designated manager approved');
    assert.equal(itemBlocker(detailedNoConsent, 'aggregate'), 'above_level', 'figures about a group are a different decision');
    assert.equal(itemBlocker({ ...detailedNoConsent, decidedLevel: null }, 'minimum'), 'above_level', 'a decision about information identifying no one sends nothing identifying');
  });
  it('property: an item goes under a decision only if its level is within the decided level and any explicit consent is covered', () => {
    const level = fc.constantFrom(...LEVELS);
    fc.assert(
      fc.property(fc.option(level, { nil: null }), level, fc.subarray([...LEVELS]), fc.boolean(), fc.constantFrom('not_needed', 'approved'), (decided, item, explicit, covered, approval) => {
        const d = { ...decision, decidedLevel: decided, explicitConsentLevels: explicit, explicitConsentCovered: covered, approvalStatus: approval };
        const blocked = sendBlockers(actor, d, [{ level: item }]).length > 0;
        const within = levelsWithin(decided).includes(item);
        const consentOk = !explicit.includes(item) || covered || approval === 'approved';
        assert.equal(blocked, !(within && consentOk));
      }),
    );
  });
  it('unopened information past its expiry time has expired, and its content cannot be read', () => {
    const expiresAt = new Date('2026-01-10T12:00:00Z');
    assert.equal(disclosureStatusAt({ status: 'sent', expiresAt }, new Date('2026-01-10T11:59:59Z')), 'sent');
    assert.equal(disclosureStatusAt({ status: 'sent', expiresAt }, expiresAt), 'expired');
    assert.equal(disclosureStatusAt({ status: 'opened', expiresAt }, new Date('2026-02-01T00:00:00Z')), 'opened');
    assert.equal(disclosureStatusAt({ status: 'revoked', expiresAt }, new Date('2026-01-01T00:00:00Z')), 'revoked');
    assert.deepEqual(DISCLOSURE_STATUSES.filter(contentReadable), ['sent', 'opened']);
  });
  it('an agency’s leads are its SPoC and its safeguarding lead', () => {
    assert.deepEqual(
      ROLES.filter((r) => isAgencyLead({ roles: [r] })),
      ['designated_safeguarding_lead', 'spoc'],
    );
  });
});
