// Send information securely to another agency, authorised by a recorded decision to share with
// that agency: in answer to a request (all or part of it), proactively, or onward (received items
// passed on with their originators' agreement, item by item, never to an agency they came from).
// Items are structured by the protocol's information
// levels and marked fact or opinion; each is stamped with its originator (Wirral 2022 s.6.1). The
// payload and attachments are encrypted under the disclosure's own data key. The disclosure, its
// items, the request's answer, the audit event and the notifications commit together; the send
// form's draft under the decision is then discarded.
import { randomUUID } from 'node:crypto';
import { deleteDisclosureDraft, disclosureItems, insertDisclosure, isDuplicateDisclosure, sendContext } from '../../db/queries/disclosures.ts';
import { lockRequestForAnswer } from '../../db/queries/requests.ts';
import { deadline } from '../../domain/clocks.ts';
import {
  type AttachmentInput,
  canOpenDisclosure,
  checkDisclosureContent,
  disclosureInputSchema,
  isSourceOf,
  itemBlocker,
  SOURCE_RECIPIENT_MESSAGE,
  sendBlockers,
  sendBlockerText,
} from '../../domain/disclosures.ts';
import { canRespond, requestRules } from '../../domain/requests.ts';
import { type Actor, AGENCY_LEAD_ROLES } from '../../domain/staff.ts';
import { auditActor, scopeOf } from '../kernel/actor.ts';
import { auditValues } from '../kernel/audit.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { DISCLOSURE, isUuid, reachChild } from '../kernel/gateway.ts';
import { withNotifications } from '../kernel/notify.ts';
import { onwardBlockers } from '../kernel/onward-sharing.ts';
import { conflict, type FieldError, fieldErrors, invalid, type Outcome, ok } from '../kernel/outcome.ts';
import { addRequestEvent, moveRequest } from '../kernel/requests.ts';
import { type DisclosurePayload, newDisclosureKey, sealAttachment, sealDisclosurePayload, unsealDisclosurePayload } from '../kernel/sealed.ts';
import { sendingDecision } from '../kernel/sending.ts';
import { currentValue, currentVersions } from './_current-items.ts';

export interface SentDisclosure {
  disclosureId: string;
  expiresAt: Date;
}

export async function sendDisclosure(deps: Deps, actor: Actor, input: unknown, attachments: readonly AttachmentInput[] = []): Promise<Outcome<SentDisclosure>> {
  const parsed = disclosureInputSchema.safeParse(input ?? {});
  if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
  const d = parsed.data;
  // One read for every check on the decision: its owner, the child's visibility, the recipient, and
  // whether anything was sent under it already (ADR 0014: one round trip, not four). Nothing is
  // locked: what the send rules read of a decision changes only towards sending (an approval) or
  // away from it before anything is sent (a withdrawal, ADR 0030), and the unique index on
  // disclosure.decision_id is what finally keeps it to one disclosure per decision.
  const decision = isUuid(d.decisionId) ? await sendContext(deps.db, scopeOf(actor), d.decisionId) : undefined;
  const sending = decision ? sendingDecision(decision, deps.packs, deps.now()) : undefined;
  const blockers = sending ? sendBlockers(actor, sending) : [];
  if (!decision || blockers.includes('not_decider')) return invalid([{ path: 'decisionId', message: sendBlockerText.not_decider }]);
  if (!decision.child_visible) {
    // Not visible now: the same check again, auditing the refused attempt.
    const child = await deps.db.transaction().execute((trx) => reachChild(trx, actor, decision.child_id, 'disclosure.sent'));
    if (!child) return invalid([{ path: 'decisionId', message: sendBlockerText.not_decider }]);
  }
  const blocker = blockers[0];
  if (blocker === 'already_sent') return conflict(sendBlockerText.already_sent);
  if (blocker || !sending) return invalid([{ path: 'decisionId', message: sendBlockerText[blocker ?? 'not_decider'] }]);
  // No blocker: the recipient is a current party to the partnership.
  const to = { id: decision.recipient_agency_id!, name: decision.recipient_name! };

  // Answering a request locks it and moves it on, and passing information on reads what was
  // received: those run in a transaction. A plain disclosure is one statement (the disclosure, its
  // items, the audit event and the notifications together), which commits on its own: outside a
  // transaction, only that one write below runs.
  const inTransaction = decision.request_id !== null || decision.source_disclosure_id !== null;
  const run = <T>(fn: (trx: Tx) => Promise<T>): Promise<T> => (inTransaction ? deps.db.transaction().execute(fn) : fn(deps.db as Tx));
  return run(async (trx) => {
    const errors: FieldError[] = [];
    const pack = deps.packs.get(decision.pack)!;
    errors.push(...checkDisclosureContent(pack, d, attachments));
    const now = deps.now();
    const id = randomUUID();

    // What kind of disclosure this is follows from the decision's links.
    let scope: 'share_all' | 'share_part' | 'proactive' | 'onward' = 'proactive';
    let toUserId: string | null = null;
    let request: { id: string; status: string; from_user_id: string; partnership_id: string } | undefined;
    const copied: { row: Awaited<ReturnType<typeof disclosureItems>>[number]; value: string }[] = [];
    // The agreements that let the chosen items go on (item by item, as they stand when sending).
    let onwardAgreementIds = decision.onward_agreement_ids;
    if (decision.request_id) {
      request = await lockRequestForAnswer(trx, actor.partnershipId, decision.request_id).then((r) => {
        if (!canRespond(actor, { fromAgencyId: r.from_agency_id, fromUserId: r.from_user_id, toAgencyId: r.to_agency_id, allocatedTo: r.allocated_to })) return undefined;
        return r;
      });
      if (!request) return invalid([{ path: 'decisionId', message: 'You can no longer answer the request this decision is about' }]);
      if (request.status !== 'allocated') return conflict(sendBlockerText.request_closed);
      if (!d.scope) errors.push({ path: 'scope', message: 'Select whether you are sharing all or part of what was asked for' });
      scope = d.scope ?? 'share_all';
      toUserId = request.from_user_id;
    } else if (d.scope) {
      errors.push({ path: 'scope', message: 'Only an answer to a request shares all or part of what was asked for' });
    }
    if (decision.source_disclosure_id) {
      scope = 'onward';
      const source = await DISCLOSURE.load(trx, actor, decision.source_disclosure_id);
      if (!source || !canOpenDisclosure(actor, source.parties)) return invalid([{ path: 'decisionId', message: 'You can no longer open the information this decision is about' }]);
      const items = await disclosureItems(trx, actor.partnershipId, source.id);
      if (isSourceOf(to.id, { fromAgencyId: source.from_agency_id, originatorAgencyIds: items.map((i) => i.originator_agency_id) }))
        return invalid([{ path: 'decisionId', message: `${SOURCE_RECIPIENT_MESSAGE}. Nothing can be sent under this decision.` }]);
      const unknown = d.sourceItemIds.filter((s) => !items.some((i) => i.id === s));
      if (unknown.length) errors.push({ path: 'sourceItemIds', message: 'Select items from the information you received' });
      else if (!d.sourceItemIds.length) errors.push({ path: 'sourceItemIds', message: 'Select the received items you are passing on' });
      else {
        const blockers = await onwardBlockers(trx, actor, source.id, to.id, d.sourceItemIds);
        onwardAgreementIds = blockers.agreementIds;
        if (blockers.missing.length)
          errors.push({
            path: 'sourceItemIds',
            message: `${blockers.missing.join(' and ')} ${blockers.missing.length > 1 ? 'have' : 'has'} not agreed to ${blockers.waiting.length > 1 ? 'these items' : 'this item'} being shared with ${to.name}: select only the items agreed`,
          });
        const payload = unsealDisclosurePayload(deps.keyring, source);
        if (!payload) return conflict('The information you received has been withdrawn and cannot be passed on.');
        // Each item goes on in its current version: as its originator last corrected it (Southampton 2010 s.9).
        const versions = await currentVersions(
          deps,
          trx,
          actor.partnershipId,
          items.filter((i) => d.sourceItemIds.includes(i.id)).map((i) => i.origin_item_id),
        );
        for (const s of d.sourceItemIds) {
          const row = items.find((i) => i.id === s)!;
          copied.push({ row, value: currentValue(payload.items.find((p) => p.id === s)?.value ?? '', versions.get(row.origin_item_id)) ?? '' });
        }
      }
    } else if (d.sourceItemIds.length) {
      errors.push({ path: 'sourceItemIds', message: 'Only a decision about passing received information on can include received items' });
    }
    // What is sent stays within what was decided (Haringey 2006 s.4.4): each item's level, and the
    // explicit consent the pack needs for it (domain/disclosures.ts itemBlocker, as sendBlockers).
    d.items.forEach((item, i) => {
      const b = itemBlocker(sending, item.level);
      if (b) errors.push({ path: `items.${i}.level`, message: `Item ${i + 1}: ${sendBlockerText[b]}` });
    });
    const blockedCopies = copied.filter((c) => itemBlocker(sending, c.row.level));
    if (blockedCopies.length)
      errors.push({ path: 'sourceItemIds', message: `${blockedCopies.map((c) => c.row.label).join('; ')}: ${sendBlockerText[itemBlocker(sending, blockedCopies[0]!.row.level)!]}` });
    if (errors.length) return invalid(errors);

    // Encrypt: one data key for the payload and every attachment, bound to this disclosure.
    const dk = newDisclosureKey(deps.keyring, id);
    // Provenance: a copied item keeps its originator; a new item's originator is the sender.
    const itemRows = [
      ...copied.map(({ row: o, value }) => ({
        id: randomUUID(),
        value,
        origin: {
          origin_item_id: o.origin_item_id,
          origin_disclosure_id: o.origin_disclosure_id,
          originator_agency_id: o.originator_agency_id,
          originator_user_id: o.originator_user_id,
          originated_at: o.originated_at,
          level: o.level,
          label: o.label,
          kind: o.kind,
        },
      })),
      ...d.items.map((i) => {
        const itemId = randomUUID();
        return {
          id: itemId,
          value: i.value,
          origin: {
            origin_item_id: itemId,
            origin_disclosure_id: id,
            originator_agency_id: actor.agencyId,
            originator_user_id: actor.userId,
            originated_at: now,
            level: i.level,
            label: i.label,
            kind: i.kind,
          },
        };
      }),
    ];
    const attachmentRows = attachments.map((a) => ({ id: randomUUID(), a }));
    const payload: DisclosurePayload = {
      items: itemRows.map((i) => ({ id: i.id, value: i.value })),
      freeText: d.freeText,
      attachments: attachmentRows.map(({ id: aid, a }) => ({ id: aid, filename: a.filename, contentType: a.contentType, size: a.content.length })),
    };
    const expiresAt = deadline(now, requestRules(pack).expireUnopenedAfter);
    if (request) {
      await moveRequest(deps, trx, request, 'answer', { response: scope, response_decision_id: decision.id });
      await addRequestEvent(deps, trx, actor, request.id, 'answer', { details: { response: scope, disclosureId: id, decisionId: decision.id } });
    }
    const answered = request
      ? [{ action: 'request.answered', subjectType: 'request', subjectId: request.id, childId: decision.child_id, details: { response: scope, disclosureId: id, decisionId: decision.id } }]
      : [];
    // One statement writes the disclosure, its items and attachments, the audit events and the
    // notifications (ADR 0014).
    const notifying = request
      ? withNotifications(trx, now, actor.partnershipId, 'request.answered', `/requests/${request.id}`, { userIds: [request.from_user_id] }, actor.userId)
      : withNotifications(trx, now, actor.partnershipId, 'disclosure.received', `/disclosures/${id}`, { agency: { agencyId: to.id, roles: AGENCY_LEAD_ROLES } }, actor.userId);
    await insertDisclosure(notifying, {
      disclosure: {
        partnership_id: actor.partnershipId,
        id,
        child_id: decision.child_id,
        from_agency_id: actor.agencyId,
        from_user_id: actor.userId,
        to_agency_id: to.id,
        to_user_id: toUserId,
        request_id: decision.request_id,
        decision_id: decision.id,
        source_disclosure_id: decision.source_disclosure_id,
        onward_agreement_ids: onwardAgreementIds,
        pack: decision.pack,
        scope,
        status: 'sent',
        sent_at: now,
        expires_at: expiresAt,
        key_id: dk.kid,
        wrapped_key: dk.wrapped,
        payload: JSON.stringify(sealDisclosurePayload(dk.key, id, payload)),
        correlation_id: actor.correlationId,
      },
      items: itemRows.map((i, position) => ({ partnership_id: actor.partnershipId, disclosure_id: id, id: i.id, position, ...i.origin })),
      attachments: attachmentRows.map(({ id: aid, a }, position) => ({
        partnership_id: actor.partnershipId,
        disclosure_id: id,
        id: aid,
        position,
        size_bytes: a.content.length,
        content: sealAttachment(dk.key, id, aid, a.content),
      })),
      audit: [
        ...answered,
        {
          action: 'disclosure.sent',
          subjectType: 'disclosure',
          subjectId: id,
          childId: decision.child_id,
          details: {
            toAgencyId: to.id,
            decisionId: decision.id,
            requestId: decision.request_id,
            scope,
            items: itemRows.length,
            levels: [...new Set([...copied.map((c) => c.row.level), ...d.items.map((i) => i.level)])],
            attachments: attachments.length,
            sourceDisclosureId: decision.source_disclosure_id,
            onwardAgreementIds,
            keyId: dk.kid,
            expiresAt: expiresAt.toISOString(),
          },
        },
      ].map((e) => auditValues(auditActor(actor), e)),
    });
    await deleteDisclosureDraft(trx, actor.partnershipId, decision.id);
    return ok({ disclosureId: id, expiresAt });
  }).catch((e: unknown): Outcome<SentDisclosure> => {
    // Sent under this decision at the same moment by another request: the unique index refused this one.
    if (isDuplicateDisclosure(e)) return conflict(sendBlockerText.already_sent);
    throw e;
  });
}
