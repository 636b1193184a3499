// Pure view models for the staff pages: the list with checks and training, one person, the forms.
import { formatDateTime } from '../../domain/date-format.ts';
import { type InvitationState, invitationStateLabels, inviteRefusal } from '../../domain/invitations.ts';
import { assignableRoles, type CheckStatus, checkStatusLabels, STAFF_CHECK_KINDS, staffCheckLabels } from '../../domain/people.ts';
import { type Actor, ROLES, type Role, roleLabels } from '../../domain/staff.ts';
import type { StaffList } from '../../use-cases/staff/list-staff.ts';
import type { StaffInvitation } from '../../use-cases/staff/view-staff-member.ts';

const TAG: Record<CheckStatus, string> = { current: 'govuk-tag--green', due: 'govuk-tag--yellow', expired: 'govuk-tag--red', missing: 'govuk-tag--grey' };

export const checkTag = (status: CheckStatus) => ({ text: checkStatusLabels[status], classes: TAG[status] });

export function staffListView(list: StaffList) {
  return {
    rows: list.staff.map((s) => ({
      href: `/staff/${s.id}`,
      name: s.displayName,
      email: s.email,
      agency: s.agencyName,
      roles: s.roles.map((r) => roleLabels[r] ?? r).join(', '),
      status: s.active ? 'Active' : 'Disabled',
      checks: STAFF_CHECK_KINDS.map((k) => ({ label: staffCheckLabels[k], tag: checkTag(s.checks[k].status), expiresOn: s.checks[k].expiresOn })),
    })),
    gaps: list.agencies.filter((a) => a.missingRoles.length).map((a) => ({ agency: a.name, roles: a.missingRoles.map((r) => roleLabels[r]).join(', ') })),
  };
}

/** The role checkboxes: those the actor may give, plus any the person holds already (shown, kept). */
export function roleItems(actor: Pick<Actor, 'roles'>, selected: readonly string[], held: readonly string[] = []) {
  const allowed = new Set<string>(assignableRoles(actor));
  return ROLES.filter((r) => allowed.has(r) || held.includes(r)).map((r: Role) => ({
    value: r,
    text: roleLabels[r],
    checked: selected.includes(r),
    ...(allowed.has(r) ? {} : { disabled: true, hint: { text: 'Only the partnership manager can change this role' } }),
  }));
}

export const checkKindItems = (selected?: string) => STAFF_CHECK_KINDS.map((k) => ({ value: k, text: staffCheckLabels[k], checked: selected === k }));

const INVITATION_TAG: Record<InvitationState, string> = { pending: 'govuk-tag--blue', accepted: 'govuk-tag--green', revoked: 'govuk-tag--grey', expired: 'govuk-tag--yellow' };

/** The invitation section of a person's page: the latest invitation's state, and whether one can be
 *  sent (again) or withdrawn, with the reason when it cannot be sent (ADR 0084). */
export function invitationView(member: { active: boolean; has_password: unknown; agency_membership: string }, invitation: StaffInvitation | null) {
  const refusal = inviteRefusal({ active: member.active, hasPassword: Boolean(member.has_password), agencyMembership: member.agency_membership });
  const tag = invitation ? { text: invitationStateLabels[invitation.state], classes: INVITATION_TAG[invitation.state] } : { text: 'No invitation sent', classes: 'govuk-tag--grey' };
  return {
    tag,
    rows: [
      { key: { text: 'Status' }, value: { html: `<strong class="govuk-tag ${tag.classes}">${tag.text}</strong>` } },
      ...(invitation ? [{ key: { text: 'Sent' }, value: { text: formatDateTime(invitation.sentAt) } }] : []),
      ...(invitation?.state === 'pending' ? [{ key: { text: 'Link works until' }, value: { text: formatDateTime(invitation.expiresAt) } }] : []),
    ],
    canSend: refusal === undefined,
    sendLabel: invitation ? 'Send a new invitation' : 'Send an invitation',
    canRevoke: invitation?.state === 'pending',
    cannotSend: refusal ?? null,
  };
}
