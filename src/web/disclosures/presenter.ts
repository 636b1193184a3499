// Pure presenters for information sent between agencies: the disclosure form (reading it back into
// the use case's input, and its errors onto the fields), the lists, one disclosure for the
// recipient or the sender, the originator's page on onward sharing, and a reported inaccuracy.
import {
  type AgreementStatus,
  ATTACHMENT_TYPES,
  agreementStatusLabels,
  type CorrectionStatus,
  correctionStatusLabels,
  type DisclosureStatus,
  disclosureStatusLabels,
  type ItemKind,
  isSourceOf,
  itemKindLabels,
  MAX_ITEMS,
} from '../../domain/disclosures.ts';
import type { CorrectionView } from '../../use-cases/corrections/view-correction.ts';
import type { DisclosureListRow, Waiting } from '../../use-cases/disclosures/list-disclosures.ts';
import type { DisclosureView } from '../../use-cases/disclosures/open-disclosure.ts';
import type { DisclosureForm } from '../../use-cases/disclosures/prepare-disclosure.ts';
import type { DisclosureDraft } from '../../use-cases/kernel/sealed.ts';
import type { AgreementView } from '../../use-cases/onward-agreements/view-onward-agreement.ts';
import { formatDate, formatDateTime } from '../nunjucks.ts';
import { disclosureScopeText } from '../requests/presenter.ts';

type Body = Record<string, unknown> | undefined;
const text = (body: Body, name: string): string => {
  const v = body?.[name];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : '';
};
const texts = (body: Body, name: string): string[] => {
  const v = body?.[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
};

const tag = (labels: Record<string, { text: string; colour: string }>, key: string) => labels[key] ?? { text: key, colour: 'grey' };
export const disclosureStatusTag = (s: string) => tag(disclosureStatusLabels, s as DisclosureStatus);
export const kindText = (k: string) => itemKindLabels[k as ItemKind] ?? k;

/** "From Police, PC Penny, 3 March 2026": who first recorded an item, and when (Wirral 2022 s.6.1). */
export const originatorStamp = (o: { agencyName: string; userName: string; at: Date }) => `From ${o.agencyName}, ${o.userName}, ${formatDate(o.at)}`;
/** "Corrected on … by …" (Southampton 2010 s.9): shown with an item wherever it is held or passed on. */
export const correctedStamp = (c: { at: Date; byName: string | null; agencyName: string } | null) =>
  c ? `Corrected on ${formatDateTime(c.at)} by ${c.byName ? `${c.byName}, ` : ''}${c.agencyName}` : null;

/** "attachment; filename=…" for any file name, safely (RFC 6266, with an ASCII fallback). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const sentFlash = (expiresAt: Date) => `Information sent securely — it expires if not opened by ${formatDateTime(expiresAt)}.`;

// --- the form --------------------------------------------------------------------------------

export interface ItemRow {
  choice: string;
  value: string;
  kind: string;
}

export interface DisclosureFormValues {
  rows: ItemRow[];
  scope: string;
  sourceItemIds: string[];
  freeText: string;
}

const ROW_FIELD = /^item-(\d+)-(?:choice|value|kind)$/;

/** The form as posted: as many item blocks as it showed (at least one), the items kept in place so
 *  that errors land beside the fields typed into. */
export function readDisclosureValues(body: Body): DisclosureFormValues {
  const shown = Object.keys(body ?? {})
    .map((k) => ROW_FIELD.exec(k)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .filter((n) => n < MAX_ITEMS);
  const rows = Math.max(1, ...shown.map((n) => n + 1));
  return {
    rows: Array.from({ length: rows }, (_, i) => ({ choice: text(body, `item-${i}-choice`), value: text(body, `item-${i}-value`), kind: text(body, `item-${i}-kind`) })),
    scope: text(body, 'scope'),
    sourceItemIds: texts(body, 'sourceItemIds'),
    freeText: text(body, 'freeText'),
  };
}

/** The form as last saved (adding or removing an item saves it), or one empty item block. */
export const draftValues = (draft: DisclosureDraft | null): DisclosureFormValues =>
  draft?.rows.length ? { rows: draft.rows, scope: draft.scope, sourceItemIds: draft.sourceItemIds, freeText: draft.freeText } : readDisclosureValues({});

/** What a post of the send form asks for: another item block, removing one, or sending. */
export type SendFormAction = { kind: 'add' } | { kind: 'remove'; row: number } | { kind: 'keep' } | { kind: 'send' };
/** Which button sent the form. Enter in a field presses the form's first button, which is a hidden
 *  "keep" button: it keeps the draft and sends nothing (never "Remove", never "Send securely"). */
export function sendFormAction(body: Body): SendFormAction {
  if (text(body, 'keep')) return { kind: 'keep' };
  if (text(body, 'add')) return { kind: 'add' };
  const remove = text(body, 'remove');
  if (/^\d{1,2}$/.test(remove)) return { kind: 'remove', row: Number(remove) };
  return { kind: 'send' };
}

const emptyRow = (): ItemRow => ({ choice: '', value: '', kind: '' });

/** The form after the action: an empty block added at the end (at most MAX_ITEMS), or one removed
 *  (an empty block is left when the last goes), or kept as it is. `focus` is the block to show next. */
export function applySendFormAction(v: DisclosureFormValues, action: Exclude<SendFormAction, { kind: 'send' }>): { values: DisclosureFormValues; focus: number } {
  if (action.kind === 'keep') return { values: v, focus: 0 };
  if (action.kind === 'add') {
    const rows = v.rows.length < MAX_ITEMS ? [...v.rows, emptyRow()] : v.rows;
    return { values: { ...v, rows }, focus: rows.length - 1 };
  }
  const rows = v.rows.filter((_, i) => i !== action.row);
  return { values: { ...v, rows: rows.length ? rows : [emptyRow()] }, focus: Math.max(0, Math.min(action.row, rows.length) - 1) };
}

/** The form's values as a draft to keep. */
export const toDraft = (v: DisclosureFormValues): DisclosureDraft => ({ rows: v.rows, scope: v.scope, sourceItemIds: v.sourceItemIds, freeText: v.freeText });

/** The send-disclosure input from the form: empty rows left out, "level|label" split; `rowOf[n]`
 *  is the form row of the n-th item, to put its errors back beside it. */
export function disclosureInput(decisionId: string, v: DisclosureFormValues) {
  const items: { level: string | undefined; label: string | undefined; value: string; kind: string | undefined }[] = [];
  const rowOf: number[] = [];
  v.rows.forEach((r, i) => {
    if (!r.choice && !r.value.trim() && !r.kind) return;
    const bar = r.choice.indexOf('|');
    items.push({
      level: bar > 0 ? r.choice.slice(0, bar) : undefined,
      label: bar > 0 ? r.choice.slice(bar + 1) : undefined,
      value: r.value,
      kind: r.kind || undefined,
    });
    rowOf.push(i);
  });
  return {
    input: { decisionId, items, freeText: v.freeText, ...(v.scope ? { scope: v.scope } : {}), sourceItemIds: v.sourceItemIds },
    rowOf,
  };
}

/** The use case's errors on the form's fields (one message per field, the last one said), and an
 *  error about the decision itself as the page's problem. */
export function disclosureFormErrors(errors: readonly { path: string; message: string }[], rowOf: readonly number[]) {
  const byField = new Map<string, string>();
  let problem: string | undefined;
  for (const e of errors) {
    const parts = e.path.split('.');
    let id: string;
    if (e.path === 'decisionId') {
      problem = e.message;
      continue;
    } else if (parts[0] === 'items' && parts.length >= 3) {
      const row = rowOf[Number(parts[1])] ?? 0;
      id = `item-${row}-${parts[2] === 'value' ? 'value' : parts[2] === 'kind' ? 'kind' : 'choice'}`;
    } else if (parts[0] === 'items') id = 'item-0-choice';
    else if (parts[0] === 'attachments') id = 'attachments';
    else if (parts[0] === 'sourceItemIds') id = 'sourceItemIds';
    else id = parts[0]!;
    byField.set(id, e.message);
  }
  return { errors: [...byField].map(([path, message]) => ({ path, message })), problem };
}

export function disclosureFormView(form: DisclosureForm, values: DisclosureFormValues) {
  const decisionHref = `/decisions/${form.decisionId}`;
  const recorded = (key: string, value: string, what: string) => ({
    key: { text: key },
    value: { text: value },
    actions: { items: [{ href: decisionHref, text: 'Change', visuallyHiddenText: what }] },
  });
  return {
    decisionId: form.decisionId,
    decisionHref,
    /** What the decision recorded: shown with a way to change it (the decision's page: withdraw it
     *  and record a new one), not asked again. */
    recorded: [
      recorded('Sharing with', form.recipient.name || 'No agency named', 'who you are sharing with'),
      recorded('Information level', form.recorded.levelTitle ?? 'Figures that identify no one', 'the information level'),
      ...(form.recorded.informationShared ? [recorded('What you decided to share', form.recorded.informationShared, 'what you decided to share')] : []),
      ...(form.recorded.purposeDetail ? [recorded('Purpose', form.recorded.purposeDetail, 'the purpose')] : []),
      recorded('Decided', formatDateTime(form.recorded.decidedAt), 'the decision'),
    ],
    childId: form.childId,
    childName: form.childName,
    recipientName: form.recipient.name,
    necessaryPrompt: form.necessaryPrompt,
    clause: form.disclosureClause,
    /** Levels the decision does not cover (Haringey 2006 s.4.4), and the way to change the decision. */
    outside: form.outside,
    newDecisionHref: form.newDecisionHref,
    request: form.request ? { href: `/requests/${form.request.id}`, fromAgencyName: form.request.fromAgencyName, informationNeeded: form.request.informationNeeded } : null,
    scopes: form.request
      ? [
          { value: 'share_all', text: 'All of the information asked for', checked: values.scope === 'share_all' },
          { value: 'share_part', text: 'Part of the information asked for', hint: { text: 'Say in your message why you are not sharing the rest' }, checked: values.scope === 'share_part' },
        ]
      : null,
    sourceItems: form.source
      ? form.source.items.map((i) => ({
          value: i.id,
          text: `${i.label} (${kindText(i.kind).toLowerCase()})`,
          hint: {
            text: `${originatorStamp(i.originator)}${i.corrected ? `. ${correctedStamp(i.corrected)}` : ''}${i.value ? `: ${i.value}` : ''}${i.blocked ? `. Cannot be passed on under this decision: ${i.blocked}` : ''}`,
          },
          checked: !i.blocked && values.sourceItemIds.includes(i.id),
          disabled: i.blocked !== null,
        }))
      : null,
    sourceHref: form.source ? `/disclosures/${form.source.disclosureId}` : null,
    canAdd: values.rows.length < MAX_ITEMS,
    rows: values.rows.map((r, i) => ({
      index: i,
      number: i + 1,
      removable: values.rows.length > 1 || r.choice !== '' || r.value !== '' || r.kind !== '',
      groups: form.choices.map((g) => ({
        title: g.title,
        options: g.labels.map((l) => ({ value: `${g.level}|${l}`, text: l, selected: r.choice === `${g.level}|${l}` })),
      })),
      value: r.value,
      kinds: [
        { value: 'fact', text: 'Fact', checked: r.kind === 'fact' },
        { value: 'opinion', text: 'Opinion', checked: r.kind === 'opinion' },
      ],
    })),
    freeText: values.freeText,
    accept: Object.keys(ATTACHMENT_TYPES).join(','),
  };
}

// --- lists -----------------------------------------------------------------------------------

const waitingText: Record<Waiting['kind'], (w: Waiting) => string> = {
  agreement: (w) => `${w.agencyName} asks to share your agency’s information about ${w.childName} with another agency`,
  correction: (w) => `${w.agencyName} reports that your agency’s information about ${w.childName} is inaccurate`,
  acknowledgement: (w) => `${w.agencyName} has corrected information about ${w.childName}: acknowledge the correction`,
};
const waitingAction: Record<Waiting['kind'], string> = { agreement: 'Agree or refuse', correction: 'Decide', acknowledgement: 'View and acknowledge' };

export function disclosureListRow(d: DisclosureListRow, side: 'received' | 'sent') {
  return {
    href: `/disclosures/${d.id}`,
    childName: d.childName,
    agency: side === 'received' ? d.fromAgencyName : d.toAgencyName,
    sentAt: d.sentAt,
    status: disclosureStatusTag(d.status),
    openedAt: d.firstOpenedAt,
  };
}

export function presentDisclosureLists(l: { received: DisclosureListRow[]; sent: DisclosureListRow[]; waiting: Waiting[]; isLead: boolean }) {
  return {
    received: { caption: l.isLead ? 'Information your agency received' : 'Information received', rows: l.received.map((d) => disclosureListRow(d, 'received')) },
    sent: { caption: l.isLead ? 'Information your agency sent' : 'Information sent', rows: l.sent.map((d) => disclosureListRow(d, 'sent')) },
    waiting: l.waiting.map((w) => ({ text: waitingText[w.kind](w), action: waitingAction[w.kind], href: w.link, at: w.at })),
  };
}

// --- one disclosure ----------------------------------------------------------------------------

const sizeText = (bytes: number) => (bytes < 1024 ? `${bytes} bytes` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`);

type Correction = DisclosureView['items'][number]['corrections'][number];

function correctionView(c: Correction) {
  if (c.status === 'corrected') {
    return {
      id: c.id,
      kind: 'corrected' as const,
      correctedValue: c.correctedValue,
      note: c.note,
      decidedAt: c.decidedAt,
      acknowledgedAt: c.acknowledgedAt,
      href: c.reportedByMyAgency ? `/corrections/${c.id}` : null,
    };
  }
  if (c.status === 'rejected') return { id: c.id, kind: 'rejected' as const, note: c.note, decidedAt: c.decidedAt, href: `/corrections/${c.id}` };
  return { id: c.id, kind: 'reported' as const, href: `/corrections/${c.id}` };
}

export interface DisclosurePageState {
  form?: string;
  values?: Record<string, unknown>;
}

/** One disclosure. `agencies` are those the recipient may ask to share with; `levelTitles` name the
 *  pack's information levels. */
export function presentDisclosure(
  v: DisclosureView,
  me: { agencyId: string },
  agencies: readonly { id: string; name: string }[],
  levelTitles: Readonly<Record<string, string>>,
  state: DisclosurePageState = {},
) {
  const recipient = v.side === 'recipient';
  const values = (form: string) => (state.form === form ? (state.values ?? {}) : {});
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  const unavailable = v.available
    ? null
    : v.status === 'returned'
      ? `${recipient ? 'Your agency' : v.to.agencyName} returned this information and its copy was destroyed. An incident is open on the breach register.`
      : v.status === 'revoked'
        ? `${v.from.agencyName} recalled this information${v.revokedAt ? ` on ${formatDateTime(v.revokedAt)}` : ''}. It can no longer be read.`
        : `This information expired on ${formatDateTime(v.expiresAt)} because it was not opened in time. It can no longer be read.${recipient ? ` Ask ${v.from.agencyName} to send it again if you still need it.` : ''}`;
  const report = values('report');
  // Never offered as onward recipients: the agencies the information came from (its sender and its
  // items' originators already hold it; the use case refuses them too).
  const source = { fromAgencyId: v.from.agencyId, originatorAgencyIds: v.items.map((i) => i.originator.agencyId) };
  const onwardAgencies = agencies.filter((a) => !isSourceOf(a.id, source));
  const ask = values('agreement');
  const revoke = values('revoke');
  return {
    id: v.id,
    childId: v.childId,
    childName: v.childName,
    side: v.side,
    title: recipient ? `Information from ${v.from.agencyName}` : `Information sent to ${v.to.agencyName}`,
    status: disclosureStatusTag(v.status),
    summary: [
      row('From', `${v.from.userName}, ${v.from.agencyName}`),
      row('To', v.to.userName ? `${v.to.userName}, ${v.to.agencyName}` : v.to.agencyName),
      row('Sent', formatDateTime(v.sentAt)),
      row('What it is', disclosureScopeText[v.scope] ?? v.scope),
      ...(v.status === 'sent' ? [row('Expires if not opened by', formatDateTime(v.expiresAt))] : []),
      ...(v.firstOpenedAt ? [row('First opened', formatDateTime(v.firstOpenedAt))] : []),
    ],
    requestHref: v.requestId ? `/requests/${v.requestId}` : null,
    available: v.available,
    unavailable,
    items: v.items.map((i) => ({
      id: i.id,
      label: i.label,
      level: levelTitles[i.level] ?? i.level,
      kind: { text: kindText(i.kind), colour: i.kind === 'fact' ? 'blue' : 'purple' },
      value: i.value,
      stamp: originatorStamp(i.originator),
      corrected: correctedStamp(i.corrected),
      corrections: i.corrections.map(correctionView),
    })),
    freeText: v.freeText,
    attachments: v.attachments.map((a) => ({
      href: `/disclosures/${v.id}/attachments/${a.id}`,
      filename: a.filename,
      details: `${ATTACHMENT_TYPES[a.contentType] ?? a.contentType}, ${sizeText(a.size)}`,
    })),
    openings: v.openings.map((o) => ({ byName: o.byName, at: o.at })),
    can: v.can,
    /** The recipient may return or refuse information it still holds (src/web/breaches). */
    returnable: recipient && (v.status === 'sent' || v.status === 'opened'),
    report: v.can.reportInaccuracy
      ? {
          items: [
            { value: '', text: 'Select the item' },
            ...v.items
              .filter((i) => i.originator.agencyId !== me.agencyId)
              .map((i, n) => ({ value: i.id, text: `${n + 1}. ${i.label} (${i.originator.agencyName})`, selected: report.itemId === i.id })),
          ],
          description: typeof report.description === 'string' ? report.description : '',
        }
      : null,
    agreements: v.agreements.map((g) => ({
      originator: g.originatorAgencyName,
      to: g.toAgencyName,
      status: tag(agreementStatusLabels, g.status as AgreementStatus),
      purpose: g.purpose,
      // Agreed in part: which items may go, and why each other one may not.
      reasons: g.status === 'partly_agreed' ? null : g.reasons,
      items: g.status === 'partly_agreed' ? g.items.map((i) => ({ text: i.agreed ? `${i.label}: agreed` : `${i.label}: refused${i.reason ? ` – ${i.reason}` : ''}` })) : [],
      requestedAt: g.requestedAt,
      answeredAt: g.answeredAt,
    })),
    ask: v.can.passOn
      ? {
          agencies: [{ value: '', text: 'Select an agency' }, ...onwardAgencies.map((a) => ({ value: a.id, text: a.name, selected: ask.toAgencyId === a.id }))],
          purpose: typeof ask.purpose === 'string' ? ask.purpose : '',
        }
      : null,
    decideOnward: v.can.passOn && v.agreements.some((g) => g.status === 'agreed' || g.status === 'partly_agreed'),
    revokeReason: typeof revoke.reason === 'string' ? revoke.reason : '',
  };
}

// --- agreements and corrections -------------------------------------------------------------------

/** The originator's page: the request, then each of its items with its own answer (agree or refuse
 *  with a reason) while it waits, or the answers given. */
export function presentAgreement(a: AgreementView, values: Record<string, unknown> = {}) {
  const field = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  return {
    id: a.id,
    childName: a.childName,
    status: tag(agreementStatusLabels, a.status as AgreementStatus),
    summary: [
      { key: { text: 'Asked by' }, value: { text: `${a.requestedBy.name}, ${a.requestedBy.agencyName}` } },
      { key: { text: 'Asked on' }, value: { text: formatDateTime(a.requestedBy.at) } },
      { key: { text: 'To share with' }, value: { text: a.toAgencyName } },
      { key: { text: 'Why' }, value: { text: a.purpose } },
      ...(a.answeredAt ? [{ key: { text: 'Answered' }, value: { text: formatDateTime(a.answeredAt) } }] : []),
      ...(a.reasons && a.status === 'refused' ? [{ key: { text: 'Reasons' }, value: { text: a.reasons } }] : []),
    ],
    requestedBy: a.requestedBy,
    toAgencyName: a.toAgencyName,
    originatorAgencyName: a.originatorAgencyName,
    items: a.items.map((i, n) => ({
      id: i.id,
      number: n + 1,
      label: i.label,
      kind: { text: kindText(i.kind), colour: i.kind === 'fact' ? 'blue' : 'purple' },
      value: i.value ?? 'No longer available',
      originatedAt: i.originatedAt,
      answer: i.agreed === null ? null : i.agreed ? { text: 'Agreed', colour: 'green' } : { text: 'Refused', colour: 'red' },
      reason: i.reason,
      answers: [
        { value: 'agree', text: `Yes, ${a.toAgencyName} may be given this item`, checked: field(`item-${i.id}-answer`) === 'agree' },
        { value: 'refuse', text: 'No, I refuse', checked: field(`item-${i.id}-answer`) === 'refuse', reasonValue: field(`item-${i.id}-reason`) },
      ],
    })),
    canAnswer: a.canAnswer,
  };
}

/** The answer to each item from the originator's form (`item-<id>-answer`, `item-<id>-reason`). */
export function agreementAnswers(body: Body, items: readonly { id: string }[]) {
  return items.map((i) => ({ itemId: i.id, answer: text(body, `item-${i.id}-answer`) || undefined, reason: text(body, `item-${i.id}-reason`) }));
}

/** The use case's errors on the agreement form's fields: an item's answer or reason beside it. */
export const agreementFormErrors = (errors: readonly { path: string; message: string }[]) =>
  errors.map((e) => {
    const m = /^items\.([^.]+)\.(answer|reason)$/.exec(e.path);
    return m ? { path: `item-${m[1]}-${m[2]}`, message: e.message } : e;
  });

export function presentCorrection(c: CorrectionView, values: Record<string, unknown> = {}) {
  return {
    id: c.id,
    childName: c.childName,
    status: tag(correctionStatusLabels, c.status as CorrectionStatus),
    summary: [
      { key: { text: 'Item' }, value: { text: `${c.label} (${kindText(c.kind).toLowerCase()})` } },
      { key: { text: 'Originator' }, value: { text: c.originatorAgencyName } },
      ...(c.originalValue !== null ? [{ key: { text: 'As your agency recorded it' }, value: { text: c.originalValue } }] : []),
      { key: { text: 'Reported by' }, value: { text: `${c.reportedBy.name}, ${c.reportedBy.agencyName}, ${formatDateTime(c.reportedBy.at)}` } },
      { key: { text: 'What they say is inaccurate' }, value: { text: c.description } },
      ...(c.clock
        ? [
            {
              key: { text: 'Decision expected by' },
              value: { text: `${formatDateTime(c.clock.dueAt)}${c.clock.reminded ? ' (overdue: reminders sent)' : ''}. ${c.clock.clause}` },
            },
          ]
        : []),
    ],
    outcome:
      c.status === 'reported'
        ? null
        : [
            ...(c.decidedAt ? [{ key: { text: 'Decided' }, value: { text: formatDateTime(c.decidedAt) } }] : []),
            ...(c.correctedValue ? [{ key: { text: 'Corrected information' }, value: { text: c.correctedValue } }] : []),
            ...(c.decisionNote ? [{ key: { text: c.status === 'rejected' ? 'Why it is accurate' : 'Note' }, value: { text: c.decisionNote } }] : []),
          ],
    deliveries: c.deliveries.map((d) => ({
      agencyName: d.agencyName,
      deliveredAt: d.deliveredAt,
      acknowledged: d.acknowledgedAt ? `${formatDateTime(d.acknowledgedAt)}${d.acknowledgedByName ? ` by ${d.acknowledgedByName}` : ''}` : null,
    })),
    canDecide: c.canDecide,
    decisions: [
      { value: 'correct', text: 'Correct it', checked: values.decision === 'correct' },
      { value: 'reject', text: 'Keep it as it is: it is accurate', checked: values.decision === 'reject' },
    ],
    correctedValue: typeof values.correctedValue === 'string' ? values.correctedValue : '',
    note: typeof values.note === 'string' ? values.note : '',
  };
}
