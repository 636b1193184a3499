// Information received by and sent from the actor's agency (all of it for its SPoC and
// safeguarding lead; otherwise what is addressed to or sent by the actor), and what is waiting on
// the agency: agreements to onward sharing to answer, inaccuracies to decide, corrections to
// acknowledge. Children's names are personal data, so the listing is audited.
import { acknowledgementsAwaiting, correctionsAwaiting } from '../../db/queries/corrections.ts';
import { type DisclosureRow, receivedDisclosures, sentDisclosures } from '../../db/queries/disclosures.ts';
import { agreementsAwaiting } from '../../db/queries/onward-agreements.ts';
import { type DisclosureStatus, disclosureStatusAt } from '../../domain/disclosures.ts';
import { type Actor, isAgencyLead } from '../../domain/staff.ts';
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
  status: disclosureStatusAt({ status: d.status, expiresAt: d.expires_at }, now),
  sentAt: d.sent_at,
  expiresAt: d.expires_at,
  firstOpenedAt: d.first_opened_at,
});

export async function listDisclosures(deps: Deps, actor: Actor) {
  const lead = isAgencyLead(actor);
  const scope = scopeOf(actor);
  return deps.db.transaction().execute(async (trx) => {
    const received = await receivedDisclosures(trx, scope, lead ? null : actor.userId);
    const sent = await sentDisclosures(trx, scope, lead ? null : actor.userId);
    const agreements = await agreementsAwaiting(trx, scope, lead ? null : actor.userId);
    const corrections = await correctionsAwaiting(trx, scope, lead ? null : actor.userId);
    const acknowledgements = await acknowledgementsAwaiting(trx, scope, lead ? null : actor.userId);
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
