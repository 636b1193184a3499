// The partnership's protocol pack in plain English for staff: which rules apply to them.
import { consentNotSoughtReasonLabels, harmLabels, levelLabels, purposeLabels } from '../../domain/decision/answers.ts';
import { lawfulBasisLabels } from '../../domain/decision/lawful-bases.ts';
import { CORRECTION_DECISION_WITHIN } from '../../domain/disclosures.ts';
import { disputeRules } from '../../domain/disputes.ts';
import { type Duration, type Pack, packRef } from '../../domain/protocol/pack.ts';
import { describeRetention, RECORD_LABELS, scheduleRules } from '../../domain/retention.ts';
import { formatDate } from '../nunjucks.ts';

const unitWords: Record<Duration['unit'], [string, string]> = {
  working_days: ['working day', 'working days'],
  calendar_days: ['day', 'days'],
  hours: ['hour', 'hours'],
  months: ['month', 'months'],
};

export function durationText(d: Duration | undefined | null): string {
  if (!d) return 'No set time';
  const [one, many] = unitWords[d.unit];
  return `${d.amount} ${d.amount === 1 ? one : many}`;
}

const list = (items: readonly string[]) => (items.length ? items.join('; ') : 'None');
const clockStartWords = { identified: 'the breach being identified', occurred: 'the breach happening', meeting: 'the partners’ meeting about it' } as const;

export function presentProtocol(pack: Pack, partnershipName: string) {
  const c = pack.consent;
  return {
    partnershipName,
    ref: packRef(pack),
    title: pack.title,
    source: pack.source,
    dates: {
      effective: formatDate(pack.dates.effective),
      review: pack.dates.review ? formatDate(pack.dates.review) : 'Not set',
      cycle: `First review after ${durationText(pack.dates.reviewCycle.first)}, then every ${durationText(pack.dates.reviewCycle.then)}`,
      reviewApproval: `${pack.dates.reviewApprovedBy === 'statutory_partners' ? 'The statutory safeguarding partners approve' : 'Every party approves'} each review’s implementation plan${
        pack.dates.findingsReportedWithin ? `; findings are reported in writing within ${durationText(pack.dates.findingsReportedWithin)} of the review` : ''
      }`,
      clause: pack.dates.reviewCycle.clause,
    },
    ageScope: {
      text: `Children and young people aged ${pack.ageScope.from} to ${pack.ageScope.to}${
        pack.ageScope.extendedFor.length
          ? `, and up to ${pack.ageScope.extendedTo} for ${pack.ageScope.extendedFor.map((f) => (f === 'care_leaver' ? 'care leavers' : 'young people with special educational needs and disabilities')).join(' and ')}`
          : ''
      }`,
      clause: pack.ageScope.clause,
    },
    consent: [
      {
        key: 'Explicit consent is needed for',
        value: list([
          ...c.explicitConsentRequiredFor.levels.map((l) => `${levelLabels[l].split(' — ')[0]} information`),
          ...c.explicitConsentRequiredFor.purposes.map((p) => purposeLabels[p].replace(/^To /, 'sharing to ').replace(/^A /, 'a ')),
        ]),
      },
      { key: 'Except when', value: list([...c.exceptions.harms.map((h) => harmLabels[h]), ...c.exceptions.notSoughtReasons.map((r) => consentNotSoughtReasonLabels[r])]) },
      { key: 'Minimum data set without consent', value: c.minimumDataSetWithoutConsent ? 'Yes — basic details to identify a child and who works with them may be shared without consent' : 'No' },
      { key: 'Consent is not needed (the family is told) for', value: list(c.notRequiredFor.purposes.map((p) => purposeLabels[p])) },
      { key: 'Without consent, weigh up proportionality for', value: list(c.weighProportionalityFor.purposes.map((p) => purposeLabels[p])) },
      {
        key: 'Who is presumed able to consent',
        value:
          c.competence.presumedFromAge === null
            ? `No age presumption: ${c.competence.test}`
            : `Children of ${c.competence.presumedFromAge} or over are generally presumed competent. ${c.competence.test}`,
      },
      { key: 'Who may give consent', value: list(c.whoMayConsent) },
      { key: 'Where this comes from', value: c.clause },
    ].filter((row) => row.value !== 'None'),
    referrals: pack.mandatoryReferrals.map((r) => ({
      when: r.when === 'sexual_activity_under_13' ? 'A child under 13 is, or was, sexually active' : 'There is evidence or reasonable cause to suspect significant harm',
      to: r.to,
      within: durationText(r.within),
      clause: r.clause,
    })),
    lawfulBases: { items: pack.lawfulBases.preferred.map((b) => lawfulBasisLabels[b]), notes: pack.lawfulBases.notes, clause: pack.lawfulBases.clause },
    levels: pack.informationLevels.map((l) => ({ title: l.title, items: l.items, consent: l.explicitConsentRequired ? 'Explicit consent needed' : 'No explicit consent needed', clause: l.clause })),
    purposes: pack.purposes.map((p) => ({ label: purposeLabels[p.purpose], description: p.description, clause: p.clause })),
    roles: pack.roles,
    breach: {
      // The pack's own deadlines, each labelled with the action the seed names (e.g. Haringey 2006
      // s.6.1: 5 working days to report the breach to the other partner organisations); without them,
      // the common ones. A deadline the pack does not set is left out, never shown as "None".
      rows: [
        ...(pack.breach.deadlines?.length
          ? pack.breach.deadlines.map((d) => ({ key: d.action, value: `${d.who}: within ${durationText(d.within)} of ${clockStartWords[d.from]} (${d.clause})` }))
          : [
              { key: 'Report it inside your agency within', value: durationText(pack.breach.reportInternallyWithin) },
              ...(pack.breach.notifyOriginatorWithin ? [{ key: 'Tell the agency the information came from within', value: durationText(pack.breach.notifyOriginatorWithin) }] : []),
              ...(pack.breach.icoNotificationWithin ? [{ key: "Tell the Information Commissioner's Office (if reportable) within", value: durationText(pack.breach.icoNotificationWithin) }] : []),
            ]),
        { key: 'Who leads', value: pack.breach.lead },
        ...(pack.breach.notify.length ? [{ key: 'Who is told', value: list(pack.breach.notify) }] : []),
        { key: 'Where this comes from', value: pack.breach.clause },
      ],
      grades: pack.breach.severityGrades,
      steps: pack.breach.steps,
    },
    // The time each stage has as Concord applies it (its own, or the pack's stageDeadline), and what then happens.
    dispute: {
      stages: disputeRules(pack).stages.map((s) => ({
        ...s,
        within: `${durationText(s.within)}${s.onDeadline === 'escalate' ? ', then it escalates to the next stage' : ', then a reminder'}${s.withinSource === pack.dispute.clause ? '' : ` (${s.withinSource})`}`,
      })),
      register: pack.dispute.centralRegister,
      clause: pack.dispute.clause,
    },
    onward: [
      {
        key: 'Passing information on',
        value: pack.secondaryDisclosure.requiresOriginatorAgreement ? 'Only with the agreement of the agency it came from' : 'Follow your agency’s policy',
        clause: pack.secondaryDisclosure.clause,
      },
      {
        key: 'Inaccurate information',
        value: inaccuracyText(pack),
        clause: pack.accuracy.clause,
      },
      {
        key: 'Show where information came from',
        value: pack.accuracy.showOriginator ? 'Yes — your organisation, a contact and the date' : 'Follow your agency’s policy',
        clause: pack.accuracy.clause,
      },
      {
        key: 'Sending information',
        value: pack.dataResidency.secureEmailOnly
          ? `Only by secure or encrypted email${pack.dataResidency.initialsInEmail ? ', with initials rather than names in emails' : ''}`
          : 'Securely, following your agency’s policy',
        clause: pack.dataResidency.clause,
      },
      {
        key: 'A decision not to share',
        value: pack.recording.reasonsNotToShareGivenToRequester ? 'Give the agency that asked your record of the reasons' : 'Record it with your reasons',
        clause: pack.recording.clause,
      },
      { key: 'Figures about small groups', value: `Do not publish numbers of ${pack.aggregate.smallNumberThreshold} or fewer`, clause: pack.aggregate.clause },
      { key: 'Where information is kept', value: `${list(pack.dataResidency.storeIn)}. ${pack.dataResidency.transfersOutside}`, clause: pack.dataResidency.clause },
    ],
    retention: pack.retention.map((r) => ({ record: r.record, period: r.period ? durationText(r.period) : 'See note', note: r.note ?? '', clause: r.clause })),
    /** The retention schedule that drives disposal (pack `retentionSchedule`), in plain English. */
    retentionSchedule: pack.retentionSchedule ? scheduleRules(pack.retentionSchedule).map((r) => ({ record: RECORD_LABELS[r.record], rule: describeRetention(r), clause: r.clause })) : [],
    signatories: { ...pack.signatories, reaffirmation: pack.signatories.reaffirmation ? durationText(pack.signatories.reaffirmation) : null },
  };
}

/** What happens to a reported inaccuracy, with the clock the pack sets (domain correctionClock). */
function inaccuracyText(pack: Pack): string {
  const base = 'Report it in Concord to the agency it came from. That agency decides, and its correction reaches every agency that received the item.';
  const told = [
    ...(pack.accuracy.originatorCorrectsAndNotifiesRecipients ? ['that agency is reminded'] : []),
    ...(pack.accuracy.recipientReportsInaccuracy ? ['your agency is told, so that you can chase it'] : []),
  ];
  return told.length ? `${base} If it has not decided within ${durationText(CORRECTION_DECISION_WITHIN)}, ${told.join(' and ')}.` : base;
}
