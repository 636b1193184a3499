// The dispute, register and protocol presenters as pure functions of their view models: the stages
// as Concord applies each pack (who acts, the time, what then happens), the forms a viewer may use,
// the trend table, and a dispute on a child's chronology (metadata only for agencies not party).
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { disputeRules } from '../../domain/disputes.ts';
import type { Pack } from '../../domain/protocol/pack.ts';
import type { ExchangeEventRow } from '../../use-cases/children/view-child.ts';
import type { DisputeView } from '../../use-cases/disputes/view-dispute.ts';
import { loadPacksDir } from '../../use-cases/kernel/packs.ts';
import { timeline } from '../children/presenter.ts';
import { presentProtocol } from '../protocol/presenter.ts';
import { presentRegister } from '../registers/presenter.ts';
import { presentDispute } from './presenter.ts';

let packs: Map<string, Pack>;
before(async () => {
  packs = new Map((await loadPacksDir(path.resolve(import.meta.dirname, '../../../protocols'))).map((p) => [p.id, p]));
});

const at = new Date('2026-11-20T10:00:00Z');
const view = (pack: Pack, over: Partial<DisputeView> = {}): DisputeView => ({
  id: 'd1',
  version: 1,
  childId: 'c1',
  childName: 'Ann Example',
  requestId: null,
  decisionId: null,
  raisedBy: { userId: 'u1', name: 'Sam Social', agencyId: 'a1', agencyName: 'Council' },
  other: { agencyId: 'a2', agencyName: 'Police' },
  pack: `${pack.id}@${pack.version}`,
  status: 'open',
  stage: 1,
  stageStartedAt: at,
  stageDueAt: new Date('2026-12-04T23:59:59.999Z'),
  overdue: false,
  createdAt: at,
  concludedAt: null,
  closedAt: null,
  summary: 'Call-outs refused',
  rules: disputeRules(pack),
  events: [{ id: 'e1', at, kind: 'raised', stage: 1, byName: 'Sam Social', byAgencyName: 'Council', details: { ground: 'request_declined' }, notes: null }],
  impactRecordedBy: [],
  can: { recordStage: true, escalate: true, recordImpact: false },
  isParty: true,
  ...over,
});

describe('presenting a dispute', () => {
  it('shows each pack’s stages as Concord applies them, and the forms the viewer may use', () => {
    const haringey = presentDispute(view(packs.get('haringey-2006')!));
    assert.equal(haringey.title, 'Dispute between Council and Police');
    assert.equal(haringey.stages[0]!.within, '10 working days, then it escalates to the next stage');
    assert.equal(haringey.stages[1]!.actedBy, 'Partnership manager');
    assert.ok(haringey.stages[0]!.current);
    assert.deepEqual(
      haringey.stageForm?.outcomes.map((o) => o.value),
      ['agreed', 'not_agreed'],
    );
    assert.match(haringey.escalateForm!.next, /Mediation/);
    assert.equal(haringey.impactForm, null);
    assert.deepEqual(haringey.links, [{ href: '/children/c1', text: 'The child’s record' }]);

    const southampton = presentDispute(view(packs.get('southampton-2010')!, { stage: 2, can: { recordStage: true, escalate: false, recordImpact: false } }), {
      form: 'stage',
      values: { discussed: 'Met', outcome: 'not_agreed' },
    });
    assert.equal(southampton.stages[1]!.within, '10 working days, then its people are reminded');
    assert.equal(southampton.stageForm?.last, true);
    assert.match(southampton.stageForm!.outcomes[1]!.text, /final decision of the last stage/);
    assert.equal(southampton.stageForm?.discussed, 'Met');
    assert.ok(southampton.stages[0]!.done);
    assert.equal(southampton.escalateForm, null);
  });

  it('a register keeper who is not party sees no links into the agencies’ records', () => {
    assert.deepEqual(presentDispute(view(packs.get('wirral-2022')!, { isParty: false, requestId: 'r1' })).links, []);
  });

  it('the protocol page shows the time Concord applies and its source, not "No set time"', () => {
    const p = presentProtocol(packs.get('wirral-2022')!, 'Northbridge');
    assert.match(p.dispute.stages[0]!.within, /^10 working days, then a reminder \(Concord default/);
  });
});

describe('a dispute on the child’s chronology', () => {
  const e: ExchangeEventRow = {
    kind: 'dispute',
    id: 'd1',
    at,
    status: 'open',
    from_agency_id: 'a1',
    from_agency: 'Council',
    to_agency_id: 'a2',
    to_agency: 'Police',
    by_name: 'Sam Social',
    scope: '2',
    urgency: null,
    done_at: null,
  };
  it('links for the two agencies only', () => {
    const forParty = timeline({ decisions: [], exchanges: [e] }, 'a2');
    assert.equal(forParty[0]!.title, 'Dispute about sharing between Council and Police');
    assert.deepEqual(forParty[0]!.lines, ['Stage 2']);
    assert.deepEqual(forParty[0]!.link, { href: '/disputes/d1', text: 'View dispute' });
    assert.equal(timeline({ decisions: [], exchanges: [e] }, 'a3')[0]!.link, undefined);
  });
});

describe('the central register', () => {
  it('counts open items, orders them by due time and lays out the trend', () => {
    const item = (kind: 'dispute' | 'complaint' | 'breach', id: string, due: string, status = 'open') => ({
      kind,
      id,
      href: `/${{ dispute: 'disputes', complaint: 'complaints', breach: 'breaches' }[kind]}/${id}`,
      agencies: 'Council and Police',
      status,
      open: status !== 'closed',
      stage: 'Stage 1',
      dueAt: new Date(due),
      overdue: due < '2026-11-21',
      openedAt: at,
    });
    const r = presentRegister({
      pack: 'wirral-2022@2022.4',
      smallNumberThreshold: 10,
      smallNumberClause: 'Southampton 2010 s.12',
      since: at,
      items: [
        item('dispute', 'd2', '2026-12-10'),
        item('complaint', 'k1', '2026-11-01'),
        item('dispute', 'd3', '2026-11-30', 'closed'),
        item('breach', 'b1', '2026-11-25', 'investigating'),
        item('breach', 'b2', '2026-11-02', 'closed'),
      ],
      trend: [
        { kind: 'dispute', month: '2026-11', agency: 'Police', count: 3 },
        { kind: 'breach', month: '2026-10', agency: 'Council', count: 2 },
      ],
    });
    assert.deepEqual(
      r.counts.map((c) => c.value),
      [1, 1, 1, 1],
      'open disputes, complaints, breaches (an investigating breach is open), and those past their time',
    );
    assert.deepEqual(
      r.open.map((i) => i.href),
      ['/complaints/k1', '/breaches/b1', '/disputes/d2'],
    );
    assert.deepEqual(
      r.closed.map((i) => i.href),
      ['/disputes/d3', '/breaches/b2'],
    );
    assert.deepEqual(r.trends[2]!.rows, [{ agency: 'Council', counts: [2], total: 2 }], 'breaches have their own trend table');
    assert.deepEqual(r.trends[0]!.rows, [{ agency: 'Police', counts: [3], total: 3 }]);
    assert.deepEqual(r.trends[0]!.head, ['Nov 2026']);
  });
});
