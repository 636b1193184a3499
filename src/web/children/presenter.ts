// Pure presenters: child records → view models for the templates.
import { genderLabels, relationshipLabels } from '../../domain/children.ts';
import { ageOn } from '../../domain/age-scope.ts';
import { purposeLabels } from '../../domain/decision/answers.ts';
import { formatNhsNumber } from '../../domain/nhs-number.ts';
import type { ChildRecord } from '../../use-cases/view-child.ts';
import type { ChildRow } from '../../use-cases/search-children.ts';
import { formatDate } from '../nunjucks.ts';

type Row = { key: { text: string }; value: { text?: string; html?: string } };
const row = (key: string, text: string | null | undefined): Row => ({ key: { text: key }, value: { text: text && text.length ? text : 'Not known' } });

export const outcomeLabels: Record<string, { text: string; colour: string }> = {
  share: { text: 'Share', colour: 'green' },
  do_not_share: { text: 'Do not share', colour: 'red' },
  seek_advice: { text: 'Seek advice', colour: 'yellow' },
};
export const actionText: Record<string, string> = { shared: 'Information shared', not_shared: 'Decided not to share' };

export function childListRow(c: ChildRow, today: string) {
  return {
    id: c.id,
    name: `${c.given_name} ${c.family_name}`,
    dateOfBirth: c.date_of_birth,
    age: ageOn(c.date_of_birth, today),
    nhsNumber: c.nhs_number ? formatNhsNumber(c.nhs_number) : 'Not known',
    postcode: c.postcode ?? '',
  };
}

export function presentChild(record: ChildRecord, today: string) {
  const c = record.child;
  const age = ageOn(c.date_of_birth, today);
  return {
    id: c.id,
    name: `${c.given_name} ${c.family_name}`,
    identity: {
      dateOfBirth: c.date_of_birth,
      age,
      nhsNumber: c.nhs_number ? formatNhsNumber(c.nhs_number) : null,
    },
    details: [
      row('First name', c.given_name),
      row('Last name', c.family_name),
      row('Other names', c.aliases.join(', ')),
      row('Date of birth', `${formatDate(c.date_of_birth)} (age ${age})`),
      row('Gender', c.gender ? genderLabels[c.gender as keyof typeof genderLabels] : null),
      row('Ethnicity', c.ethnicity),
      row('Address', [c.address, c.postcode].filter(Boolean).join(', ')),
      row('Telephone', c.phone),
      row('Current setting', c.current_setting),
      row('NHS number', c.nhs_number ? formatNhsNumber(c.nhs_number) : null),
      row('Care leaver', c.care_leaver ? 'Yes' : 'No'),
      row('Special educational needs and disabilities (SEND)', c.send ? 'Yes' : 'No'),
    ],
    family: record.family.map((f) => ({
      name: `${f.given_name} ${f.family_name}`,
      relationship: relationshipLabels[f.relationship as keyof typeof relationshipLabels] ?? f.relationship,
      parentalResponsibility: f.parental_responsibility,
      isCarer: f.is_carer,
      livesWithChild: f.lives_with_child,
      phone: f.phone,
      address: [f.address, f.postcode].filter(Boolean).join(', '),
    })),
    agencies: record.agencies.map((a) => ({ name: a.name, kind: a.kind === 'holds_record' ? 'Holds a record' : 'Involved', since: a.recorded_at })),
    timeline: record.decisions.map((d) => ({
      id: d.id,
      title: `${actionText[d.action] ?? d.action}${d.recipient ? ` — ${d.recipient}` : ''}`,
      outcome: outcomeLabels[d.outcome] ?? { text: d.outcome, colour: 'grey' },
      purpose: purposeLabels[d.purpose as keyof typeof purposeLabels] ?? d.purpose,
      at: d.decidedAt,
      by: `${d.decidedByName}, ${d.agencyName}`,
    })),
  };
}
