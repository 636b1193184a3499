// Open a disclosure. For authorised staff of the addressed agency this is the opening: decrypted,
// recorded as a read receipt the sender sees, audited. For the sending side it shows what was sent
// and who has opened it. Anyone else: "not found" (the attempt audited). Revoked or expired
// information cannot be opened; its payload has been shredded.
import { recordInvolvement } from '../../db/queries/children.ts';
import { itemCorrections } from '../../db/queries/corrections.ts';
import { disclosureItems, disclosureOpenings, markFirstOpened, recordOpening } from '../../db/queries/disclosures.ts';
import { agreementItemAnswers, agreementsAbout } from '../../db/queries/onward-agreements.ts';
import { canOpenDisclosure, contentReadable, type DisclosureStatus, disclosureStatusAt, disclosureTransition, isSenderSide } from '../../domain/disclosures.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor, scopeOf } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { DISCLOSURE, reach } from '../kernel/gateway.ts';
import { notify, readNotificationsAbout } from '../kernel/notify.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { unsealAs, unsealDisclosurePayload } from '../kernel/sealed.ts';
import { type Correction, correctionStamp, currentValue, currentVersions } from './_current-items.ts';

export interface DisclosureItemView {
  id: string;
  originItemId: string;
  level: string;
  label: string;
  kind: string;
  /** The item's current version: as its originator last corrected it, else as it was sent. */
  value: string | null;
  /** When, and by whom, the value shown was corrected (Southampton 2010 s.9): every holder sees it. */
  corrected: { at: Date; byName: string | null; agencyName: string } | null;
  originator: { agencyId: string; agencyName: string; userName: string; at: Date };
  /** Corrections of this item: the corrected value reaches every recipient. */
  corrections: { id: string; status: string; correctedValue: string | null; note: string | null; decidedAt: Date | null; acknowledgedAt: Date | null; reportedByMyAgency: boolean }[];
}

export interface DisclosureView {
  id: string;
  childId: string;
  childName: string;
  side: 'recipient' | 'sender';
  from: { agencyId: string; agencyName: string; userName: string };
  to: { agencyId: string; agencyName: string; userName: string | null };
  requestId: string | null;
  decisionId: string;
  sourceDisclosureId: string | null;
  pack: string;
  scope: string;
  status: DisclosureStatus;
  sentAt: Date;
  expiresAt: Date;
  firstOpenedAt: Date | null;
  revokedAt: Date | null;
  /** Whether the content could be shown (not revoked, expired or shredded). */
  available: boolean;
  items: DisclosureItemView[];
  freeText: string | null;
  attachments: { id: string; filename: string; contentType: string; size: number }[];
  openings: { at: Date; byName: string }[];
  agreements: {
    id: string;
    status: string;
    originatorAgencyName: string;
    toAgencyName: string;
    toAgencyId: string;
    requestedAt: Date;
    answeredAt: Date | null;
    purpose: string;
    reasons: string | null;
    /** The originator's answer for each of its items (agreed, or refused with a reason), once answered. */
    items: { itemId: string; label: string; agreed: boolean; reason: string | null }[];
  }[];
  can: { revoke: boolean; passOn: boolean; reportInaccuracy: boolean };
}

async function corrections(deps: Deps, trx: Tx, actor: Actor, disclosureId: string, originItemIds: string[]) {
  if (!originItemIds.length) return [];
  const rows = await itemCorrections(trx, scopeOf(actor), disclosureId, originItemIds);
  // A recipient sees corrections delivered to it, and the reports its own agency made.
  return rows
    .filter((r) => r.delivered_at || r.reporting_agency_id === actor.agencyId)
    .map((r) => {
      const sealed = unsealAs(deps.keyring, 'correction', r.id, r.sealed);
      return {
        originItemId: r.origin_item_id,
        id: r.id,
        status: r.status,
        correctedValue: r.status === 'corrected' ? sealed.correctedValue : null,
        note: r.status === 'reported' ? null : sealed.decisionNote,
        decidedAt: r.decided_at,
        acknowledgedAt: r.acknowledged_at,
        reportedByMyAgency: r.reporting_agency_id === actor.agencyId,
      };
    });
}

export async function openDisclosure(deps: Deps, actor: Actor, disclosureId: string): Promise<Outcome<DisclosureView>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await reach(trx, actor, DISCLOSURE, disclosureId, 'disclosure.opened', (r) => canOpenDisclosure(actor, r.parties) || isSenderSide(actor, r.parties));
    if (!row) return notFound;
    const now = deps.now();
    const recipient = canOpenDisclosure(actor, row.parties);
    // Unopened information past its expiry time reads as expired, even before the expiry job runs.
    let status: DisclosureStatus = disclosureStatusAt({ status: row.status, expiresAt: row.expires_at }, now);
    const payload = contentReadable(status) ? unsealDisclosurePayload(deps.keyring, row) : undefined;
    let firstOpenedAt = row.first_opened_at;
    if (recipient && payload) {
      status = disclosureTransition(status, 'open')!;
      await recordOpening(trx, actor.partnershipId, row.id, actor.userId, now);
      if (!firstOpenedAt) {
        firstOpenedAt = now;
        await markFirstOpened(trx, actor.partnershipId, row.id, now);
        await notify(trx, now, actor.partnershipId, 'disclosure.opened', `/disclosures/${row.id}`, { userIds: [row.from_user_id] }, actor.userId);
        // The agency now holds information about the child: it is involved, so it can see the
        // child's chronology and record its own decisions (e.g. about passing the information on).
        if (await recordInvolvement(trx, { partnership_id: actor.partnershipId, child_id: row.child_id, agency_id: actor.agencyId, kind: 'involved', recorded_by: actor.userId })) {
          await appendAudit(trx, auditActor(actor), {
            action: 'involvement.recorded',
            subjectType: 'child',
            subjectId: row.child_id,
            childId: row.child_id,
            details: { agencyId: actor.agencyId, reason: 'information received' },
          });
        }
      }
    }
    await appendAudit(trx, auditActor(actor), {
      action: recipient ? 'disclosure.opened' : 'disclosure.viewed',
      outcome: payload ? 'ok' : 'denied',
      subjectType: 'disclosure',
      subjectId: row.id,
      childId: row.child_id,
      details: payload ? {} : { reason: status },
    });
    await readNotificationsAbout(trx, actor, `/disclosures/${row.id}`, now);
    const items = await disclosureItems(trx, actor.partnershipId, row.id);
    const itemCorrections =
      recipient && payload
        ? await corrections(
            deps,
            trx,
            actor,
            row.id,
            items.map((i) => i.origin_item_id),
          )
        : [];
    const versions = payload
      ? await currentVersions(
          deps,
          trx,
          actor.partnershipId,
          items.map((i) => i.origin_item_id),
        )
      : new Map<string, Correction>();
    const openings = recipient ? [] : await disclosureOpenings(trx, actor.partnershipId, row.id);
    const agreements = recipient ? await agreementsAbout(trx, scopeOf(actor), row.id) : [];
    const itemAnswers = await agreementItemAnswers(
      trx,
      actor.partnershipId,
      agreements.map((g) => g.id),
    );
    return ok({
      id: row.id,
      childId: row.child_id,
      childName: `${row.child_given_name} ${row.child_family_name}`,
      side: recipient ? 'recipient' : 'sender',
      from: { agencyId: row.from_agency_id, agencyName: row.from_agency_name, userName: row.from_user_name },
      to: { agencyId: row.to_agency_id, agencyName: row.to_agency_name, userName: row.to_user_name },
      requestId: row.request_id,
      decisionId: row.decision_id,
      sourceDisclosureId: row.source_disclosure_id,
      pack: row.pack,
      scope: row.scope,
      status,
      sentAt: row.sent_at,
      expiresAt: row.expires_at,
      firstOpenedAt,
      revokedAt: row.revoked_at,
      available: payload !== undefined,
      items: items.map((i) => ({
        id: i.id,
        originItemId: i.origin_item_id,
        level: i.level,
        label: i.label,
        kind: i.kind,
        value: payload ? currentValue(payload.items.find((p) => p.id === i.id)?.value ?? null, versions.get(i.origin_item_id)) : null,
        corrected: correctionStamp(versions.get(i.origin_item_id)),
        originator: { agencyId: i.originator_agency_id, agencyName: i.originator_agency_name, userName: i.originator_user_name, at: i.originated_at },
        corrections: itemCorrections.filter((c) => c.originItemId === i.origin_item_id),
      })),
      freeText: payload?.freeText ?? null,
      attachments: payload?.attachments ?? [],
      openings: openings.map((o) => ({ at: o.opened_at, byName: o.opened_by_name })),
      agreements: agreements.map((g) => {
        const sealed = unsealAs(deps.keyring, 'onward-agreement', g.id, g.sealed);
        return {
          id: g.id,
          status: g.status,
          originatorAgencyName: g.originator_agency_name,
          toAgencyName: g.to_agency_name,
          toAgencyId: g.to_agency_id,
          requestedAt: g.requested_at,
          answeredAt: g.answered_at,
          purpose: sealed.purpose,
          reasons: sealed.reasons,
          // In the items' order in the information.
          items: items.flatMap((i) => {
            const a = itemAnswers.find((x) => x.agreement_id === g.id && x.item_id === i.id);
            return a ? [{ itemId: i.id, label: i.label, agreed: a.agreed, reason: a.agreed ? null : (sealed.itemReasons?.[i.id] ?? sealed.reasons) }] : [];
          }),
        };
      }),
      can: {
        revoke: !recipient && disclosureTransition(status, 'revoke') !== undefined,
        passOn: recipient && payload !== undefined,
        reportInaccuracy: recipient && payload !== undefined && items.some((i) => i.originator_agency_id !== actor.agencyId),
      },
    });
  });
}
