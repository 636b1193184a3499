// Rendering a page: the layout's variables come from the request (signed-in user, CSRF token,
// CSP nonce, current path) and the page's own view model.

import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { mayReviewAccessAlerts } from '../domain/access-alerts.ts';
import { isAuditStaff } from '../domain/access-log.ts';
import { canReadOutbox } from '../domain/email-outbox.ts';
import { canManageAgencies, isStaffAdministrator, mayWorkWithChildren } from '../domain/people.ts';
import { canLogRightsRequest } from '../domain/rights.ts';
import { isAgencyLead, roleLabels } from '../domain/staff.ts';
import type { FieldError } from '../use-cases/kernel/outcome.ts';
import type { Submission } from '../use-cases/kernel/submissions.ts';
import { stackTables } from './stacked-tables.ts';

export async function render(request: FastifyRequest, reply: FastifyReply, template: string, model: Record<string, unknown> & { pageTitle: string; errors?: FieldError[] }, statusCode = 200) {
  const staff = request.staff;
  const nonce = (reply as unknown as { cspNonce?: { script: string } }).cspNonce?.script;
  // The count is a courtesy: if it cannot be read (the error page after a database failure), show none.
  const unreadNotifications = staff && request.unreadNotifications ? await request.unreadNotifications().catch(() => 0) : 0;
  const html = await reply.viewAsync(template, {
    cspNonce: nonce,
    csrfToken: reply.generateCsrf(),
    currentPath: request.url.split('?')[0],
    user: staff
      ? {
          displayName: staff.displayName,
          agencyName: staff.agencyName,
          partnershipName: staff.partnershipName,
          // Accounts in other partnerships opened at sign-in: the header offers a switch (ADR 0076).
          canSwitchPartnership: (request.session?.auth?.partnerships?.length ?? 0) > 1,
          roleLabels: staff.roles.map((r) => roleLabels[r]),
          canAudit: isAuditStaff(staff),
          canReviewDisposals: staff.roles.includes('ig_lead'),
          canHandleRights: canLogRightsRequest(staff),
          canUseBreakGlass: mayWorkWithChildren(staff),
          canReviewAccessAlerts: mayReviewAccessAlerts(staff),
          canReadOutbox: canReadOutbox(staff),
          canSeeStaff: isStaffAdministrator(staff) || isAgencyLead(staff),
          canManageAgencies: canManageAgencies(staff),
          unreadNotifications,
        }
      : undefined,
    errors: [],
    // Every rendered form may carry a one-time key, so a create happens once however often it is sent (ADR 0071).
    submissionKey: randomUUID(),
    ...model,
  });
  return reply.code(statusCode).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(stackTables(html));
}

/** Form fields come as strings (or arrays of strings for repeated names). */
export type FormBody = Record<string, string | string[] | undefined>;

export function field(body: unknown, name: string): string {
  const v = (body as FormBody | undefined)?.[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

export function yesNo(body: unknown, name: string): boolean | undefined {
  const v = field(body, name);
  return v === 'yes' ? true : v === 'no' ? false : undefined;
}

export function checked(body: unknown, name: string, value: string): boolean {
  const v = (body as FormBody | undefined)?.[name];
  return Array.isArray(v) ? v.includes(value) : v === value;
}

/** A create form's one-time key (the hidden `_submission` field, `submissionKey` in the view), if it sent one. */
export function formSubmission(body: unknown): Submission | undefined {
  const key = field(body, '_submission');
  return key ? { key, fingerprint: 'form' } : undefined;
}
