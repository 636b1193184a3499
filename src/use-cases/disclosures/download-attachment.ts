// Download an attachment of a disclosure: the addressed agency's authorised staff (after opening
// it) and the sending side. Decrypted on the fly; audited.
import { attachmentContent } from '../../db/queries/disclosures.ts';
import { canOpenDisclosure, contentReadable, type DisclosureStatus, isSenderSide } from '../../domain/disclosures.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { DISCLOSURE, isUuid, reach } from '../kernel/gateway.ts';
import { notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { unsealAttachment, unsealDisclosurePayload } from '../kernel/sealed.ts';

export async function downloadAttachment(deps: Deps, actor: Actor, disclosureId: string, attachmentId: string): Promise<Outcome<{ filename: string; contentType: string; content: Buffer }>> {
  return deps.db.transaction().execute(async (trx) => {
    const d = await reach(trx, actor, DISCLOSURE, disclosureId, 'disclosure.attachment-downloaded', (r) => canOpenDisclosure(actor, r.parties) || isSenderSide(actor, r.parties));
    if (!d) return notFound;
    const recipientNotOpened = canOpenDisclosure(actor, d.parties) && d.status !== 'opened';
    const payload = recipientNotOpened || !contentReadable(d.status as DisclosureStatus) ? undefined : unsealDisclosurePayload(deps.keyring, d);
    const meta = payload?.attachments.find((a) => a.id === attachmentId);
    const row = meta && isUuid(attachmentId) ? await attachmentContent(trx, actor.partnershipId, d.id, attachmentId) : undefined;
    const content = row && unsealAttachment(deps.keyring, d, attachmentId, row.content);
    if (!meta || !content) return notFound;
    await appendAudit(trx, auditActor(actor), { action: 'disclosure.attachment-downloaded', subjectType: 'disclosure', subjectId: d.id, childId: d.child_id, details: { attachmentId } });
    return ok({ filename: meta.filename, contentType: meta.contentType, content });
  });
}
