// Pure presenters: child records → view models for the templates.

import { ageOn } from '../../domain/age-scope.ts';
import { type BreachStatus, breachStatusLabels } from '../../domain/breaches.ts';
import { genderLabels, relationshipLabels } from '../../domain/children.ts';
import { purposeLabels } from '../../domain/decision/answers.ts';
import { type DecisionState, decisionStateLabels } from '../../domain/decision-record.ts';
import { type CorrectionStatus, correctionStatusLabels, type DisclosureStatus, disclosureStatusLabels } from '../../domain/disclosures.ts';
import { type DisputeStatus, disputeStatusLabels } from '../../domain/disputes.ts';
import { formatNhsNumber } from '../../domain/nhs-number.ts';
import { type RequestStatus, requestStatusLabels, type Urgency, urgencyLabels } from '../../domain/requests.ts';
import type { ChildRow } from '../../use-cases/children/search-children.ts';
import type { ChildRecord, ExchangeEventRow } from '../../use-cases/children/view-child.ts';
import { formatDate } from '../nunjucks.ts';

/** The caption and title of a step of a journey about a child (a decision question, check your
 *  answers, the request form): who it is about, by name and date of birth, so no one decides about
 *  the wrong child. In the page only, never in its address. */
export function childCaption(child: { name: string; dateOfBirth: string }, journey: string) {
  const who = `${child.name}, born ${formatDate(child.dateOfBirth)}`;
  return { caption: `${journey}: ${who}`, title: (page: string) => `${page} – ${who}` };
}

type Row = { key: { text: string }; value: { text?: string; html?: string } };
const row = (key: string, text: string | null | undefined): Row => ({ key: { text: key }, value: { text: text?.length ? text : 'Not known' } });

export const outcomeLabels: Record<string, { text: string; colour: string }> = {
  share: { text: 'Share', colour: 'green' },
  do_not_share: { text: 'Do not share', colour: 'red' },
  seek_advice: { text: 'Seek advice', colour: 'yellow' },
};
export const actionText: Record<string, string> = { shared: 'Information shared', not_shared: 'Decided not to share' };
/** What a decision to share is waiting for, in the chronology. */
const nextStep: Partial<Record<DecisionState, string>> = {
  decided_not_sent: 'the practitioner who decided sends the information securely, or withdraws the decision',
  awaiting_approval: 'a designated manager approves or refuses sharing against the advice',
};

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

export interface TimelineItem {
  at: Date;
  title: string;
  by: string;
  tag?: { text: string; colour: string };
  lines: string[];
  link?: { href: string; text: string };
}

const scopeText: Record<string, string> = {
  share_all: 'all of what was asked for',
  share_part: 'part of what was asked for',
  proactive: 'without a request',
  onward: 'passed on with the originator’s agreement',
};

/** The chronology: decisions, requests, disclosures, openings and corrections, newest first. Links
 *  go only to records the viewing agency is a party to (anything else would be "not found"). */
export function timeline(record: Pick<ChildRecord, 'decisions' | 'exchanges'>, viewerAgencyId?: string): TimelineItem[] {
  const party = (e: ExchangeEventRow) => viewerAgencyId === e.from_agency_id || viewerAgencyId === e.to_agency_id;
  const items: TimelineItem[] = record.decisions.map((d) => {
    const outcome = outcomeLabels[d.outcome] ?? { text: d.outcome, colour: 'grey' };
    return {
      at: d.decidedAt,
      // "Information shared" only once something was sent (decision-record.ts decisionState).
      title: `${decisionStateLabels[d.state]?.chronology ?? actionText[d.action] ?? d.action}${d.recipient ? ` — ${d.recipient}` : ''}`,
      by: `${d.decidedByName}, ${d.agencyName}`,
      tag: { text: `Advice: ${outcome.text}`, colour: outcome.colour },
      lines: [`Purpose: ${purposeLabels[d.purpose as keyof typeof purposeLabels] ?? d.purpose}`, ...(nextStep[d.state] ? [`Next: ${nextStep[d.state]}`] : [])],
      link: { href: `/decisions/${d.id}`, text: 'View decision' },
    };
  });
  for (const e of record.exchanges) {
    const by = `${e.by_name}, ${e.from_agency}`;
    if (e.kind === 'request') {
      items.push({
        at: e.at,
        title: `Information requested from ${e.to_agency}`,
        by,
        tag: requestStatusLabels[e.status as RequestStatus] ?? { text: e.status, colour: 'grey' },
        lines: [`Urgency: ${urgencyLabels[e.urgency as Urgency]?.split(' —')[0] ?? e.urgency}`],
        link: party(e) ? { href: `/requests/${e.id}`, text: 'View request' } : undefined,
      });
    } else if (e.kind === 'disclosure') {
      items.push({
        at: e.at,
        title: `Information sent securely to ${e.to_agency}`,
        by,
        tag: disclosureStatusLabels[e.status as DisclosureStatus] ?? { text: e.status, colour: 'grey' },
        lines: [`Shared ${scopeText[e.scope ?? ''] ?? ''}`.trim()],
        link: party(e) ? { href: `/disclosures/${e.id}`, text: 'View information' } : undefined,
      });
      if (e.done_at) items.push({ at: e.done_at, title: `Information from ${e.from_agency} opened`, by: e.to_agency, lines: [] });
    } else if (e.kind === 'dispute') {
      // Metadata only: agencies that are not party see that a dispute exists, never a link to it.
      items.push({
        at: e.at,
        title: `Dispute about sharing between ${e.from_agency} and ${e.to_agency}`,
        by,
        tag: disputeStatusLabels[e.status as DisputeStatus] ?? { text: e.status, colour: 'grey' },
        lines: e.status === 'open' ? [`Stage ${e.scope ?? ''}`] : [],
        link: party(e) ? { href: `/disputes/${e.id}`, text: 'View dispute' } : undefined,
      });
    } else if (e.kind === 'complaint') {
      items.push({
        at: e.at,
        title: `Complaint about the use or disclosure of information by ${e.to_agency}`,
        by,
        tag: e.status === 'open' ? { text: 'Open', colour: 'blue' } : { text: 'Answered', colour: 'grey' },
        lines: [],
        link: party(e) ? { href: `/complaints/${e.id}`, text: 'View complaint' } : undefined,
      });
    } else if (e.kind === 'breach') {
      // Agencies not party to the breach see only that one was reported, by which agency, and when.
      items.push({
        at: e.at,
        title: e.scope === 'returned_disclosure' ? `Information returned to ${e.to_agency}: incident opened` : 'Possible breach of information sharing reported',
        by: party(e) ? by : e.from_agency,
        tag: breachStatusLabels[e.status as BreachStatus] ?? { text: e.status, colour: 'grey' },
        lines: party(e) ? [`Investigation led by ${e.to_agency}`] : [],
        link: party(e) ? { href: `/breaches/${e.id}`, text: 'View breach' } : undefined,
      });
    } else {
      items.push({
        at: e.at,
        title: `Inaccuracy reported to ${e.to_agency}`,
        by,
        tag: correctionStatusLabels[e.status as CorrectionStatus] ?? { text: e.status, colour: 'grey' },
        lines: [],
        link: party(e) ? { href: `/corrections/${e.id}`, text: 'View correction' } : undefined,
      });
      if (e.done_at)
        items.push({
          at: e.done_at,
          title: e.status === 'corrected' ? 'Information corrected and sent to every recipient' : 'Reported inaccuracy reviewed: the information stands',
          by: e.to_agency,
          lines: [],
        });
    }
  }
  return items.sort((a, b) => b.at.getTime() - a.at.getTime());
}

export function presentChild(record: ChildRecord, today: string, viewerAgencyId?: string) {
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
    timeline: timeline(record, viewerAgencyId),
  };
}
