// Pure presenters for the agreement register: the list, the set-up form, one agreement with its
// signature register, and the signing form (the pack's checklist item by item, the privacy impact
// assessment where the pack requires it before signing — Wirral 2022 App. 2 s.7.4).
import { DOCUMENT_KINDS, documentKindLabels, PARTY_ROLES, type PartyRole, PIA_OUTCOMES, partyRoleLabels, piaOutcomeLabels, standingLabels } from '../../domain/agreements.ts';
import { composeDate } from '../../domain/dates.ts';
import type { AgreementSummary } from '../../use-cases/agreements/list-agreements.ts';
import type { AgreementView } from '../../use-cases/agreements/view-agreement.ts';
import { formatDate } from '../nunjucks.ts';
import { durationText } from '../protocol/presenter.ts';

type Values = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

export const reviewTags = {
  overdue: { text: 'Review overdue', colour: 'red' },
  due: { text: 'Review due', colour: 'yellow' },
  scheduled: { text: 'Scheduled', colour: 'grey' },
} as const;

/** A GOV.UK date input's parts typed into a form as YYYY-MM-DD ('' if nothing typed). */
export const formDate = (body: Values, name: string) => composeDate(str(body[`${name}-day`]), str(body[`${name}-month`]), str(body[`${name}-year`]));

export function dateItems(values: Values, name: string) {
  return [
    { name: 'day', label: 'Day', classes: 'govuk-input--width-2', value: str(values[`${name}-day`]) },
    { name: 'month', label: 'Month', classes: 'govuk-input--width-2', value: str(values[`${name}-month`]) },
    { name: 'year', label: 'Year', classes: 'govuk-input--width-4', value: str(values[`${name}-year`]) },
  ];
}

export function presentList(agreements: AgreementSummary[]) {
  const row = (a: AgreementSummary) => ({
    href: `/partnership/agreements/${a.id}`,
    title: a.title,
    pack: a.pack,
    purpose: a.purpose,
    effectiveOn: formatDate(a.effectiveOn),
    nextReviewOn: formatDate(a.nextReviewOn),
    review: reviewTags[a.review],
    signed: `${a.inForce} of ${a.parties}`,
    status: a.status === 'in_force' ? { text: 'In force', colour: 'green' } : { text: 'Superseded', colour: 'grey' },
  });
  return { main: agreements.filter((a) => !a.parentId).map(row), secondTier: agreements.filter((a) => a.parentId).map(row) };
}

export function presentNewForm(agencies: { id: string; name: string }[], values: Values, mains: AgreementSummary[]) {
  return {
    agencies: agencies.map((g) => ({
      id: g.id,
      name: g.name,
      field: `role-${g.id}`,
      items: [{ value: '', text: 'Not a party' }, ...PARTY_ROLES.map((r) => ({ value: r, text: partyRoleLabels[r], selected: str(values[`role-${g.id}`]) === r }))],
    })),
    effectiveOn: dateItems(values, 'effectiveOn'),
    reviewOn: dateItems(values, 'reviewOn'),
    parents: [
      { value: '', text: 'None: this is the partnership’s agreement' },
      ...mains.filter((m) => m.status === 'in_force').map((m) => ({ value: m.id, text: m.title, selected: str(values.parentId) === m.id })),
    ],
  };
}

/** The parties chosen on the set-up form, for the use case. */
export const formParties = (body: Values, agencies: { id: string }[]) =>
  agencies.flatMap((g) => {
    const role = str(body[`role-${g.id}`]);
    return role ? [{ agencyId: g.id, role: role as PartyRole }] : [];
  });

export function presentAgreement(v: AgreementView, values: Values = {}) {
  const a = v.agreement;
  const s = v.pack.signatories;
  return {
    id: a.id,
    href: `/partnership/agreements/${a.id}`,
    title: a.title,
    pack: a.pack,
    packTitle: v.pack.title,
    secondTier: a.parent_id !== null,
    parentHref: a.parent_id ? `/partnership/agreements/${a.parent_id}` : null,
    purpose: a.purpose,
    inForce: a.status === 'in_force',
    effectiveOn: formatDate(a.effective_on),
    nextReviewOn: formatDate(v.nextReviewOn),
    review: reviewTags[v.review],
    reviewCycle: `${durationText(v.pack.dates.reviewCycle.first)} after it takes effect, then every ${durationText(v.pack.dates.reviewCycle.then)} (${v.pack.dates.reviewCycle.clause})`,
    reaffirmation: s.reaffirmation ? `Every ${durationText(s.reaffirmation)} (${s.clause})` : 'Not required by the protocol',
    piaRequired: s.privacyImpactAssessmentBeforeSigning,
    checklistCount: s.checklist.length,
    register: v.register.map((r) => ({
      agencyId: r.agencyId,
      agency: r.agencyName,
      role: partyRoleLabels[r.role as PartyRole] ?? r.role,
      standing: standingLabels[r.standing],
      inForce: r.standing === 'in_force',
      signatory: r.signature ? `${r.signature.signatoryName}, ${r.signature.signatoryTitle}` : null,
      signedOn: r.signature ? formatDate(r.signature.signedOn) : null,
      signedVersion: r.signature?.pack ?? null,
      kind: r.signature?.kind === 'reaffirmation' ? 'Re-affirmed' : 'Signed',
      reaffirmBy: r.reaffirmBy ? formatDate(r.reaffirmBy) : null,
      lapsed: r.signature?.lapsedOn ? `${formatDate(r.signature.lapsedOn)}: ${r.signature.lapseReason ?? ''}` : null,
      attestations: r.signature?.checklist ?? [],
      pia: r.signature?.privacyImpactAssessment
        ? { ...r.signature.privacyImpactAssessment, completedOn: formatDate(r.signature.privacyImpactAssessment.completedOn), outcome: piaOutcomeLabels[r.signature.privacyImpactAssessment.outcome] }
        : null,
      signHref: r.canSign ? `/partnership/agreements/${a.id}/sign` : null,
      canLapse: v.canManage && r.signature !== null && !r.signature.lapsedOn,
    })),
    documents: v.documents.map((d) => ({
      kind: documentKindLabels[d.kind as (typeof DOCUMENT_KINDS)[number]] ?? d.kind,
      title: d.title,
      reference: d.reference,
      agency: d.agency_name ?? 'The partnership',
      addedAt: d.added_at,
    })),
    canManage: v.canManage,
    canAddDocument: v.canManage || v.signFor.length > 0,
    documentKinds: DOCUMENT_KINDS.map((k) => ({ value: k, text: documentKindLabels[k], checked: str(values.kind) === k })),
    documentAgencies: [
      ...(v.canManage ? [{ value: '', text: 'The partnership' }] : []),
      ...v.register.filter((r) => v.canManage || v.signFor.includes(r.agencyId)).map((r) => ({ value: r.agencyId, text: r.agencyName, selected: str(values.agencyId) === r.agencyId })),
    ],
    reviews: v.reviews.map((r) => ({
      id: r.id,
      heldOn: formatDate(r.heldOn),
      dueOn: formatDate(r.dueOn),
      findings: r.findings,
      reportedOn: formatDate(r.reportedOn),
      reportedLate: r.reportedLate,
      approved: r.approvedOn ? formatDate(r.approvedOn) : null,
      plan: r.actions.length ? r.actions.map((x) => `${x.action} (${x.owner}, by ${formatDate(x.dueOn)})`).join('; ') : 'No actions',
      approval: r.approvedOn
        ? `Approved ${formatDate(r.approvedOn)}`
        : `Waiting for: ${r.approvals
            .filter((x) => !x.approved)
            .map((x) => x.agencyName)
            .join(', ')}`,
      approveFor: r.approvals.filter((x) => x.canApprove).map((x) => ({ agencyId: x.agencyId, agency: x.agencyName })),
    })),
    reviewDates: { heldOn: dateItems(values, 'heldOn'), reportedOn: dateItems(values, 'reportedOn'), actionDueOn: dateItems(values, 'actions.0.dueOn') },
    lapseAgencies: v.register.filter((r) => r.signature && !r.signature.lapsedOn).map((r) => ({ value: r.agencyId, text: r.agencyName, selected: str(values.agencyId) === r.agencyId })),
  };
}

export function presentSignForm(v: AgreementView, agencyId: string, values: Values) {
  const entry = v.register.find((r) => r.agencyId === agencyId)!;
  return {
    agreement: { id: v.agreement.id, title: v.agreement.title, pack: v.agreement.pack, href: `/partnership/agreements/${v.agreement.id}` },
    agencyId,
    agencyName: entry.agencyName,
    reaffirming: entry.standing === 'in_force' || entry.standing === 'reaffirmation_overdue',
    clause: v.pack.signatories.clause,
    checklist: v.pack.signatories.checklist.map((item) => ({
      id: item.id,
      text: item.text,
      confirmedId: `checklist.${item.id}.confirmed`,
      evidenceId: `checklist.${item.id}.evidence`,
      confirmed: str(values[`checklist.${item.id}.confirmed`]) === 'yes',
      evidence: str(values[`checklist.${item.id}.evidence`]),
    })),
    piaRequired: v.pack.signatories.privacyImpactAssessmentBeforeSigning,
    piaCompletedOn: dateItems(values, 'privacyImpactAssessment.completedOn'),
    piaOutcomes: PIA_OUTCOMES.map((o) => ({ value: o, text: piaOutcomeLabels[o], checked: str(values['privacyImpactAssessment.outcome']) === o })),
    residency: {
      items: v.pack.dataResidency.storeIn.map((place) => ({ value: place, text: place, checked: str(values['dataStorage.location']) === place })),
      elsewhere: str(values['dataStorage.location']) === 'elsewhere',
      transfersOutside: v.pack.dataResidency.transfersOutside,
      clause: v.pack.dataResidency.clause,
    },
    signedOn: dateItems(values, 'signedOn'),
    values,
  };
}

/** The review form's fields, for the use case: one action of the plan, left out when all blank. */
export function formReview(body: Values) {
  const action = { action: str(body['actions.0.action']), owner: str(body['actions.0.owner']), dueOn: formDate(body, 'actions.0.dueOn') };
  return {
    heldOn: formDate(body, 'heldOn'),
    findings: str(body.findings),
    reportedOn: formDate(body, 'reportedOn'),
    actions: action.action || action.owner || action.dueOn ? [action] : [],
  };
}

/** The signing form's fields, for the use case. */
export function formSignature(body: Values, agencyId: string, checklistIds: readonly string[]) {
  const pia = {
    completedOn: formDate(body, 'privacyImpactAssessment.completedOn'),
    outcome: str(body['privacyImpactAssessment.outcome']),
    risks: str(body['privacyImpactAssessment.risks']),
    mitigations: str(body['privacyImpactAssessment.mitigations']),
    document: str(body['privacyImpactAssessment.document']),
  };
  return {
    agencyId,
    checklist: Object.fromEntries(checklistIds.map((id) => [id, { confirmed: str(body[`checklist.${id}.confirmed`]) === 'yes', evidence: str(body[`checklist.${id}.evidence`]) }])),
    privacyImpactAssessment: pia,
    dataStorage: { location: str(body['dataStorage.location']), elsewhere: str(body['dataStorage.elsewhere']), safeguard: str(body['dataStorage.safeguard']) },
    signatoryName: str(body.signatoryName),
    signatoryTitle: str(body.signatoryTitle),
    signedOn: formDate(body, 'signedOn'),
  };
}
