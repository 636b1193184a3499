// Download a response pack (the sealed PDF): for the handling agency's IG lead, audited.
import { findResponsePack } from '../../db/queries/rights.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { isUuid } from '../kernel/gateway.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { unsealAs } from '../kernel/sealed.ts';
import { rightsRequestFor } from './_steps.ts';

export async function downloadResponsePack(deps: Deps, actor: Actor, requestId: string, packId: string): Promise<Outcome<{ pdf: Buffer; filename: string }>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await rightsRequestFor(trx, actor, requestId, 'rights-request.pack-downloaded');
    if (!row) return notFound;
    const pack = isUuid(packId) ? await findResponsePack(trx, row.partnership_id, row.id, packId) : undefined;
    if (!pack?.sealed) return notFound;
    const pdf = Buffer.from(unsealAs(deps.keyring, 'rights-response-pack', pack.id, pack.sealed).pdf, 'base64');
    await appendAudit(trx, auditActor(actor), {
      action: 'rights-request.pack-downloaded',
      subjectType: 'rights-request',
      subjectId: row.id,
      childId: row.child_id ?? undefined,
      details: { packId: pack.id, sha256: pack.sha256 },
    });
    return ok({ pdf, filename: `subject-access-response-${row.id.slice(0, 8)}.pdf` });
  });
}
