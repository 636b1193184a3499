// Disposing of a batch of approved records in the caller's one transaction: each kind's sealed data
// is crypto-shredded (its data key destroyed and its ciphertext replaced by a sealed tombstone with
// no personal data; a batch's tombstones share one fresh key, as they hold nothing secret), the
// details of audit events about those records have their salts deleted
// (ADR 0007: the log still verifies from the stored commitments), each review row becomes the
// record's tombstone, and a certificate of disposal is issued per agency, kind, rule and approver.
// Southampton 2010 s.6 ("deleted beyond recovery"), s.18 item 19 (a secure disposal system).
import { randomUUID } from 'node:crypto';
import { lockSequencer, shredEventDetails } from '../../db/queries/audit-log.ts';
import { auditEventsAbout, insertCertificate, markDisposed, shredDecisions, shredDisclosures, shredRequests } from '../../db/queries/retention.ts';
import { SHREDDED_DETAILS_JSON } from '../../domain/audit-leaf.ts';
import { type DisposableKind, describeRetention, ruleFor, TOMBSTONE_TEXT } from '../../domain/retention.ts';
import { type AuditActor, appendAuditEvents } from '../kernel/audit.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { sealEachAs } from '../kernel/sealed.ts';

export interface ApprovedRow {
  partnership_id: string;
  id: string;
  kind: string;
  record_id: string;
  agency_id: string;
  pack: string;
  rule_clause: string;
  decided_by: string | null;
}

export interface CertificateIssued {
  id: string;
  kind: string;
  count: number;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const EMPTY_PAYLOAD = JSON.stringify({ v: 1, iv: '', tag: '', data: '' });

export async function disposeBatch(deps: Deps, trx: Tx, rows: readonly ApprovedRow[], by: { userId: string | null; via: AuditActor['via']; correlationId: string }): Promise<CertificateIssued[]> {
  if (!rows.length) return [];
  const now = deps.now();
  const issued: CertificateIssued[] = [];
  // Audit details are shredded under the sequencer's lock (ADR 0007).
  await lockSequencer(trx);
  const byPartnership = groupBy(rows, (r) => r.partnership_id);
  for (const [partnershipId, prows] of byPartnership) {
    const ids = (kind: DisposableKind) => prows.filter((r) => r.kind === kind).map((r) => r.record_id);
    const decisions = ids('decision');
    const decisionTombstones = sealEachAs(deps.keyring, 'decision', decisions, { purposeDetail: TOMBSTONE_TEXT, informationShared: null, reasons: null });
    await shredDecisions(
      trx,
      partnershipId,
      decisions.map((id, i) => ({ id, sealed: JSON.stringify(decisionTombstones[i]) })),
      now,
    );
    const requests = ids('request');
    const requestTombstones = sealEachAs(deps.keyring, 'request', requests, {
      informationNeeded: TOMBSTONE_TEXT,
      reason: TOMBSTONE_TEXT,
      consent: 'not_yet_asked',
      consentDetail: null,
      child: { name: TOMBSTONE_TEXT, dateOfBirth: '', nhsNumber: null, address: null, postcode: null },
    });
    await shredRequests(
      trx,
      partnershipId,
      requests.map((id, i) => ({ id, sealed: JSON.stringify(requestTombstones[i]) })),
      now,
    );
    const disclosures = ids('disclosure_received');
    await shredDisclosures(trx, partnershipId, disclosures, EMPTY_PAYLOAD, now);
    const events = [...ids('audit_details'), ...(await auditEventsAbout(trx, partnershipId, [...decisions, ...requests, ...disclosures]))];
    if (events.length) await shredEventDetails(trx, partnershipId, [...new Set(events)], SHREDDED_DETAILS_JSON);

    // One certificate per agency, kind, rule and approver.
    const groups = groupBy(prows, (r) => `${r.agency_id}|${r.kind}|${r.pack}|${r.rule_clause}|${r.decided_by}`);
    for (const group of groups.values()) {
      const first = group[0]!;
      const schedule = deps.packs.get(first.pack)?.retentionSchedule;
      const rule = schedule && ruleFor(schedule, first.kind as DisposableKind);
      const certificateId = randomUUID();
      await insertCertificate(trx, {
        partnership_id: partnershipId,
        id: certificateId,
        agency_id: first.agency_id,
        kind: first.kind,
        record_count: group.length,
        pack: first.pack,
        rule_clause: first.rule_clause,
        rule_text: rule ? describeRetention(rule) : first.rule_clause,
        approved_by: first.decided_by!,
        disposed_at: now,
        disposed_by_user_id: by.userId,
      });
      await markDisposed(
        trx,
        partnershipId,
        group.map((r) => r.id),
        certificateId,
        now,
      );
      const actor: AuditActor = { partnershipId, userId: by.userId, agencyId: by.userId ? first.agency_id : null, via: by.via, correlationId: by.correlationId };
      await appendAuditEvents(trx, actor, [
        { action: 'disposal.certified', subjectType: 'disposal-certificate', subjectId: certificateId, details: { kind: first.kind, count: group.length, rule: first.rule_clause } },
        ...group.map((r) => ({ action: 'record.disposed', subjectType: r.kind, subjectId: r.record_id, details: { certificateId } })),
      ]);
      issued.push({ id: certificateId, kind: first.kind, count: group.length });
    }
  }
  return issued;
}
