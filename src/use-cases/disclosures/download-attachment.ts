// Download an attachment of a disclosure: the addressed agency's authorised staff (after opening
// it) and the sending side. Decrypted on the fly; audited.
import { canOpenDisclosure, isSenderSide } from '../../domain/disclosures.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import { isUuid } from '../kernel/gateway.ts';
import type { Deps } from '../kernel/deps.ts';
import { disclosureFor, partiesOf, readAttachment, readPayload } from './_payload.ts';
import { notFound, ok, type Outcome } from '../kernel/outcome.ts';

export async function downloadAttachment(deps: Deps, actor: Actor, disclosureId: string, attachmentId: string): Promise<Outcome<{ filename: string; contentType: string; content: Buffer }>> {
  return deps.db.transaction().execute(async (trx) => {
    const d = await disclosureFor(trx, actor, disclosureId, 'disclosure.attachment-downloaded', (p) => canOpenDisclosure(actor, p) || isSenderSide(actor, p));
    if (!d) return notFound;
    const recipientNotOpened = canOpenDisclosure(actor, partiesOf(d)) && d.status !== 'opened';
    const payload = recipientNotOpened || d.status === 'revoked' || d.status === 'expired' ? undefined : readPayload(deps.keyring, d);
    const meta = payload?.attachments.find((a) => a.id === attachmentId);
    const row =
      meta && isUuid(attachmentId)
        ? await trx.selectFrom('disclosure_attachment').select('content').where('partnership_id', '=', actor.partnershipId).where('disclosure_id', '=', d.id).where('id', '=', attachmentId).executeTakeFirst()
        : undefined;
    const content = row && readAttachment(deps.keyring, d, attachmentId, row.content);
    if (!meta || !content) return notFound;
    await appendAudit(trx, auditActor(actor), { action: 'disclosure.attachment-downloaded', subjectType: 'disclosure', subjectId: d.id, childId: d.child_id, details: { attachmentId } });
    return ok({ filename: meta.filename, contentType: meta.contentType, content });
  });
}
