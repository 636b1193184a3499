// What a practitioner needs to send information under their own decision to share: the child, the
// recipient, the request it answers (what was asked for) or the received items it may pass on
// (each with its originator), the protocol's prompt and information items, and whether something
// has already been sent or cannot be sent now. Only the person who recorded the decision sends
// under it (send-disclosure.ts re-checks everything when the form is sent). The reading of the
// request's narrative and the received items is audited; anyone else gets "not found".
import { disclosureItems, findDisclosure } from '../../db/queries/disclosures.ts';
import { canOpenDisclosure, itemChoices } from '../../domain/disclosures.ts';
import type { Level } from '../../domain/decision/answers.ts';
import { requestRules } from '../../domain/requests.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import { isUuid, reachChild } from '../kernel/gateway.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { partiesOf, readPayload } from './_payload.ts';
import { notFound, ok, type Outcome } from '../kernel/outcome.ts';
import { activeAgency } from '../kernel/partnership.ts';
import { requestSealContext } from '../requests/_steps.ts';
import { unseal } from '../kernel/sealing.ts';

export interface DisclosureForm {
  decisionId: string;
  childId: string;
  childName: string;
  recipient: { agencyId: string; name: string };
  pack: string;
  /** The request this answers: the sender says whether it shares all or part of what was asked. */
  request: { id: string; fromAgencyName: string; informationNeeded: string; status: string } | null;
  /** Received information this passes on: the items that may be chosen. */
  source: {
    disclosureId: string;
    fromAgencyName: string;
    items: { id: string; level: string; label: string; kind: string; value: string | null; originator: { agencyName: string; userName: string; at: Date } }[];
  } | null;
  /** Already sent under this decision (one disclosure per decision). */
  sentDisclosureId: string | null;
  /** Why nothing can be sent under the decision now; null when it can. */
  blocked: string | null;
  necessaryPrompt: string;
  disclosureClause: string;
  choices: { level: Level; title: string; labels: string[] }[];
}

async function decisionRow(trx: Tx, actor: Actor, decisionId: string) {
  return isUuid(decisionId)
    ? trx
        .selectFrom('decision as d')
        .leftJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'd.partnership_id').onRef('a.id', '=', 'd.recipient_agency_id'))
        .select(['d.id', 'd.child_id', 'd.agency_id', 'd.decided_by', 'd.action', 'd.recipient_agency_id', 'd.request_id', 'd.source_disclosure_id', 'd.pack', 'a.name as recipient_name'])
        .where('d.partnership_id', '=', actor.partnershipId)
        .where('d.id', '=', decisionId)
        .executeTakeFirst()
    : undefined;
}

/** The disclosure already sent under a decision, if any (no personal data: not audited). */
export async function disclosureSentUnder(deps: Deps, actor: Actor, decisionId: string): Promise<string | null> {
  if (!isUuid(decisionId)) return null;
  const row = await deps.db
    .selectFrom('disclosure')
    .select('id')
    .where('partnership_id', '=', actor.partnershipId)
    .where('decision_id', '=', decisionId)
    .where('from_agency_id', '=', actor.agencyId)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function prepareDisclosure(deps: Deps, actor: Actor, decisionId: string): Promise<Outcome<DisclosureForm>> {
  return deps.db.transaction().execute(async (trx) => {
    const decision = await decisionRow(trx, actor, decisionId);
    if (!decision || decision.agency_id !== actor.agencyId || decision.decided_by !== actor.userId) {
      await appendAudit(trx, auditActor(actor), {
        action: 'disclosure.prepared',
        outcome: decision ? 'denied' : 'not_found',
        subjectType: 'decision',
        subjectId: isUuid(decisionId) ? decisionId : undefined,
        childId: decision?.child_id,
      });
      return notFound;
    }
    const child = await reachChild(trx, actor, decision.child_id, 'disclosure.prepared');
    if (!child) return notFound;

    const pack = deps.packs.get(decision.pack)!;
    const rules = requestRules(pack);
    let blocked: string | null = null;
    if (decision.action !== 'shared') blocked = 'The decision recorded was not to share, so nothing can be sent under it.';
    else if (!decision.recipient_agency_id) blocked = 'The decision names a recipient outside the partnership. Concord sends information only to partner agencies.';
    else if (!(await activeAgency(trx, actor.partnershipId, decision.recipient_agency_id))) {
      blocked = 'The recipient is no longer a current party to the partnership’s information sharing agreement, so information cannot be sent to it.';
    }

    let request: DisclosureForm['request'] = null;
    if (decision.request_id) {
      const r = await trx
        .selectFrom('info_request as r')
        .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'r.partnership_id').onRef('a.id', '=', 'r.from_agency_id'))
        .select(['r.id', 'r.status', 'r.sealed', 'a.name as from_agency_name'])
        .where('r.partnership_id', '=', actor.partnershipId)
        .where('r.id', '=', decision.request_id)
        .executeTakeFirstOrThrow();
      const narrative = unseal<{ informationNeeded: string }>(deps.keyring, requestSealContext(r.id), r.sealed);
      request = { id: r.id, fromAgencyName: r.from_agency_name, informationNeeded: narrative.informationNeeded, status: r.status };
      if (!blocked && r.status !== 'allocated') blocked = 'The request this decision answers is no longer waiting for an answer.';
    }

    let source: DisclosureForm['source'] = null;
    if (decision.source_disclosure_id) {
      const d = await findDisclosure(trx, actor.partnershipId, decision.source_disclosure_id);
      const payload = d && canOpenDisclosure(actor, partiesOf(d)) ? readPayload(deps.keyring, d) : undefined;
      if (!d || !payload) blocked ??= 'The information this decision is about can no longer be opened, so it cannot be passed on.';
      else {
        const items = await disclosureItems(trx, actor.partnershipId, d.id);
        source = {
          disclosureId: d.id,
          fromAgencyName: d.from_agency_name,
          items: items.map((i) => ({
            id: i.id,
            level: i.level,
            label: i.label,
            kind: i.kind,
            value: payload.items.find((p) => p.id === i.id)?.value ?? null,
            originator: { agencyName: i.originator_agency_name, userName: i.originator_user_name, at: i.originated_at },
          })),
        };
      }
    }

    const sent = await trx.selectFrom('disclosure').select('id').where('partnership_id', '=', actor.partnershipId).where('decision_id', '=', decision.id).executeTakeFirst();
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
      request,
      source,
      sentDisclosureId: sent?.id ?? null,
      blocked,
      necessaryPrompt: rules.necessaryPrompt,
      disclosureClause: rules.disclosureClause,
      choices: itemChoices(pack),
    });
  });
}
