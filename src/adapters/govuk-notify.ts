// GOV.UK Notify, through its official client (notifications-node-client). One generic e-mail
// template whose subject is ((subject)) and whose body is ((body)) (docs/notifications.md): Concord
// fills them with the fixed sentences of src/domain/notifications.ts and the service's sign-in
// address, never with personal data. Our outbox id goes as Notify's `reference`, so Notify's
// records can be matched with ours. Errors are reduced to Notify's error class and the HTTP status:
// Notify's messages can quote what was sent.
import axios from 'axios';
import { NotifyClient } from 'notifications-node-client';
import { safeErrorCode } from '../domain/email-outbox.ts';
import { DeliveryError, type Notifier, type OutgoingEmail } from '../use-cases/kernel/notifier.ts';

export const GOVUK_NOTIFY = 'govuk-notify';

/** The part of NotifyClient that Concord uses (tests pass a fake; nothing else is mocked). */
export interface NotifyEmailClient {
  sendEmail(templateId: string, emailAddress: string, options: { personalisation: Record<string, string>; reference: string }): Promise<{ data: { id: string } }>;
}

/** A real client for `apiKey`, with a time-out so that a stalled request cannot hold the delivery job. */
export function notifyClient(apiKey: string, timeoutMs = 10_000): NotifyEmailClient {
  const client = new NotifyClient(apiKey);
  // The client requires axios as CommonJS and this module imports it as ESM: the same library, two type identities.
  client.setClient(axios.create({ timeout: timeoutMs }) as unknown as Parameters<NotifyClient['setClient']>[0]);
  return client;
}

/** The sign-in address appended to every e-mail: PUBLIC_URL + /sign-in. */
export const signInUrl = (publicUrl: string) => `${publicUrl.replace(/\/+$/, '')}/sign-in`;

/** The personalisation for the generic template: the stored subject, and the stored body with where to sign in. */
export function personalisation(email: Pick<OutgoingEmail, 'subject' | 'body'>, publicUrl: string): { subject: string; body: string } {
  return { subject: email.subject, body: `${email.body}\n\nSign in at ${signInUrl(publicUrl)}` };
}

interface ClientError {
  code?: unknown;
  name?: unknown;
  response?: { status?: unknown; data?: { errors?: { error?: unknown }[] } };
}

/** Notify's error class (BadRequestError, AuthError, RateLimitError…) or the network error code, and the status. */
export function deliveryError(e: unknown): DeliveryError {
  const err = (typeof e === 'object' && e !== null ? e : {}) as ClientError;
  const status = typeof err.response?.status === 'number' ? err.response.status : undefined;
  const code = safeErrorCode(err.response?.data?.errors?.[0]?.error) ?? safeErrorCode(err.code) ?? safeErrorCode(err.name);
  // 400: Notify refused the message itself (an invalid address, a recipient a trial service may not
  // send to); sending it again will not help. Anything else (403 key, 429 rate limit, 5xx, network)
  // may pass on a later attempt.
  return new DeliveryError(GOVUK_NOTIFY, code, status, status === 400);
}

export function govukNotifyNotifier(options: { client: NotifyEmailClient; templateId: string; publicUrl: string }): Notifier {
  return {
    name: GOVUK_NOTIFY,
    async deliver(email) {
      let response: Awaited<ReturnType<NotifyEmailClient['sendEmail']>>;
      try {
        response = await options.client.sendEmail(options.templateId, email.to, { personalisation: personalisation(email, options.publicUrl), reference: email.id });
      } catch (e) {
        throw deliveryError(e);
      }
      return { provider: GOVUK_NOTIFY, reference: typeof response?.data?.id === 'string' ? response.data.id : null, sent: true };
    },
  };
}
