// Produce the subject access response pack: once every source agency has answered its
// consultation (or its deadline has passed), Concord renders the tagged PDF — cover letter, what is
// released, where it came from, the schedule of what is withheld and why — and keeps it sealed
// with the request (and so under the request's retention). The read of the child's information
// and the production are audited together.
import { createHash, randomUUID } from 'node:crypto';
import { consultationsFor, insertResponsePack, withheldFor } from '../../db/queries/rights.ts';
import { londonDateOf } from '../../domain/clocks.ts';
import { packBlockers } from '../../domain/rights.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { conflict, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { sealAs, unsealAs } from '../kernel/sealed.ts';
import { readAccess } from './_access.ts';
import { renderResponsePdf } from './_response-pdf.ts';
import { addRightsEvent, rightsRequestFor } from './_steps.ts';

export async function produceResponsePack(deps: Deps, actor: Actor, requestId: string): Promise<Outcome<{ packId: string; byteSize: number }>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await rightsRequestFor(trx, actor, requestId, 'rights-request.pack-produced');
    if (!row) return notFound;
    if (row.kind !== 'access' || !row.child_id) return conflict('Only an access request has a response pack.');
    if (row.status !== 'open') return conflict('A response pack is produced while the request is open, before it is answered.');
    const now = deps.now();
    const consultations = await consultationsFor(trx, row.partnership_id, row.id);
    const blockers = packBlockers(
      consultations.map((c) => ({ sourceAgencyId: c.source_agency_id, sourceAgencyName: c.source_agency_name, answeredAt: c.answered_at, dueAt: c.due_at })),
      now,
    );
    if (blockers.length) return conflict(blockers.join('; '));
    const access = await readAccess(deps, trx, { ...row, child_id: row.child_id });
    const consulted = new Set(consultations.map((c) => c.source_agency_id));
    const missing = access.sources.filter((s) => !consulted.has(s.agencyId));
    if (missing.length) return conflict(`Consult ${missing.map((s) => s.name).join(', ')} before producing the response.`);
    const withheldRows = await withheldFor(trx, row.partnership_id, row.id);
    const withheldRefs = new Map(withheldRows.map((w) => [w.item_ref, w]));
    const pdf = await renderResponsePdf({
      agencyName: row.agency_name,
      requestRef: row.id.slice(0, 8).toUpperCase(),
      receivedOn: londonDateOf(row.received_at),
      producedOn: londonDateOf(now),
      released: access.entries.filter((e) => !withheldRefs.has(e.ref)),
      withheld: access.entries
        .filter((e) => withheldRefs.has(e.ref))
        .map((e) => {
          const w = withheldRefs.get(e.ref)!;
          return { entry: e, reason: w.reason, note: w.sealed ? unsealAs(deps.keyring, 'rights-withheld', `${row.id}:${e.ref}`, w.sealed).note : null };
        }),
      sources: access.sources,
    });
    const packId = randomUUID();
    await insertResponsePack(trx, {
      partnership_id: row.partnership_id,
      id: packId,
      request_id: row.id,
      produced_at: now,
      produced_by: actor.userId,
      byte_size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      sealed: JSON.stringify(sealAs(deps.keyring, 'rights-response-pack', packId, { pdf: pdf.toString('base64') })),
    });
    await addRightsEvent(deps, trx, actor, row.id, 'pack_produced', { details: { packId, released: access.entries.length - withheldRefs.size, withheld: withheldRefs.size } });
    await appendAudit(trx, auditActor(actor), {
      action: 'rights-request.pack-produced',
      subjectType: 'rights-request',
      subjectId: row.id,
      childId: row.child_id,
      details: { packId, entries: access.entries.length, withheld: withheldRefs.size },
    });
    return ok({ packId, byteSize: pdf.length });
  });
}
