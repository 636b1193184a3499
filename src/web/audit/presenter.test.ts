// Who may see the audit trail (domain), and the access-log page's presenter. No database.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canSeeChildAccessLog, isAuditStaff } from '../../domain/access-log.ts';
import type { AccessLogEntry } from '../../use-cases/audit/export-agency-access-log.ts';
import { exportForm, presentAccessLog } from './presenter.ts';

const involvements = [
  { agencyId: 'lead', kind: 'holds_record' },
  { agencyId: 'school', kind: 'involved' },
];

describe('who may see a child’s access log', () => {
  it('the lead agency, and IG staff of involved agencies; nobody outside the child’s agencies', () => {
    assert.equal(canSeeChildAccessLog({ agencyId: 'lead', roles: ['practitioner'] }, involvements), true);
    assert.equal(canSeeChildAccessLog({ agencyId: 'school', roles: ['practitioner'] }, involvements), false);
    assert.equal(canSeeChildAccessLog({ agencyId: 'school', roles: ['designated_safeguarding_lead'] }, involvements), false);
    assert.equal(canSeeChildAccessLog({ agencyId: 'school', roles: ['caldicott_guardian'] }, involvements), true);
    assert.equal(canSeeChildAccessLog({ agencyId: 'police', roles: ['ig_lead'] }, involvements), false);
    assert.equal(isAuditStaff({ roles: ['ig_lead'] }), true);
    assert.equal(isAuditStaff({ roles: ['administrator', 'partnership_manager'] }), false);
  });
});

const entry = (over: Partial<AccessLogEntry>): AccessLogEntry => ({
  eventId: '1',
  leafIndex: 0,
  occurredAt: '2026-11-20T10:00:00.000Z',
  staffUserId: 'u',
  staffName: 'Sam Social',
  agencyId: 'a',
  agencyName: 'Council',
  action: 'child.viewed',
  description: 'Viewed the record',
  outcome: 'ok',
  subjectType: 'child',
  subjectId: 'c',
  childId: 'c',
  via: 'web',
  correlationId: 'x',
  details: {},
  ...over,
});

describe('the access-log presenter', () => {
  it('says who, from where, what — and when access was refused', () => {
    const log = presentAccessLog({
      child: { id: 'c1', givenName: 'Ann', familyName: 'Example' },
      entries: [entry({}), entry({ via: 'api', outcome: 'denied', staffName: 'PC Penny', agencyName: 'Police' }), entry({ staffName: null, via: 'cli', agencyName: null })],
      total: 3,
      page: 1,
      pages: 1,
    });
    assert.equal(log.childName, 'Ann Example');
    assert.deepEqual(
      log.rows.map((r) => [r.who, r.agency, r.what, r.refused]),
      [
        ['Sam Social', 'Council', 'Viewed the record', null],
        ['PC Penny', 'Police', 'Viewed the record (through the API)', 'Refused: no access'],
        ['An administrator (command line)', '', 'Viewed the record', null],
      ],
    );
    assert.equal(log.pagination, null);
  });

  it('pages without putting anything personal in the address', () => {
    const log = presentAccessLog({ child: { id: 'c1', givenName: 'Ann', familyName: 'Example' }, entries: [], total: 120, page: 2, pages: 3 });
    assert.deepEqual(log.pagination, {
      previous: { href: '/children/c1/access-log' },
      next: { href: '/children/c1/access-log?page=3' },
      items: [
        { number: 1, href: '/children/c1/access-log', current: false },
        { number: 2, href: '/children/c1/access-log?page=2', current: true },
        { number: 3, href: '/children/c1/access-log?page=3', current: false },
      ],
    });
  });

  it('offers CSV for the last 30 days unless told otherwise', () => {
    const f = exportForm({});
    assert.deepEqual(
      f.formats.filter((x) => x.checked).map((x) => x.value),
      ['csv'],
    );
    assert.deepEqual(
      f.periods.filter((x) => x.checked).map((x) => x.value),
      ['30-days'],
    );
    assert.deepEqual(
      exportForm({ format: 'json', period: 'all' })
        .periods.filter((x) => x.checked)
        .map((x) => x.value),
      ['all'],
    );
  });
});
