// What a subject access response holds: everything the handling agency has in Concord about the
// child — its decisions, the requests it made or received, the information it sent or received,
// item by item — each with a reference and the agency it came from (Sandwell 2022 s.11.1: the
// source agency is consulted before an exemption is applied to what it supplied). Reading it
// unseals personal data, so every caller audits the read in the same transaction.
import { type SubjectAccessRows, subjectAccessRows } from '../../db/queries/rights.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { unsealAs, unsealDisclosurePayload } from '../kernel/sealed.ts';

export interface AccessEntry {
  /** Stable reference for withholding, e.g. "decision:<id>" or "disclosure:<id>:item:<itemId>". */
  ref: string;
  section: 'decision' | 'request' | 'disclosure';
  at: Date;
  title: string;
  /** The text the requester would receive. */
  text: string;
  sourceAgencyId: string;
  sourceAgencyName: string;
}

export interface AccessContent {
  entries: AccessEntry[];
  /** The other agencies information came from, with how many entries each. */
  sources: { agencyId: string; name: string; entries: number }[];
}

export function accessContent(deps: Deps, rows: SubjectAccessRows, agency: { id: string; name: string }): AccessContent {
  const entries: AccessEntry[] = [];
  for (const d of rows.decisions) {
    const s = unsealAs(deps.keyring, 'decision', d.id, d.sealed);
    const text = [`Purpose: ${s.purposeDetail}`, s.informationShared && `Information: ${s.informationShared}`, s.reasons && `Reasons: ${s.reasons}`].filter(Boolean).join('\n');
    entries.push({ ref: `decision:${d.id}`, section: 'decision', at: d.decided_at, title: `Decision about sharing (${d.action})`, text, sourceAgencyId: agency.id, sourceAgencyName: agency.name });
  }
  for (const q of rows.requests) {
    const s = unsealAs(deps.keyring, 'request', q.id, q.sealed);
    entries.push({
      ref: `request:${q.id}`,
      section: 'request',
      at: q.created_at,
      title: `Request for information from ${q.from_agency_name} to ${q.to_agency_name}`,
      text: `Information needed: ${s.informationNeeded}\nReason: ${s.reason}`,
      sourceAgencyId: q.from_agency_id,
      sourceAgencyName: q.from_agency_name,
    });
  }
  const itemsOf = new Map<string, SubjectAccessRows['items']>();
  for (const i of rows.items) itemsOf.set(i.disclosure_id, [...(itemsOf.get(i.disclosure_id) ?? []), i]);
  for (const d of rows.disclosures) {
    const payload = unsealDisclosurePayload(deps.keyring, d);
    if (!payload) continue; // shredded: nothing is held
    const values = new Map(payload.items.map((p) => [p.id, p.value]));
    for (const i of itemsOf.get(d.id) ?? []) {
      entries.push({
        ref: `disclosure:${d.id}:item:${i.id}`,
        section: 'disclosure',
        at: d.sent_at,
        title: `${i.label} (sent by ${d.from_agency_name} to ${d.to_agency_name})`,
        text: values.get(i.id) ?? '',
        sourceAgencyId: i.originator_agency_id,
        sourceAgencyName: i.originator_agency_name,
      });
    }
    if (payload.freeText)
      entries.push({
        ref: `disclosure:${d.id}:message`,
        section: 'disclosure',
        at: d.sent_at,
        title: `Message (sent by ${d.from_agency_name} to ${d.to_agency_name})`,
        text: payload.freeText,
        sourceAgencyId: d.from_agency_id,
        sourceAgencyName: d.from_agency_name,
      });
  }
  const sources = new Map<string, { agencyId: string; name: string; entries: number }>();
  for (const e of entries) {
    if (e.sourceAgencyId === agency.id) continue;
    const s = sources.get(e.sourceAgencyId) ?? { agencyId: e.sourceAgencyId, name: e.sourceAgencyName, entries: 0 };
    s.entries++;
    sources.set(e.sourceAgencyId, s);
  }
  return { entries, sources: [...sources.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

/** Read and unseal what the agency holds about the child (the caller audits the read). */
export async function readAccess(deps: Deps, trx: Tx, r: { partnership_id: string; agency_id: string; agency_name: string; child_id: string }): Promise<AccessContent> {
  const rows = await subjectAccessRows(trx, r.partnership_id, r.agency_id, r.child_id);
  return accessContent(deps, rows, { id: r.agency_id, name: r.agency_name });
}
