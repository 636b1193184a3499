// Pure presenters for the agreement register: the list, the set-up form, one agreement with its
// signature register, and the signing form (the pack's checklist item by item, the privacy impact
// assessment where the pack requires it before signing — Wirral 2022 App. 2 s.7.4).
import { changeStatusLabels, documentRequestStatusLabels } from '../../domain/agreement-changes.ts';
import { DOCUMENT_KINDS, type DocumentKind, documentKindLabels, PARTY_ROLES, type PartyRole, PIA_OUTCOMES, partyRoleLabels, piaOutcomeLabels, standingLabels } from '../../domain/agreements.ts';
import { composeDate } from '../../domain/dates.ts';
import { packRef } from '../../domain/protocol/pack.ts';
import type { AgreementSummary } from '../../use-cases/agreements/list-agreements.ts';
import type { AgreementView } from '../../use-cases/agreements/view-agreement.ts';
import type { DocumentRequestView } from '../../use-cases/agreements/view-document-request.ts';
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
      resignBy: r.resignBy ? formatDate(r.resignBy) : null,
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
    agreement: { id: v.agreement.id, title: v.agreement.title, pack: v.move?.pack ?? v.agreement.pack, href: `/partnership/agreements/${v.agreement.id}` },
    agencyId,
    agencyName: entry.agencyName,
    /** The version whose checklist the page shows: sent back, so a move meanwhile signs nothing. */
    signingRef: packRef(v.signingPack),
    // Signing a new version, even ahead of its date, is a signature, not a re-affirmation (ADR 0088).
    reaffirming: (entry.standing === 'in_force' || entry.standing === 'reaffirmation_overdue') && entry.resignBy === null,
    clause: v.signingPack.signatories.clause,
    checklist: v.signingPack.signatories.checklist.map((item) => ({
      id: item.id,
      text: item.text,
      confirmedId: `checklist.${item.id}.confirmed`,
      evidenceId: `checklist.${item.id}.evidence`,
      confirmed: str(values[`checklist.${item.id}.confirmed`]) === 'yes',
      evidence: str(values[`checklist.${item.id}.evidence`]),
    })),
    piaRequired: v.signingPack.signatories.privacyImpactAssessmentBeforeSigning,
    piaCompletedOn: dateItems(values, 'privacyImpactAssessment.completedOn'),
    piaOutcomes: PIA_OUTCOMES.map((o) => ({ value: o, text: piaOutcomeLabels[o], checked: str(values['privacyImpactAssessment.outcome']) === o })),
    residency: {
      items: v.signingPack.dataResidency.storeIn.map((place) => ({ value: place, text: place, checked: str(values['dataStorage.location']) === place })),
      elsewhere: str(values['dataStorage.location']) === 'elsewhere',
      transfersOutside: v.signingPack.dataResidency.transfersOutside,
      clause: v.signingPack.dataResidency.clause,
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
    ...(str(body.seenPack) ? { seenPack: str(body.seenPack) } : {}),
  };
}

// --- Changes to the agreement and documents on request (ADR 0088, 0089) ------------------------

/** The changes and document requests on the agreement page. */
export function presentChanges(v: AgreementView) {
  const href = `/partnership/agreements/${v.agreement.id}`;
  return {
    move: v.move ? { pack: v.move.pack, title: v.move.title, on: formatDate(v.move.on) } : null,
    changes: v.changes.map((c) => ({
      id: c.id,
      summary: c.summary,
      proposedBy: c.proposedBy,
      proposedOn: formatDate(c.proposedAt.toISOString().slice(0, 10)),
      version: c.toPack ? `${c.fromPack} to ${c.toPack}, from ${formatDate(c.movesOn ?? c.effectiveOn!)}` : 'No new version',
      status: changeStatusLabels[c.status],
      agreement:
        c.status === 'proposed'
          ? `Waiting for: ${c.approvals
              .filter((a) => !a.agreed)
              .map((a) => a.agencyName)
              .join(', ')}`
          : `Agreed ${formatDate(c.agreedOn!)} by ${c.approvals.map((a) => a.agencyName).join(', ')}`,
      agreeFor: c.approvals.filter((a) => a.canAgree).map((a) => ({ agencyId: a.agencyId, agency: a.agencyName, action: `${href}/changes/${c.id}/agree` })),
    })),
    documentRequests: v.documentRequests.map((r) => ({
      href: r.canOpen ? `${href}/document-requests/${r.id}` : null,
      kind: documentKindLabels[r.kind as DocumentKind] ?? r.kind,
      from: r.requestingAgency,
      to: r.holderAgency,
      dueOn: formatDate(r.dueOn),
      state: documentRequestStatusLabels[r.state],
    })),
    canPropose: v.actFor.length > 0,
    proposeHref: `${href}/changes/new`,
    requestHref: `${href}/document-requests/new`,
  };
}

const agencyItems = (agencies: { agencyId: string; agencyName: string }[], selected: string, blank?: string) => [
  ...(blank ? [{ value: '', text: blank }] : []),
  ...agencies.map((a) => ({ value: a.agencyId, text: a.agencyName, selected: selected === a.agencyId })),
];

/** The form to propose a change: for which party, what, and any new version and its date. */
export function presentChangeForm(v: AgreementView, packs: { ref: string; title: string }[], values: Values) {
  const mine = v.register.filter((r) => v.actFor.includes(r.agencyId));
  return {
    agreement: { title: v.agreement.title, pack: v.agreement.pack, href: `/partnership/agreements/${v.agreement.id}` },
    action: `/partnership/agreements/${v.agreement.id}/changes/new`,
    agencies: agencyItems(mine, str(values.agencyId)),
    oneAgency: mine.length === 1 ? mine[0]! : null,
    versions: [
      { value: '', text: 'No new version' },
      ...packs.filter((p) => p.ref !== v.agreement.pack).map((p) => ({ value: p.ref, text: `${p.ref}: ${p.title}`, selected: str(values.toPack) === p.ref })),
    ],
    effectiveOn: dateItems(values, 'effectiveOn'),
    approvers: approverNames(v),
  };
}

const approverNames = (v: AgreementView) => (v.pack.dates.reviewApprovedBy === 'statutory_partners' ? 'the statutory safeguarding partners and the lead signatory' : 'every party to the agreement');

/** The form's fields, for the use case. */
export const formChange = (body: Values) => ({ agencyId: str(body.agencyId), summary: str(body.summary), toPack: str(body.toPack), effectiveOn: formDate(body, 'effectiveOn') });

/** The form to ask another party for a document. */
export function presentDocumentRequestForm(v: AgreementView, values: Values) {
  const mine = v.register.filter((r) => v.actFor.includes(r.agencyId));
  return {
    agreement: { title: v.agreement.title, href: `/partnership/agreements/${v.agreement.id}` },
    action: `/partnership/agreements/${v.agreement.id}/document-requests/new`,
    agencies: agencyItems(mine, str(values.agencyId)),
    oneAgency: mine.length === 1 ? mine[0]! : null,
    holders: agencyItems(
      v.register.filter((r) => !(mine.length === 1 && r.agencyId === mine[0]!.agencyId)),
      str(values.holderAgencyId),
      'Select an agency',
    ),
    kinds: DOCUMENT_KINDS.filter((k) => k !== 'signed_agreement').map((k) => ({ value: k, text: documentKindLabels[k], checked: str(values.kind) === k })),
    dueOn: dateItems(values, 'dueOn'),
  };
}

export const formDocumentRequest = (body: Values) => ({
  agencyId: str(body.agencyId),
  holderAgencyId: str(body.holderAgencyId),
  kind: str(body.kind),
  detail: str(body.detail),
  dueOn: formDate(body, 'dueOn'),
});

/** One document request: what was asked, by whom, the answer, and the holder's form. */
export function presentDocumentRequest(r: DocumentRequestView, values: Values) {
  const href = `/partnership/agreements/${r.agreement.id}/document-requests/${r.id}`;
  return {
    agreement: { title: r.agreement.title, href: `/partnership/agreements/${r.agreement.id}` },
    title: `${documentKindLabels[r.kind as DocumentKind] ?? r.kind} from ${r.holderAgency.name}`,
    rows: [
      { key: { text: 'Asked by' }, value: { text: r.requestingAgency.name } },
      { key: { text: 'Asked of' }, value: { text: r.holderAgency.name } },
      { key: { text: 'Document' }, value: { text: documentKindLabels[r.kind as DocumentKind] ?? r.kind } },
      { key: { text: 'What and why' }, value: { text: r.detail } },
      { key: { text: 'Needed by' }, value: { text: formatDate(r.dueOn) } },
    ],
    state: documentRequestStatusLabels[r.state],
    document: r.document,
    declineReason: r.declineReason,
    answeredOn: r.answeredAt ? formatDate(r.answeredAt.toISOString().slice(0, 10)) : null,
    canAnswer: r.canAnswer,
    action: `${href}/answer`,
    answers: [
      { value: 'provide', text: 'Provide the document', checked: str(values.answer) === 'provide' },
      { value: 'decline', text: 'Decline, with the reason', checked: str(values.answer) === 'decline' },
    ],
  };
}

export const formAnswer = (body: Values) => {
  const answer = str(body.answer);
  if (answer === 'provide') return { answer, title: str(body.title), reference: str(body.reference) };
  if (answer === 'decline') return { answer, reason: str(body.reason) };
  return { answer: undefined };
};
