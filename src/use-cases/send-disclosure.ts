// Send information securely to another agency, authorised by a recorded decision to share with
// that agency: in answer to a request (all or part of it), proactively, or onward (received items
// passed on with their originators' agreement). Items are structured by the protocol's information
// levels and marked fact or opinion; each is stamped with its originator (Wirral 2022 s.6.1). The
// payload and attachments are encrypted under the disclosure's own data key. The disclosure, its
// items, the request's answer, the audit event and the notifications commit together.
import { randomUUID } from 'node:crypto';
import { disclosureItems } from '../db/queries/disclosures.ts';
import { checkDisclosureContent, disclosureInputSchema, type AttachmentInput } from '../domain/disclosures.ts';
import { deadline } from '../domain/clocks.ts';
import { canRespond, requestRules } from '../domain/requests.ts';
import { canOpenDisclosure } from '../domain/disclosures.ts';
import type { Actor } from '../domain/staff.ts';
import { auditActor } from './shared/actor.ts';
import { appendAudit } from './shared/audit.ts';
import { isUuid, visibleChildOrAuditDenial } from './shared/child-access.ts';
import { onwardBlockers } from './shared/decision-links.ts';
import type { Deps } from './shared/deps.ts';
import { attachmentContext, disclosureContext, partiesOf, readPayload, type DisclosurePayload } from './shared/disclosures.ts';
import { notify } from './shared/notify.ts';
import { conflict, fieldErrors, invalid, ok, type FieldError, type Outcome } from './shared/outcome.ts';
import { activeAgency } from './shared/partnership.ts';
import { addRequestEvent, moveRequest } from './shared/requests.ts';
import { encryptBytes, encryptJson, newDataKey } from './shared/sealing.ts';
import { findDisclosure } from '../db/queries/disclosures.ts';

export interface SentDisclosure {
  disclosureId: string;
  expiresAt: Date;
}

export async function sendDisclosure(deps: Deps, actor: Actor, input: unknown, attachments: readonly AttachmentInput[] = []): Promise<Outcome<SentDisclosure>> {
  const parsed = disclosureInputSchema.safeParse(input ?? {});
  if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
  const d = parsed.data;
  return deps.db.transaction().execute(async (trx) => {
    const decision = isUuid(d.decisionId)
      ? await trx
          .selectFrom('decision')
          .select(['id', 'child_id', 'agency_id', 'decided_by', 'action', 'recipient_agency_id', 'request_id', 'source_disclosure_id', 'onward_agreement_ids', 'pack'])
          .where('partnership_id', '=', actor.partnershipId)
          .where('id', '=', d.decisionId)
          .executeTakeFirst()
      : undefined;
    if (!decision || decision.agency_id !== actor.agencyId || decision.decided_by !== actor.userId) {
      return invalid([{ path: 'decisionId', message: 'Record your decision to share before sending information' }]);
    }
    const child = await visibleChildOrAuditDenial(trx, actor, decision.child_id, 'disclosure.sent');
    if (!child) return invalid([{ path: 'decisionId', message: 'Record your decision to share before sending information' }]);
    if (decision.action !== 'shared') return invalid([{ path: 'decisionId', message: 'The decision recorded was not to share: nothing can be sent under it' }]);
    if (!decision.recipient_agency_id) return invalid([{ path: 'decisionId', message: 'The decision names a recipient outside the partnership: Concord sends information only to partner agencies' }]);
    const to = await activeAgency(trx, actor.partnershipId, decision.recipient_agency_id);
    if (!to) {
      return invalid([{ path: 'decisionId', message: 'The recipient is no longer a current party to the partnership’s information sharing agreement, so information cannot be sent to it' }]);
    }
    const already = await trx.selectFrom('disclosure').select('id').where('partnership_id', '=', actor.partnershipId).where('decision_id', '=', decision.id).executeTakeFirst();
    if (already) return conflict('Information has already been sent under this decision. Record a new decision to send more.');

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
    if (decision.request_id) {
      request = await trx
        .selectFrom('info_request')
        .select(['id', 'status', 'from_user_id', 'from_agency_id', 'to_agency_id', 'allocated_to', 'partnership_id'])
        .where('partnership_id', '=', actor.partnershipId)
        .where('id', '=', decision.request_id)
        .forUpdate()
        .executeTakeFirstOrThrow()
        .then((r) => {
          if (!canRespond(actor, { fromAgencyId: r.from_agency_id, fromUserId: r.from_user_id, toAgencyId: r.to_agency_id, allocatedTo: r.allocated_to })) return undefined;
          return r;
        });
      if (!request) return invalid([{ path: 'decisionId', message: 'You can no longer answer the request this decision is about' }]);
      if (request.status !== 'allocated') return conflict('The request this decision answers is no longer waiting for an answer.');
      if (!d.scope) errors.push({ path: 'scope', message: 'Select whether you are sharing all or part of what was asked for' });
      scope = d.scope ?? 'share_all';
      toUserId = request.from_user_id;
    } else if (d.scope) {
      errors.push({ path: 'scope', message: 'Only an answer to a request shares all or part of what was asked for' });
    }
    if (decision.source_disclosure_id) {
      scope = 'onward';
      const source = await findDisclosure(trx, actor.partnershipId, decision.source_disclosure_id);
      if (!source || !canOpenDisclosure(actor, partiesOf(source))) return invalid([{ path: 'decisionId', message: 'You can no longer open the information this decision is about' }]);
      const items = await disclosureItems(trx, actor.partnershipId, source.id);
      const unknown = d.sourceItemIds.filter((s) => !items.some((i) => i.id === s));
      if (unknown.length) errors.push({ path: 'sourceItemIds', message: 'Select items from the information you received' });
      else if (!d.sourceItemIds.length) errors.push({ path: 'sourceItemIds', message: 'Select the received items you are passing on' });
      else {
        const blockers = await onwardBlockers(trx, actor, source.id, to.id, d.sourceItemIds);
        if (blockers.missing.length) errors.push({ path: 'sourceItemIds', message: `${blockers.missing.join(' and ')} ${blockers.missing.length > 1 ? 'have' : 'has'} not agreed to this information being shared with ${to.name}` });
        const payload = readPayload(deps.keyring, source);
        if (!payload) return conflict('The information you received has been withdrawn and cannot be passed on.');
        for (const s of d.sourceItemIds) copied.push({ row: items.find((i) => i.id === s)!, value: payload.items.find((p) => p.id === s)?.value ?? '' });
      }
    } else if (d.sourceItemIds.length) {
      errors.push({ path: 'sourceItemIds', message: 'Only a decision about passing received information on can include received items' });
    }
    if (errors.length) return invalid(errors);

    // Encrypt: one data key for the payload and every attachment, bound to this disclosure.
    const dk = newDataKey(deps.keyring, disclosureContext(id));
    // Provenance: a copied item keeps its originator; a new item's originator is the sender.
    const itemRows = [
      ...copied.map(({ row: o, value }) => ({
        id: randomUUID(),
        value,
        origin: { origin_item_id: o.origin_item_id, origin_disclosure_id: o.origin_disclosure_id, originator_agency_id: o.originator_agency_id, originator_user_id: o.originator_user_id, originated_at: o.originated_at, level: o.level, label: o.label, kind: o.kind },
      })),
      ...d.items.map((i) => {
        const itemId = randomUUID();
        return {
          id: itemId,
          value: i.value,
          origin: { origin_item_id: itemId, origin_disclosure_id: id, originator_agency_id: actor.agencyId, originator_user_id: actor.userId, originated_at: now, level: i.level, label: i.label, kind: i.kind },
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
    await trx
      .insertInto('disclosure')
      .values({
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
        onward_agreement_ids: decision.onward_agreement_ids,
        pack: decision.pack,
        scope,
        status: 'sent',
        sent_at: now,
        expires_at: expiresAt,
        key_id: dk.kid,
        wrapped_key: dk.wrapped,
        payload: JSON.stringify(encryptJson(dk.key, payload, disclosureContext(id))),
        correlation_id: actor.correlationId,
      })
      .execute();
    if (itemRows.length) {
      await trx
        .insertInto('disclosure_item')
        .values(itemRows.map((i, position) => ({ partnership_id: actor.partnershipId, disclosure_id: id, id: i.id, position, ...i.origin })))
        .execute();
    }
    if (attachmentRows.length) {
      await trx
        .insertInto('disclosure_attachment')
        .values(
          attachmentRows.map(({ id: aid, a }, position) => ({
            partnership_id: actor.partnershipId,
            disclosure_id: id,
            id: aid,
            position,
            size_bytes: a.content.length,
            content: encryptBytes(dk.key, a.content, attachmentContext(id, aid)),
          })),
        )
        .execute();
    }
    if (request) {
      await moveRequest(deps, trx, request, 'answer', { response: scope, response_decision_id: decision.id });
      await addRequestEvent(deps, trx, actor, request.id, 'answer', { details: { response: scope, disclosureId: id, decisionId: decision.id } });
      await appendAudit(trx, auditActor(actor), { action: 'request.answered', subjectType: 'request', subjectId: request.id, childId: decision.child_id, details: { response: scope, disclosureId: id, decisionId: decision.id } });
    }
    await appendAudit(trx, auditActor(actor), {
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
        onwardAgreementIds: decision.onward_agreement_ids,
        keyId: dk.kid,
        expiresAt: expiresAt.toISOString(),
      },
    });
    if (request) await notify(trx, now, actor.partnershipId, 'request.answered', `/requests/${request.id}`, { userIds: [request.from_user_id] }, actor.userId);
    else await notify(trx, now, actor.partnershipId, 'disclosure.received', `/disclosures/${id}`, { agency: { agencyId: to.id, roles: ['spoc', 'designated_safeguarding_lead'] } }, actor.userId);
    return ok({ disclosureId: id, expiresAt });
  });
}
