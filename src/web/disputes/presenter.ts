// Pure presenters for disputes and complaints: the forms, the lists, and one dispute with its
// stages (who acts, their time, what each records), its history and the forms its viewer may use.
import { COMPLAINANTS, COMPLAINT_OUTCOMES, type ComplaintOutcome, complainantLabels, complaintOutcomeLabels } from '../../domain/complaints.ts';
import { DISPUTE_GROUNDS, type DisputeGround, disputeGroundLabels, disputeStatusLabels, STAGE_OUTCOMES, type StageOutcome, stageOutcomeLabels } from '../../domain/disputes.ts';
import { roleLabels } from '../../domain/staff.ts';
import type { ComplaintListRow } from '../../use-cases/complaints/list-complaints.ts';
import type { ComplaintView } from '../../use-cases/complaints/view-complaint.ts';
import type { DisputeListRow } from '../../use-cases/disputes/list-disputes.ts';
import type { DisputeView } from '../../use-cases/disputes/view-dispute.ts';
import { formatDateTime } from '../nunjucks.ts';
import { durationText } from '../protocol/presenter.ts';

type Values = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });

/** Field errors of one form on a page with several: ids are prefixed with the form's name. */
export function formErrors(form: string, errors: readonly { path: string; message: string }[]) {
  const seen = new Set<string>();
  return errors.map((e) => ({ path: `${form}-${e.path}`, message: e.message })).filter((e) => !seen.has(e.path) && seen.add(e.path));
}

export function raiseFormView(agencies: { id: string; name: string }[], link: { requestId: string; decisionId: string; childId: string }, values: Values) {
  return {
    link,
    needsAgency: !link.requestId && !link.decisionId,
    grounds: DISPUTE_GROUNDS.map((g) => ({ value: g, text: disputeGroundLabels[g], checked: str(values.ground) === g })),
    agencies: [{ value: '', text: 'Select an agency' }, ...agencies.map((a) => ({ value: a.id, text: a.name, selected: str(values.otherAgencyId) === a.id }))],
    summary: str(values.summary),
  };
}

const statusTag = (s: keyof typeof disputeStatusLabels) => disputeStatusLabels[s];

export function presentDisputeList(rows: DisputeListRow[]) {
  return rows.map((r) => ({
    href: `/disputes/${r.id}`,
    agencies: `${r.raisingAgencyName} and ${r.otherAgencyName}`,
    stage: r.status === 'open' ? `Stage ${r.stage}` : '',
    status: statusTag(r.status),
    dueAt: r.status === 'open' ? r.stageDueAt : null,
    overdue: r.overdue,
    raisedAt: r.createdAt,
  }));
}

export function presentComplaintList(rows: ComplaintListRow[]) {
  return rows.map((r) => ({
    href: `/complaints/${r.id}`,
    agency: r.agencyName,
    complainant: complainantLabels[r.complainant as keyof typeof complainantLabels] ?? r.complainant,
    receivedOn: r.receivedOn,
    dueAt: r.status === 'open' ? r.responseDueAt : null,
    overdue: r.overdue,
    status: r.status === 'open' ? { text: 'Open', colour: 'blue' } : { text: complaintOutcomeLabels[r.outcome as ComplaintOutcome] ?? 'Answered', colour: 'grey' },
  }));
}

const eventTitles: Record<string, (e: DisputeView['events'][number]) => string> = {
  raised: () => 'Dispute raised',
  stage_recorded: (e) => `Stage ${e.stage} recorded: ${e.details.outcome === 'agreed' ? 'agreed' : 'not agreed'}`,
  escalated: (e) => (e.details.by === 'deadline' ? `Escalated to stage ${e.stage} automatically: the time for stage ${String(e.details.from)} passed` : `Escalated to stage ${e.stage}`),
  reminded: (e) => `Stage ${e.stage} is past its time: its people were reminded`,
  concluded: () => 'Dispute concluded',
  impact_recorded: () => 'Outcome and impact recorded',
  closed: () => 'Dispute closed: both agencies have recorded the outcome and its impact',
};
const noteLabels: Record<string, string> = { discussed: 'What was discussed', reasons: 'Outcome and why', reason: 'Why it was escalated', outcome: 'Outcome', impact: 'Impact' };

export function presentDispute(v: DisputeView, options: { form?: string; values?: Values } = {}) {
  const values = (form: string) => (options.form === form ? (options.values ?? {}) : {});
  const ground = v.events.find((e) => e.kind === 'raised')?.details.ground as DisputeGround | undefined;
  return {
    id: v.id,
    version: v.version,
    title: `Dispute between ${v.raisedBy.agencyName} and ${v.other.agencyName}`,
    status: statusTag(v.status),
    overdue: v.overdue,
    stage: v.stage,
    stageDueAt: v.status === 'open' ? v.stageDueAt : null,
    summary: [
      row('Raised by', `${v.raisedBy.name}, ${v.raisedBy.agencyName}`),
      row('With', v.other.agencyName),
      row('About', ground ? disputeGroundLabels[ground] : ''),
      ...(v.childName ? [row('Child', v.childName)] : []),
      row('Raised', formatDateTime(v.createdAt)),
      row('Protocol', `${v.pack} (${v.rules.clause})`),
    ],
    links: [
      ...(v.childId && v.isParty ? [{ href: `/children/${v.childId}`, text: 'The child’s record' }] : []),
      ...(v.requestId && v.isParty ? [{ href: `/requests/${v.requestId}`, text: 'The request' }] : []),
      ...(v.decisionId && v.isParty ? [{ href: `/decisions/${v.decisionId}`, text: 'The decision' }] : []),
    ],
    disagreement: v.summary,
    stages: v.rules.stages.map((s) => ({
      stage: s.stage,
      name: s.name,
      who: s.who.join('; '),
      actedBy: s.actedBy.map((r) => roleLabels[r]).join(', '),
      within: `${durationText(s.within)}${s.onDeadline === 'escalate' ? ', then it escalates to the next stage' : ', then its people are reminded'}`,
      withinSource: s.withinSource,
      record: s.record.join('; '),
      current: v.status === 'open' && s.stage === v.stage,
      done: s.stage < v.stage || (v.status !== 'open' && s.stage <= v.stage),
    })),
    timeline: v.events.map((e) => ({
      title: (eventTitles[e.kind] ?? (() => e.kind))(e),
      by: e.byName ? `${e.byName}, ${e.byAgencyName ?? ''}`.replace(/, $/, '') : 'Concord',
      at: e.at,
      notes: e.notes
        ? Object.entries(e.notes)
            .filter(([, t]) => t)
            .map(([k, t]) => ({ label: noteLabels[k] ?? k, text: t! }))
        : [],
    })),
    can: v.can,
    stageForm: v.can.recordStage
      ? {
          record: v.rules.stages[v.stage - 1]?.record.join('; ') ?? '',
          last: v.stage >= v.rules.stages.length,
          outcomes: STAGE_OUTCOMES.map((o: StageOutcome) => ({
            value: o,
            text: o === 'not_agreed' && v.stage >= v.rules.stages.length ? 'Not agreed — this is the final decision of the last stage' : stageOutcomeLabels[o],
            checked: str(values('stage').outcome) === o,
          })),
          discussed: str(values('stage').discussed),
          reasons: str(values('stage').reasons),
        }
      : null,
    escalateForm: v.can.escalate ? { next: v.rules.stages[v.stage]?.name ?? '', reason: str(values('escalate').reason) } : null,
    impactForm: v.can.recordImpact ? { outcome: str(values('impact').outcome), impact: str(values('impact').impact) } : null,
  };
}

export function complaintFormView(agencies: { id: string; name: string }[], childId: string, values: Values) {
  return {
    childId,
    agencies: [{ value: '', text: 'Select an agency' }, ...agencies.map((a) => ({ value: a.id, text: a.name, selected: str(values.agencyId) === a.id }))],
    complainants: COMPLAINANTS.map((c) => ({ value: c, text: complainantLabels[c], checked: str(values.complainant) === c })),
    receivedOn: str(values.receivedOn),
    requestId: str(values.requestId),
    disclosureId: str(values.disclosureId),
    decisionId: str(values.decisionId),
    summary: str(values.summary),
  };
}

export function presentComplaint(v: ComplaintView, values: Values = {}) {
  return {
    id: v.id,
    title: `Complaint about ${v.agency.name}`,
    status: v.status === 'open' ? { text: 'Open', colour: 'blue' } : { text: 'Answered', colour: 'grey' },
    overdue: v.overdue,
    summary: [
      row('About', v.agency.name),
      row('Made by', complainantLabels[v.complainant as keyof typeof complainantLabels] ?? v.complainant),
      row('Received', v.receivedOn),
      row('Recorded by', `${v.recordedBy.name}, ${v.recordedBy.agencyName}`),
      row('Response due', formatDateTime(v.responseDueAt)),
      row('Handled by', v.rules.handledBy.map((r) => roleLabels[r]).join(', ')),
      row('Protocol', v.rules.clause),
      ...(v.outcome ? [row('Outcome', complaintOutcomeLabels[v.outcome as ComplaintOutcome] ?? v.outcome), row('Answered on', v.respondedOn ?? '')] : []),
    ],
    records: [...(v.requestId ? [row('Request', v.requestId)] : []), ...(v.disclosureId ? [row('Information sent', v.disclosureId)] : []), ...(v.decisionId ? [row('Decision', v.decisionId)] : [])],
    complaint: v.summary,
    response: v.response,
    respondForm: v.can.respond
      ? {
          outcomes: COMPLAINT_OUTCOMES.map((o) => ({ value: o, text: complaintOutcomeLabels[o], checked: str(values.outcome) === o })),
          respondedOn: str(values.respondedOn),
          response: str(values.response),
        }
      : null,
  };
}
