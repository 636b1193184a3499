// Deliver pending e-mails from the outbox through the configured notifier (the e-mail job, every
// minute). Each e-mail is claimed, delivered and marked in its own transaction: the row is locked
// (`for update skip locked`) while it is handed to the notifier, so two runs at once never deliver
// the same e-mail, and its new state commits with nothing else, so one e-mail's failure loses no
// other's. An e-mail is tried at most once per run, oldest first; after MAX_DELIVERY_ATTEMPTS failed
// attempts (or a refusal that no retry can fix) it is marked `failed`. A failure is stored as an
// error code and HTTP status only, never a provider's message.
import { claimPendingEmail, updateEmail } from '../../db/queries/email-outbox.ts';
import { afterFailedAttempt, deliveryErrorText, safeErrorCode } from '../../domain/email-outbox.ts';
import type { Deps } from '../kernel/deps.ts';
import { DeliveryError, notifierOf } from '../kernel/notifier.ts';

export const DELIVERY_BATCH = 50;

export interface DeliveryRun {
  /** Sent by a provider. */
  sent: number;
  /** Kept in the local outbox (nothing sent). */
  keptLocally: number;
  /** Failed this time; to be tried again. */
  retrying: number;
  /** Failed for the last time. */
  failed: number;
}

function failureText(e: unknown): { text: string; permanent: boolean } {
  if (e instanceof DeliveryError) return { text: e.message, permanent: e.permanent };
  const name = typeof e === 'object' && e !== null ? (e as { name?: unknown }).name : undefined;
  return { text: deliveryErrorText(safeErrorCode(name)), permanent: false };
}

export async function deliverEmails(deps: Deps, options: { batchSize?: number } = {}): Promise<DeliveryRun> {
  const notifier = notifierOf(deps);
  const run: DeliveryRun = { sent: 0, keptLocally: 0, retrying: 0, failed: 0 };
  const tried: string[] = [];
  for (let n = 0; n < (options.batchSize ?? DELIVERY_BATCH); n += 1) {
    const more = await deps.db.transaction().execute(async (trx) => {
      const email = await claimPendingEmail(trx, tried);
      if (!email) return false;
      tried.push(email.id);
      try {
        const receipt = await notifier.deliver({ id: email.id, to: email.to_address, subject: email.subject, body: email.body, template: email.template });
        await updateEmail(trx, email.partnership_id, email.id, {
          status: receipt.sent ? 'sent' : 'kept_locally',
          attempts: email.attempts + 1,
          delivered_at: deps.now(),
          provider: receipt.provider,
          provider_reference: receipt.reference,
          last_error: null,
        });
        if (receipt.sent) run.sent += 1;
        else run.keptLocally += 1;
      } catch (e) {
        const failure = failureText(e);
        const next = afterFailedAttempt(email.attempts, failure.permanent);
        await updateEmail(trx, email.partnership_id, email.id, { status: next.status, attempts: next.attempts, provider: notifier.name, last_error: failure.text });
        if (next.status === 'failed') run.failed += 1;
        else run.retrying += 1;
      }
      return true;
    });
    if (!more) break;
  }
  return run;
}
