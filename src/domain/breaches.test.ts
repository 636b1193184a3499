// The breach procedure's pure rules: each pack's lead and deadlines, clock states, reminders.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadPacksDir } from '../use-cases/kernel/packs.ts';
import { breachDeadlines, breachTransition, clockState, clockTimes, deadlineAudience, defaultLeadAgency, leadRule, reminderAt } from './breaches.ts';

const packs = await loadPacksDir(path.resolve(import.meta.dirname, '../../protocols'));
const pack = (id: string) => packs.find((p) => p.id === id)!;

describe('breach procedures from the packs', () => {
  it('names the lead agency as each protocol does', () => {
    assert.equal(leadRule(pack('wirral-2022')), 'data_owner');
    assert.equal(leadRule(pack('national-baseline')), 'data_owner');
    assert.equal(leadRule(pack('haringey-2006')), 'in_breach');
    assert.equal(leadRule(pack('sandwell-2022')), 'in_breach');
    assert.equal(leadRule(pack('derby-derbyshire-2015')), 'in_breach');
    assert.equal(defaultLeadAgency('data_owner', 'me', ['owner']), 'owner');
    assert.equal(defaultLeadAgency('data_owner', 'me', []), 'me', 'no other owner: the reporting agency');
    assert.equal(defaultLeadAgency('in_breach', 'me', ['owner']), 'me');
  });

  it('lists each pack’s deadlines, adding the shorthand ones it does not list', () => {
    const ids = (id: string, other = true) => breachDeadlines(pack(id), other).map((d) => d.id);
    assert.deepEqual(ids('haringey-2006'), ['notify-partners', 'breach-report', 'partners-meeting', 'minutes', 'ico', 'report-internally', 'notify-originator']);
    assert.deepEqual(ids('haringey-2006', false), ['notify-partners', 'breach-report', 'partners-meeting', 'minutes', 'ico', 'report-internally']);
    assert.deepEqual(ids('wirral-2022'), ['ico', 'report-internally']);
    assert.deepEqual(ids('sandwell-2022'), ['report-internally', 'ico']);
    assert.equal(breachDeadlines(pack('haringey-2006'), true).find((d) => d.id === 'notify-originator')!.within.unit, 'working_days');
  });

  it('reminds whoever each deadline names: the agency in breach, every partner, or the statutory partners too', () => {
    const whose = (id: string) => Object.fromEntries(breachDeadlines(pack(id), true).map((d) => [d.id, deadlineAudience(d.who)]));
    assert.deepEqual(whose('haringey-2006'), {
      'notify-partners': 'lead', // s.6.1 "the partner organisation in breach"
      'breach-report': 'lead', // s.6.2
      'partners-meeting': 'parties', // s.6.3 "the partner organisations" meet
      minutes: 'parties', // s.6.6
      ico: 'lead',
      'report-internally': 'lead',
      'notify-originator': 'lead',
    });
    assert.deepEqual(new Set(Object.values(whose('wirral-2022'))), new Set(['lead']), 'Wirral App. 2 s.5.8: the data controller');
    assert.equal(deadlineAudience("the agencies' lead information officers"), 'parties');
    assert.equal(deadlineAudience('statutory safeguarding partners'), 'partnership');
    assert.equal(deadlineAudience('whoever discovers it'), 'lead');
  });

  it('starts a meeting clock only once the meeting is known', () => {
    const minutes = breachDeadlines(pack('haringey-2006'), false).find((d) => d.id === 'minutes')!;
    const identified = new Date('2024-01-02T10:00:00Z');
    assert.deepEqual(clockTimes(minutes, { identified, occurred: null, meeting: null }), { startedAt: null, dueAt: null, remindAt: null });
    assert.equal(clockTimes(minutes, { identified, occurred: null, meeting: new Date('2024-01-12T10:00:00Z') }).dueAt!.toISOString(), '2024-01-19T23:59:59.999Z');
  });

  it('a reminder falls inside the time allowed, and a clock is due soon from it until the deadline', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e12 }), fc.integer({ min: 1, max: 1e10 }), fc.integer({ min: 0, max: 2e10 }), (start, length, offset) => {
        const s = new Date(start);
        const due = new Date(start + length);
        const remind = reminderAt(s, due);
        assert.ok(remind >= s && remind <= due);
        const now = new Date(start + offset);
        const state = clockState({ startedAt: s, dueAt: due, remindAt: remind, metAt: null }, now, false);
        assert.equal(state, now > due ? 'overdue' : now >= remind ? 'due_soon' : 'running');
        assert.equal(clockState({ startedAt: s, dueAt: due, remindAt: remind, metAt: now }, now, false), now > due ? 'met_late' : 'met');
      }),
    );
  });

  it('moves through its lifecycle: triage first, closed is final, a step before triage keeps it untriaged', () => {
    assert.equal(breachTransition('reported', 'confirm'), 'investigating');
    assert.equal(breachTransition('reported', 'dismiss'), 'closed');
    assert.equal(breachTransition('reported', 'close'), undefined);
    assert.equal(breachTransition('reported', 'add_action'), 'reported');
    assert.equal(breachTransition('closed', 'add_action'), undefined);
  });
});
