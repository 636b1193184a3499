import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alertRows, alertView } from './presenter.ts';

const alert = {
  id: 'a1',
  day: '2026-12-03',
  views: 64,
  threshold: 20,
  created_at: new Date('2026-12-03T16:50:00Z'),
  status: 'open' as const,
  person_name: 'Sam Social',
  person_email: 'sam@council.example',
  agency_name: 'Council',
  acknowledged_at: null,
  acknowledged_by_name: null,
  closed_at: null,
  closed_by_name: null,
  note: null,
};

describe('access alert view models (ADR 0085)', () => {
  it('an open alert can be acknowledged and closed, and says who and what', () => {
    assert.deepEqual(alertView(alert), {
      id: 'a1',
      tag: { text: 'New', classes: 'govuk-tag--red' },
      open: true,
      canAcknowledge: true,
      rows: [
        { key: { text: 'Who' }, value: { text: 'Sam Social (sam@council.example), Council' } },
        { key: { text: 'What was found' }, value: { text: '64 views of children’s records on 3 December 2026, above their usual limit of 20 a day' } },
        { key: { text: 'Raised' }, value: { text: '3 December 2026 at 4:50pm' } },
      ],
    });
    assert.deepEqual(alertRows([alert]), [
      { href: '/access-alerts/a1', raised: '3 December 2026 at 4:50pm', person: 'Sam Social', what: '64 views on 3 December 2026 (usual limit 20)', tag: { text: 'New', classes: 'govuk-tag--red' } },
    ]);
  });

  it('a closed alert shows who closed it and the note, and offers nothing more', () => {
    const v = alertView({ ...alert, status: 'closed', closed_at: new Date('2026-12-04T10:00:00Z'), closed_by_name: 'Ivy Governance', note: 'A planned audit.' });
    assert.equal(v.open, false);
    assert.equal(v.canAcknowledge, false);
    assert.deepEqual(v.rows.slice(3), [
      { key: { text: 'Closed' }, value: { text: '4 December 2026 at 10am by Ivy Governance' } },
      { key: { text: 'Note' }, value: { text: 'A planned audit.' } },
    ]);
  });
});
