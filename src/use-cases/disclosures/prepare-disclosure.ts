// What a practitioner needs to send information under their own decision to share: the child, the
// recipient, the request it answers (what was asked for) or the received items it may pass on
// (each with its originator), the protocol's prompt and information items, and whether something
// has already been sent or cannot be sent now. Only the person who recorded the decision sends
// under it (send-disclosure.ts re-checks everything when the form is sent). The reading of the
// request's narrative and the received items is audited; anyone else gets "not found". The form
// starts from what the decision recorded (its recipient, purpose, information level and what was
// decided to be shared: shown, not asked again) and from the draft of the items added so far.
import { disclosureItems, findDisclosureDraft, sendContext } from '../../db/queries/disclosures.ts';
import { requestAskedBy } from '../../db/queries/requests.ts';
import type { Level } from '../../domain/decision/answers.ts';
import { canOpenDisclosure, isSourceOf, itemBlocker, itemChoices, SOURCE_RECIPIENT_MESSAGE, sendBlockers, sendBlockerText } from '../../domain/disclosures.ts';
import { requestRules } from '../../domain/requests.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor, scopeOf } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { auditRefusal, DISCLOSURE, isUuid, reachChild } from '../kernel/gateway.ts';
import { onwardItemNotes } from '../kernel/onward-sharing.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { type DisclosureDraft, unsealAs, unsealDisclosurePayload } from '../kernel/sealed.ts';
import { sendingDecision } from '../kernel/sending.ts';
import { correctionStamp, currentValue, currentVersions } from './_current-items.ts';

export interface DisclosureForm {
  decisionId: string;
  childId: string;
  childName: string;
  recipient: { agencyId: string; name: string };
  pack: string;
  /** What the decision recorded, shown on the form rather than asked again. */
  recorded: {
    decidedAt: Date;
    /** Null once the decision's narrative has been disposed of (crypto-shredded). */
    purposeDetail: string | null;
    informationShared: string | null;
    /** The information level decided on (the pack's title), or null when it identifies no one. */
    levelTitle: string | null;
  };
  /** The items and answers saved so far (adding or removing an item saves them), or null. */
  draft: DisclosureDraft | null;
  /** The request this answers: the sender says whether it shares all or part of what was asked. */
  request: { id: string; fromAgencyName: string; informationNeeded: string; status: string } | null;
  /** Received information this passes on: the items that may be chosen. */
  source: {
    disclosureId: string;
    fromAgencyName: string;
    /** Each item in its current version: a corrected item is offered as corrected (Southampton 2010 s.9). */
    items: {
      id: string;
      level: string;
      label: string;
      kind: string;
      value: string | null;
      originator: { agencyName: string; userName: string; at: Date };
      corrected: { at: Date; byName: string | null; agencyName: string } | null;
      /** Why this item cannot go under the decision (above its level, or needing consent it lacks),
       *  or to its recipient (its originator refused it, with the reason, or has not agreed yet). */
      blocked: string | null;
    }[];
  } | null;
  /** Already sent under this decision (one disclosure per decision). */
  sentDisclosureId: string | null;
  /** Why nothing can be sent under the decision now; null when it can. */
  blocked: string | null;
  necessaryPrompt: string;
  disclosureClause: string;
  /** The protocol's items at the levels the decision covers (Haringey 2006 s.4.4). */
  choices: { level: Level; title: string; labels: string[] }[];
  /** Levels the decision does not cover, and why: record a new decision to send them. */
  outside: { title: string; reason: string }[];
  /** Where to record a new decision for the child. */
  newDecisionHref: string;
}

/** The decision's narrative, or undefined once it has been disposed of (its key destroyed). */
function openNarrative(deps: Deps, decisionId: string, sealed: Parameters<typeof unsealAs>[3]) {
  try {
    return unsealAs(deps.keyring, 'decision', decisionId, sealed);
  } catch {
    return undefined;
  }
}

/** The disclosure already sent under a decision, if any (no personal data: not audited). */
export async function prepareDisclosure(deps: Deps, actor: Actor, decisionId: string): Promise<Outcome<DisclosureForm>> {
  return deps.db.transaction().execute(async (trx) => {
    const decision = isUuid(decisionId) ? await sendContext(trx, scopeOf(actor), decisionId) : undefined;
    const sending = decision ? sendingDecision(decision, deps.packs, deps.now()) : undefined;
    const blockers = sending ? sendBlockers(actor, sending) : [];
    if (!decision || blockers.includes('not_decider')) {
      await auditRefusal(trx, actor, 'decision', 'disclosure.prepared', decisionId, decision?.child_id);
      return notFound;
    }
    const child = await reachChild(trx, actor, decision.child_id, 'disclosure.prepared');
    if (!child) return notFound;

    const pack = deps.packs.get(decision.pack)!;
    const rules = requestRules(pack);
    // Something already sent is shown as such, not as a reason nothing can be sent.
    const blocker = blockers.find((b) => b !== 'already_sent');
    let blocked: string | null = blocker ? sendBlockerText[blocker] : null;

    let request: DisclosureForm['request'] = null;
    if (decision.request_id) {
      const r = await requestAskedBy(trx, actor.partnershipId, decision.request_id);
      const narrative = unsealAs(deps.keyring, 'request', r.id, r.sealed);
      request = { id: r.id, fromAgencyName: r.from_agency_name, informationNeeded: narrative.informationNeeded, status: r.status };
      if (!blocked && r.status !== 'allocated') blocked = sendBlockerText.request_closed;
    }

    const blockedText = (level: string) => {
      const b = sending && itemBlocker(sending, level);
      return b ? sendBlockerText[b] : null;
    };
    let source: DisclosureForm['source'] = null;
    if (decision.source_disclosure_id) {
      const d = await DISCLOSURE.load(trx, actor, decision.source_disclosure_id);
      const payload = d && canOpenDisclosure(actor, d.parties) ? unsealDisclosurePayload(deps.keyring, d) : undefined;
      if (!d || !payload) blocked ??= 'The information this decision is about can no longer be opened, so it cannot be passed on.';
      else {
        const items = await disclosureItems(trx, actor.partnershipId, d.id);
        const recipientId = decision.recipient_agency_id ?? '';
        if (isSourceOf(recipientId, { fromAgencyId: d.from_agency_id, originatorAgencyIds: items.map((i) => i.originator_agency_id) })) blocked ??= `${SOURCE_RECIPIENT_MESSAGE}.`;
        const notes = await onwardItemNotes(trx, deps.keyring, actor, d.id, recipientId, decision.recipient_name ?? 'the recipient');
        const versions = await currentVersions(
          deps,
          trx,
          actor.partnershipId,
          items.map((i) => i.origin_item_id),
        );
        source = {
          disclosureId: d.id,
          fromAgencyName: d.from_agency_name,
          items: items.map((i) => ({
            id: i.id,
            level: i.level,
            label: i.label,
            kind: i.kind,
            value: currentValue(payload.items.find((p) => p.id === i.id)?.value ?? null, versions.get(i.origin_item_id)),
            originator: { agencyName: i.originator_agency_name, userName: i.originator_user_name, at: i.originated_at },
            corrected: correctionStamp(versions.get(i.origin_item_id)),
            blocked: blockedText(i.level) ?? notes.get(i.id) ?? null,
          })),
        };
      }
    }

    const narrative = openNarrative(deps, decision.id, decision.decision_sealed);
    const saved = decision.sent_disclosure_id ? undefined : await findDisclosureDraft(trx, actor.partnershipId, decision.id, actor.userId);
    const draft = saved ? unsealAs(deps.keyring, 'disclosure-draft', decision.id, saved.sealed) : null;
    const decidedLevel = sending?.decidedLevel ?? null;

    await appendAudit(trx, auditActor(actor), {
      action: 'disclosure.prepared',
      subjectType: 'decision',
      subjectId: decision.id,
      childId: decision.child_id,
      details: { requestId: decision.request_id, sourceDisclosureId: decision.source_disclosure_id },
    });
    return ok({
      decisionId: decision.id,
      childId: decision.child_id,
      childName: `${child.given_name} ${child.family_name}`,
      recipient: { agencyId: decision.recipient_agency_id ?? '', name: decision.recipient_name ?? '' },
      pack: decision.pack,
      recorded: {
        decidedAt: decision.decided_at,
        purposeDetail: narrative?.purposeDetail ?? null,
        informationShared: narrative?.informationShared ?? null,
        levelTitle: decidedLevel ? (pack.informationLevels.find((l) => l.level === decidedLevel)?.title ?? decidedLevel) : null,
      },
      draft,
      request,
      source,
      sentDisclosureId: decision.sent_disclosure_id,
      blocked,
      necessaryPrompt: rules.necessaryPrompt,
      disclosureClause: rules.disclosureClause,
      choices: itemChoices(pack).filter((c) => !blockedText(c.level)),
      outside: itemChoices(pack)
        .filter((c) => blockedText(c.level))
        .map((c) => ({ title: c.title, reason: blockedText(c.level)! })),
      newDecisionHref: `/children/${decision.child_id}/decisions/new`,
    });
  });
}
