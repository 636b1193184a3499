// A child's whole record — details, family, involved agencies, decisions — read and audited in ONE
// statement: the audit row is inserted by a data-modifying CTE only when the child is visible to
// the agency, so the read and its audit event commit together (a single statement is a single
// transaction) in one round trip. This is the hottest read in Concord (ADR 0010).
import { type Kysely, type Selectable, sql } from 'kysely';
import type { ChildTable, DB } from '../schema.ts';
import { visibleChildren } from './children.ts';
import type { Scope } from './scope.ts';

/** The audit_event columns, as src/use-cases/kernel/audit.ts builds them. */
export interface AuditEventValues {
  partnership_id: string;
  actor_user_id: string | null;
  actor_agency_id: string | null;
  action: string;
  outcome: string;
  subject_type: string | null;
  correlation_id: string;
  via: string;
  details: string;
}

export interface FamilyMemberRow {
  id: string;
  given_name: string;
  family_name: string;
  relationship: string;
  parental_responsibility: boolean;
  is_carer: boolean;
  lives_with_child: boolean;
  date_of_birth: string | null;
  address: string | null;
  postcode: string | null;
  phone: string | null;
}
export interface InvolvedAgencyRow {
  id: string;
  name: string;
  kind: 'holds_record' | 'involved';
  recorded_at: Date;
}
export interface DecisionSummaryRow {
  id: string;
  decided_at: Date;
  decided_by_name: string;
  agency_name: string;
  outcome: string;
  action: string;
  purpose: string;
  consent: string | null;
  recipient: string;
  approval_status: string;
  withdrawn: boolean;
  /** Whether information has been sent under the decision. */
  sent: boolean;
}

/** Requests, disclosures, corrections and breaches about the child: what happened, between whom,
 *  when — never their content. A breach runs from the reporting agency to the lead agency. */
export interface ExchangeEventRow {
  kind: 'request' | 'disclosure' | 'correction' | 'dispute' | 'complaint' | 'breach';
  id: string;
  at: Date;
  status: string;
  from_agency_id: string;
  from_agency: string;
  to_agency_id: string;
  to_agency: string;
  by_name: string;
  scope: string | null;
  urgency: string | null;
  /** Disclosures: first opened; corrections: decided; requests: closed. */
  done_at: Date | null;
}

export type ChildRecordRow = Omit<Selectable<ChildTable>, 'created_by'> & {
  family: FamilyMemberRow[];
  agencies: InvolvedAgencyRow[];
  decisions: DecisionSummaryRow[];
  exchanges: ExchangeEventRow[];
};

/** The requests, disclosures and corrections about child `c`, newest first (JSON). */
const exchangesSql = sql`
      coalesce((
        select json_agg(x order by x.at desc, x.id) from (
          select 'request' as kind, r.id, r.created_at as at, r.status, r.from_agency_id, fa.name as from_agency, r.to_agency_id, ta.name as to_agency,
                 u.display_name as by_name, r.response as scope, r.urgency, r.closed_at as done_at
          from info_request r
          join agency fa on fa.partnership_id = r.partnership_id and fa.id = r.from_agency_id
          join agency ta on ta.partnership_id = r.partnership_id and ta.id = r.to_agency_id
          join staff_user u on u.partnership_id = r.partnership_id and u.id = r.from_user_id
          where r.partnership_id = c.partnership_id and r.child_id = c.id
          union all
          select 'disclosure', d.id, d.sent_at, d.status, d.from_agency_id, fa.name, d.to_agency_id, ta.name, u.display_name, d.scope, null, d.first_opened_at
          from disclosure d
          join agency fa on fa.partnership_id = d.partnership_id and fa.id = d.from_agency_id
          join agency ta on ta.partnership_id = d.partnership_id and ta.id = d.to_agency_id
          join staff_user u on u.partnership_id = d.partnership_id and u.id = d.from_user_id
          where d.partnership_id = c.partnership_id and d.child_id = c.id
          union all
          select 'correction', k.id, k.reported_at, k.status, k.reporting_agency_id, ra.name, k.originator_agency_id, oa.name, u.display_name, null, null, k.decided_at
          from correction k
          join agency ra on ra.partnership_id = k.partnership_id and ra.id = k.reporting_agency_id
          join agency oa on oa.partnership_id = k.partnership_id and oa.id = k.originator_agency_id
          join staff_user u on u.partnership_id = k.partnership_id and u.id = k.reported_by
          where k.partnership_id = c.partnership_id and k.child_id = c.id
          union all
          select 'dispute', g.id, g.created_at, g.status, g.raising_agency_id, ra.name, g.other_agency_id, oa.name, u.display_name, g.stage::text, null, g.closed_at
          from dispute g
          join agency ra on ra.partnership_id = g.partnership_id and ra.id = g.raising_agency_id
          join agency oa on oa.partnership_id = g.partnership_id and oa.id = g.other_agency_id
          join staff_user u on u.partnership_id = g.partnership_id and u.id = g.raised_by
          where g.partnership_id = c.partnership_id and g.child_id = c.id
          union all
          select 'complaint', m.id, m.created_at, m.status, m.recording_agency_id, ra.name, m.agency_id, oa.name, u.display_name, null, null, m.closed_at
          from complaint m
          join agency ra on ra.partnership_id = m.partnership_id and ra.id = m.recording_agency_id
          join agency oa on oa.partnership_id = m.partnership_id and oa.id = m.agency_id
          join staff_user u on u.partnership_id = m.partnership_id and u.id = m.recorded_by
          where m.partnership_id = c.partnership_id and m.child_id = c.id
          union all
          select 'breach', b.id, b.reported_at, b.status, b.reporting_agency_id, ra.name, b.lead_agency_id, la.name, u.display_name, b.kind, null, b.closed_at
          from breach_child bc
          join breach b on b.partnership_id = bc.partnership_id and b.id = bc.breach_id
          join agency ra on ra.partnership_id = b.partnership_id and ra.id = b.reporting_agency_id
          join agency la on la.partnership_id = b.partnership_id and la.id = b.lead_agency_id
          join staff_user u on u.partnership_id = b.partnership_id and u.id = b.reported_by
          where bc.partnership_id = c.partnership_id and bc.child_id = c.id
        ) x
      ), '[]')`;

/** `withExchanges: false` leaves out the requests, disclosures and corrections (the API's record
 *  does not show them), so that the hottest read does not pay for what it does not return. */
export async function readChildRecordAndAudit(
  db: Kysely<DB>,
  scope: Scope,
  childId: string,
  audit: AuditEventValues,
  { withExchanges = true }: { withExchanges?: boolean } = {},
): Promise<ChildRecordRow | undefined> {
  const result = await sql<
    Omit<ChildRecordRow, 'agencies' | 'decisions' | 'exchanges'> & {
      agencies: (Omit<InvolvedAgencyRow, 'recorded_at'> & { recorded_at: string })[];
      decisions: (Omit<DecisionSummaryRow, 'decided_at'> & { decided_at: string })[];
      exchanges: (Omit<ExchangeEventRow, 'at' | 'done_at'> & { at: string; done_at: string | null })[];
    }
  >`
    with c as (${visibleChildren(db, scope).selectAll('child').where('child.id', '=', childId)}),
    logged as (
      insert into audit_event (partnership_id, actor_user_id, actor_agency_id, action, outcome, subject_type, subject_id, child_id, correlation_id, via, details)
      select ${audit.partnership_id}, ${audit.actor_user_id}, ${audit.actor_agency_id}, ${audit.action}, ${audit.outcome}, ${audit.subject_type},
             c.id::text, c.id, ${audit.correlation_id}, ${audit.via}, cast(${audit.details} as jsonb)
      from c
      returning id
    )
    select c.id, c.partnership_id, c.given_name, c.family_name, c.aliases, c.date_of_birth, c.gender, c.ethnicity, c.address, c.postcode, c.phone,
      c.current_setting, c.nhs_number, c.care_leaver, c.send, c.created_at,
      coalesce((
        select json_agg(json_build_object('id', f.id, 'given_name', f.given_name, 'family_name', f.family_name, 'relationship', f.relationship,
          'parental_responsibility', f.parental_responsibility, 'is_carer', f.is_carer, 'lives_with_child', f.lives_with_child,
          'date_of_birth', f.date_of_birth, 'address', f.address, 'postcode', f.postcode, 'phone', f.phone) order by f.created_at, f.id)
        from family_member f where f.partnership_id = c.partnership_id and f.child_id = c.id
      ), '[]') as family,
      coalesce((
        select json_agg(json_build_object('id', a.id, 'name', a.name, 'kind', i.kind, 'recorded_at', i.recorded_at) order by i.recorded_at, a.name)
        from involvement i join agency a on a.partnership_id = i.partnership_id and a.id = i.agency_id
        where i.partnership_id = c.partnership_id and i.child_id = c.id
      ), '[]') as agencies,
      coalesce((
        select json_agg(json_build_object('id', d.id, 'decided_at', d.decided_at, 'decided_by_name', u.display_name, 'agency_name', fromag.name,
          'outcome', d.outcome, 'action', d.action, 'purpose', d.purpose, 'consent', d.consent,
          'recipient', coalesce(toa.name, d.recipient_other, ''), 'approval_status', d.approval_status, 'withdrawn', d.withdrawn_at is not null,
          'sent', exists (select 1 from disclosure x where x.partnership_id = d.partnership_id and x.decision_id = d.id)) order by d.decided_at desc, d.id)
        from decision d
        join agency fromag on fromag.partnership_id = d.partnership_id and fromag.id = d.agency_id
        join staff_user u on u.partnership_id = d.partnership_id and u.id = d.decided_by
        left join agency toa on toa.partnership_id = d.partnership_id and toa.id = d.recipient_agency_id
        where d.partnership_id = c.partnership_id and d.child_id = c.id
      ), '[]') as decisions,
      ${withExchanges ? exchangesSql : sql`'[]'::json`} as exchanges,
      (select count(*) from logged) as audited
    from c
  `.execute(db);
  const row = result.rows[0];
  if (!row) return undefined;
  const { audited: _audited, ...rest } = row as typeof row & { audited: unknown };
  return {
    ...rest,
    agencies: row.agencies.map((a) => ({ ...a, recorded_at: new Date(a.recorded_at) })),
    decisions: row.decisions.map((d) => ({ ...d, decided_at: new Date(d.decided_at) })),
    exchanges: row.exchanges.map((e) => ({ ...e, at: new Date(e.at), done_at: e.done_at ? new Date(e.done_at) : null })),
  };
}
