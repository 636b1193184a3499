// Chooses how e-mails leave Concord (EMAIL_NOTIFIER), for the composition root and the CLI.
import { localOutboxNotifier, type Notifier } from '../use-cases/kernel/notifier.ts';
import { govukNotifyNotifier, notifyClient } from './govuk-notify.ts';

export type EmailSettings = { notifier: 'outbox' } | { notifier: 'govuk-notify'; apiKey: string; templateId: string };

export function createNotifier(email: EmailSettings, publicUrl: string): Notifier {
  if (email.notifier === 'govuk-notify') return govukNotifyNotifier({ client: notifyClient(email.apiKey), templateId: email.templateId, publicUrl });
  return localOutboxNotifier;
}
