// Information received by and sent from the actor's agency (all of it for its SPoC and
// safeguarding lead; otherwise what is addressed to or sent by the actor), and what is waiting on
// the agency: agreements to onward sharing to answer, inaccuracies to decide, corrections to
// acknowledge. Children's names are personal data, so the listing is audited.
import { receivedDisclosures, sentDisclosures, type DisclosureRow } from '../../db/queries/disclosures.ts';
import type { DisclosureStatus } from '../../domain/disclosures.ts';
import { hasRole, type Actor } from '../../domain/staff.ts';
import { auditActor, scopeOf } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';

export interface DisclosureListRow {
  id: string;
  childId: string;
  childName: string;
  fromAgencyName: string;
  fromUserName: string;
  toAgencyName: string;
  scope: string;
  status: DisclosureStatus;
  sentAt: Date;
  expiresAt: Date;
  firstOpenedAt: Date | null;
}

export interface Waiting {
  id: string;
  kind: 'agreement' | 'correction' | 'acknowledgement';
  childName: string;
  agencyName: string;
  at: Date;
  link: string;
}

const row = (d: DisclosureRow, now: Date): DisclosureListRow => ({
  id: d.id,
  childId: d.child_id,
  childName: `${d.child_given_name} ${d.child_family_name}`,
  fromAgencyName: d.from_agency_name,
  fromUserName: d.from_user_name,
  toAgencyName: d.to_agency_name,
  scope: d.scope,
  status: (d.status === 'sent' && d.expires_at.getTime() <= now.getTime() ? 'expired' : d.status) as DisclosureStatus,
  sentAt: d.sent_at,
  expiresAt: d.expires_at,
  firstOpenedAt: d.first_opened_at,
});

export async function listDisclosures(deps: Deps, actor: Actor) {
  const lead = hasRole(actor, 'spoc', 'designated_safeguarding_lead');
  const scope = scopeOf(actor);
  return deps.db.transaction().execute(async (trx) => {
    const received = await receivedDisclosures(trx, scope, lead ? null : actor.userId);
    const sent = await sentDisclosures(trx, scope, lead ? null : actor.userId);
    const agreements = await trx
      .selectFrom('onward_agreement as g')
      .innerJoin('child as c', (j) => j.onRef('c.partnership_id', '=', 'g.partnership_id').onRef('c.id', '=', 'g.child_id'))
      .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'g.partnership_id').onRef('a.id', '=', 'g.requesting_agency_id'))
      .select(['g.id', 'g.requested_at as at', 'c.given_name', 'c.family_name', 'a.name as agency_name'])
      .where('g.partnership_id', '=', actor.partnershipId)
      .where('g.originator_agency_id', '=', actor.agencyId)
      .where('g.status', '=', 'requested')
      .$if(!lead, (q) =>
        q.where(({ exists, selectFrom }) =>
          exists(selectFrom('disclosure_item as i').select('i.id').whereRef('i.partnership_id', '=', 'g.partnership_id').whereRef('i.disclosure_id', '=', 'g.disclosure_id').where('i.originator_user_id', '=', actor.userId)),
        ),
      )
      .orderBy('g.requested_at')
      .execute();
    const corrections = await trx
      .selectFrom('correction as k')
      .innerJoin('child as c', (j) => j.onRef('c.partnership_id', '=', 'k.partnership_id').onRef('c.id', '=', 'k.child_id'))
      .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'k.partnership_id').onRef('a.id', '=', 'k.reporting_agency_id'))
      .select(['k.id', 'k.reported_at as at', 'c.given_name', 'c.family_name', 'a.name as agency_name'])
      .where('k.partnership_id', '=', actor.partnershipId)
      .where('k.originator_agency_id', '=', actor.agencyId)
      .where('k.status', '=', 'reported')
      .$if(!lead, (q) =>
        q.where(({ exists, selectFrom }) =>
          exists(selectFrom('disclosure_item as i').select('i.id').whereRef('i.partnership_id', '=', 'k.partnership_id').whereRef('i.id', '=', 'k.origin_item_id').where('i.originator_user_id', '=', actor.userId)),
        ),
      )
      .orderBy('k.reported_at')
      .execute();
    const acknowledgements = await trx
      .selectFrom('correction_delivery as cd')
      .innerJoin('correction as k', (j) => j.onRef('k.partnership_id', '=', 'cd.partnership_id').onRef('k.id', '=', 'cd.correction_id'))
      .innerJoin('child as c', (j) => j.onRef('c.partnership_id', '=', 'k.partnership_id').onRef('c.id', '=', 'k.child_id'))
      .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'k.partnership_id').onRef('a.id', '=', 'k.originator_agency_id'))
      .select(['cd.correction_id as id', 'cd.disclosure_id', 'cd.delivered_at as at', 'c.given_name', 'c.family_name', 'a.name as agency_name'])
      .where('cd.partnership_id', '=', actor.partnershipId)
      .where('cd.agency_id', '=', actor.agencyId)
      .where('cd.acknowledged_at', 'is', null)
      .$if(!lead, (q) =>
        q.where(({ exists, selectFrom }) =>
          exists(selectFrom('disclosure as d').select('d.id').whereRef('d.partnership_id', '=', 'cd.partnership_id').whereRef('d.id', '=', 'cd.disclosure_id').where('d.to_user_id', '=', actor.userId)),
        ),
      )
      .orderBy('cd.delivered_at')
      .execute();
    await appendAudit(trx, auditActor(actor), {
      action: 'disclosure.listed',
      subjectType: 'disclosure',
      details: { received: received.map((d) => d.id), sent: sent.map((d) => d.id) },
    });
    const now = deps.now();
    const name = (r: { given_name: string; family_name: string }) => `${r.given_name} ${r.family_name}`;
    const waiting: Waiting[] = [
      ...agreements.map((g) => ({ id: g.id, kind: 'agreement' as const, childName: name(g), agencyName: g.agency_name, at: g.at, link: `/agreements/${g.id}` })),
      ...corrections.map((k) => ({ id: k.id, kind: 'correction' as const, childName: name(k), agencyName: k.agency_name, at: k.at, link: `/corrections/${k.id}` })),
      ...acknowledgements.map((k) => ({ id: k.id, kind: 'acknowledgement' as const, childName: name(k), agencyName: k.agency_name, at: k.at, link: `/disclosures/${k.disclosure_id}` })),
    ];
    return { received: received.map((d) => row(d, now)), sent: sent.map((d) => row(d, now)), waiting, isLead: lead };
  });
}
