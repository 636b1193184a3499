// How an e-mail from the outbox leaves Concord. The delivery job (deliver-emails.ts) hands each
// pending e-mail to the configured Notifier. The default, the local outbox, sends nothing: the
// e-mail stays in the outbox, readable in the app (/outbox) and the CLI (`concord outbox`). The
// GOV.UK Notify notifier lives at the network edge (src/adapters) and is chosen in the composition
// root. E-mails never carry personal data (src/domain/notifications.ts), so neither does a notifier.
import { deliveryErrorText } from '../../domain/email-outbox.ts';
import type { Deps } from './deps.ts';

export interface OutgoingEmail {
  /** The outbox id: a provider's reference, so that its records can be matched with ours. */
  id: string;
  to: string;
  subject: string;
  body: string;
  /** The notification kind the e-mail is for (e.g. request.received). */
  template: string;
}

export interface DeliveryReceipt {
  provider: string;
  /** The provider's id for the message, if it gave one. */
  reference: string | null;
  /** False when the e-mail was kept rather than sent (the local outbox). */
  sent: boolean;
}

export interface Notifier {
  name: string;
  deliver(email: OutgoingEmail): Promise<DeliveryReceipt>;
}

/**
 * A failed delivery, described without personal data: the provider, an error code or class, and an
 * HTTP status ("govuk-notify RateLimitError (HTTP 429)").
 * `permanent` failures (the provider refused the message itself) are not retried.
 */
export class DeliveryError extends Error {
  constructor(
    readonly provider: string,
    readonly code: string | undefined,
    readonly status?: number,
    readonly permanent = false,
  ) {
    super(`${provider} ${deliveryErrorText(code, status)}`);
    this.name = 'DeliveryError';
  }
}

export const LOCAL_OUTBOX = 'local-outbox';

/** Development and demo: nothing is sent; the e-mail is kept in the outbox for people to read there. */
export const localOutboxNotifier: Notifier = {
  name: LOCAL_OUTBOX,
  async deliver() {
    return { provider: LOCAL_OUTBOX, reference: null, sent: false };
  },
};

/** The configured notifier, or the local outbox. */
export const notifierOf = (deps: Pick<Deps, 'notifier'>): Notifier => deps.notifier ?? localOutboxNotifier;
