// Presenters are pure: domain data in, view models out. No database, no mocks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Answers } from '../../domain/decision/answers.ts';
import { decide } from '../../domain/decision/engine.ts';
import { QUESTIONS } from '../../domain/decision/questions.ts';
import { NATIONAL_BASELINE, WIRRAL_2022 } from '../../domain/protocol/policies.fixture.ts';
import type { ChildRecord, ExchangeEventRow } from '../../use-cases/children/view-child.ts';
import { adviceView, answerText, checkAnswersRows, questionView } from '../decisions/presenter.ts';
import { childCaption, childListRow, presentChild, timeline } from './presenter.ts';

const child = {
  id: '11111111-1111-4111-8111-111111111111',
  partnership_id: 'p',
  given_name: 'Ann',
  family_name: 'Example',
  aliases: ['Annie'],
  date_of_birth: '2017-03-27',
  gender: 'female',
  ethnicity: null,
  address: '1 Example Street',
  postcode: 'ZZ99 1AA',
  phone: null,
  current_setting: 'Riverside Primary School',
  nhs_number: '9990000018',
  care_leaver: false,
  send: true,
  created_at: new Date('2026-01-01T00:00:00Z'),
};

describe('child presenters', () => {
  it('a journey step names the child by name and date of birth, in its caption and its title (issue 15 item 4)', () => {
    const caption = childCaption({ name: 'Ann Example', dateOfBirth: '2015-03-07' }, 'Record a sharing decision');
    assert.equal(caption.caption, 'Record a sharing decision: Ann Example, born 7 March 2015');
    assert.equal(caption.title('Check your answers'), 'Check your answers – Ann Example, born 7 March 2015');
  });

  it('shows the NHS number 3-3-4, age on the given day, and "Not known" for gaps', () => {
    const record: ChildRecord = {
      child,
      family: [],
      agencies: [{ id: 'a', name: 'Council', kind: 'holds_record', recorded_at: new Date('2026-01-01T00:00:00Z') }],
      decisions: [
        {
          id: 'd',
          decidedAt: new Date('2026-11-20T14:05:00Z'),
          decidedByName: 'Sam Social',
          agencyName: 'Council',
          outcome: 'do_not_share',
          action: 'not_shared',
          purpose: 'early_help',
          consent: 'refused',
          recipient: 'School',
          state: 'not_sharing',
        },
      ],
      exchanges: [],
    };
    const view = presentChild(record, '2026-03-26');
    assert.equal(view.identity.nhsNumber, '999 000 0018');
    assert.equal(view.identity.age, 8, 'the day before the 9th birthday');
    const rows = Object.fromEntries(view.details.map((r) => [r.key.text, r.value.text]));
    assert.equal(rows.Ethnicity, 'Not known');
    assert.equal(rows['Date of birth'], '27 March 2017 (age 8)');
    assert.equal(rows['Special educational needs and disabilities (SEND)'], 'Yes');
    assert.equal(view.timeline[0]!.title, 'Decided not to share — School');
    assert.equal(view.timeline[0]!.tag?.text, 'Advice: Do not share');
    assert.equal(childListRow(child, '2026-03-27').age, 9);
  });
});

describe('the chronology', () => {
  it('says "Information shared" only when something was sent, and what a decision to share waits for', () => {
    const decision = (state: ChildRecord['decisions'][number]['state']): ChildRecord['decisions'][number] => ({
      id: 'd',
      decidedAt: new Date('2026-11-20T14:05:00Z'),
      decidedByName: 'Pat Officer',
      agencyName: 'Police',
      outcome: 'share',
      action: 'shared',
      purpose: 'child_protection',
      consent: 'not_sought',
      recipient: 'Council',
      state,
    });
    const [notSent] = timeline({ decisions: [decision('decided_not_sent')], exchanges: [] });
    assert.equal(notSent!.title, 'Decided to share — not sent yet — Council');
    assert.ok(notSent!.lines.some((l) => l.startsWith('Next: ')));
    assert.equal(timeline({ decisions: [decision('sent')], exchanges: [] })[0]!.title, 'Information shared — Council');
    assert.equal(timeline({ decisions: [decision('withdrawn')], exchanges: [] })[0]!.title, 'Decision to share withdrawn — nothing sent — Council');
    assert.match(timeline({ decisions: [decision('awaiting_approval')], exchanges: [] })[0]!.title, /waiting for approval/);
  });

  const at = (iso: string) => new Date(iso);
  const exchange = (over: Partial<ExchangeEventRow>): ExchangeEventRow => ({
    kind: 'request',
    id: 'r',
    at: at('2026-11-20T09:00:00Z'),
    status: 'answered',
    from_agency_id: 'council',
    from_agency: 'Council',
    to_agency_id: 'police',
    to_agency: 'Police',
    by_name: 'Sam Social',
    scope: 'share_part',
    urgency: 'urgent',
    done_at: null,
    ...over,
  });
  it('shows requests, disclosures, openings and corrections newest first, linking only for the parties', () => {
    const items = timeline(
      {
        decisions: [],
        exchanges: [
          exchange({}),
          exchange({
            kind: 'disclosure',
            id: 'd',
            at: at('2026-11-20T11:00:00Z'),
            status: 'opened',
            from_agency_id: 'police',
            from_agency: 'Police',
            to_agency_id: 'council',
            to_agency: 'Council',
            by_name: 'PC Penny',
            done_at: at('2026-11-20T12:00:00Z'),
          }),
          exchange({
            kind: 'correction',
            id: 'k',
            at: at('2026-11-21T09:00:00Z'),
            status: 'corrected',
            from_agency_id: 'school',
            from_agency: 'School',
            to_agency_id: 'police',
            to_agency: 'Police',
            done_at: at('2026-11-21T10:00:00Z'),
          }),
        ],
      },
      'council',
    );
    assert.deepEqual(
      items.map((i) => i.title),
      [
        'Information corrected and sent to every recipient',
        'Inaccuracy reported to Police',
        'Information from Police opened',
        'Information sent securely to Council',
        'Information requested from Police',
      ],
    );
    assert.equal(items.find((i) => i.title.startsWith('Inaccuracy'))?.link, undefined, 'the council is not a party to the school’s report');
    assert.equal(items.find((i) => i.title.startsWith('Information sent'))?.link?.href, '/disclosures/d');
    assert.equal(items.at(-1)?.tag?.text, 'Answered');
  });
});

describe('decision journey presenters', () => {
  it('checks the current answer and words yes/no answers for radios', () => {
    const v = questionView(QUESTIONS.identifiable, false);
    assert.deepEqual(
      v.items?.map((i) => [i.value, i.checked]),
      [
        ['yes', false],
        ['no', true],
      ],
    );
    assert.equal(answerText(QUESTIONS.childAge, null), QUESTIONS.childAge.kind === 'age' ? QUESTIONS.childAge.unknownOption.label : '');
  });

  it('the consent question says who may consent under the partnership’s protocol (pack consent.whoMayConsent)', () => {
    const derby = questionView(QUESTIONS.consent, undefined, { whoMayConsent: ['the child, if they have sufficient understanding (generally expected at 12 or over)'] });
    const sandwell = questionView(QUESTIONS.consent, undefined, { whoMayConsent: ['a young person aged 16 or 17, or a child under 16 with capacity'] });
    assert.match(derby.hint, /Under your protocol, consent may be given by the child, if they have sufficient understanding \(generally expected at 12 or over\)\./);
    assert.match(sandwell.hint, /16 or 17, or a child under 16 with capacity/);
    assert.equal(questionView(QUESTIONS.purpose, undefined, { whoMayConsent: ['x y z'] }).hint, QUESTIONS.purpose.hint, 'only the consent question');
  });

  it('lists only the asked questions on check answers, each with a Change link', () => {
    const answers: Partial<Answers> = { purpose: 'none' };
    const rows = checkAnswersRows('c1', answers);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.actions.items[0]!.href, '/children/c1/decisions/new/purpose');
  });

  it('turns condition codes into the practitioner’s words', () => {
    const advice = adviceView(decide({ purpose: 'none' } as Answers, NATIONAL_BASELINE));
    assert.equal(advice.outcome.code, 'do_not_share');
    assert.ok(advice.conditions.every((c) => c.text !== c.code && c.text.length > 10));
    assert.ok(advice.rules.length > 0);
    assert.equal(advice.pack, 'national-baseline@2026.4');
  });

  it('shows the protocol pack and, for pack rules, the partnership’s own clause', () => {
    const advice = adviceView(decide({ purpose: 'none' } as Answers, WIRRAL_2022));
    assert.equal(advice.pack, 'wirral-2022@2022.4');
    const rule = advice.rules.find((r) => r.id === 'reasons_to_requester');
    assert.match(rule?.clause ?? '', /^Wirral 2022 App\. 2 s\.5\.4/);
    assert.ok(advice.conditions.some((c) => c.code === 'give_reasons_to_requester'));
  });
});
