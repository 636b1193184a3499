// /staff: an agency's administrator (or the partnership manager) adds, edits and disables staff and
// gives them the roles the protocols name (Wirral 2022 App. 2 s.4.3, s.5.1; Sandwell 2022 App. 1;
// Haringey 2006 s.8.3); records checks and training (Wirral s.7.1; Southampton 2010 s.18 items 5,
// 20; Sandwell s.10.1); and sees and revokes the agency's API keys. Agency leads see the list.
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canManageAgreements } from '../../domain/agreements.ts';
import { londonDate } from '../../domain/dates.ts';
import { INVITATION_DAYS } from '../../domain/invitations.ts';
import { checkStatus, hasRoleToSeeAll, isStaffAdministrator, type StaffCheckKind, staffCheckLabels } from '../../domain/people.ts';
import { type Role, roleLabels } from '../../domain/staff.ts';
import { STAFF_CSV_COLUMNS } from '../../domain/staff-import.ts';
import { signedIn } from '../../http/auth.ts';
import { listAgreements } from '../../use-cases/agreements/list-agreements.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import type { FieldError } from '../../use-cases/kernel/outcome.ts';
import { listAgencies } from '../../use-cases/partnerships/list-agencies.ts';
import { addStaffMember } from '../../use-cases/staff/add-staff-member.ts';
import { setStaffMemberEnabled } from '../../use-cases/staff/disable-staff-member.ts';
import { importStaff } from '../../use-cases/staff/import-staff.ts';
import { inviteStaffMember } from '../../use-cases/staff/invite-staff-member.ts';
import { listAgencyApiKeys } from '../../use-cases/staff/list-agency-api-keys.ts';
import { listStaff } from '../../use-cases/staff/list-staff.ts';
import { recordStaffCheck } from '../../use-cases/staff/record-staff-check.ts';
import { revokeAgencyApiKey } from '../../use-cases/staff/revoke-agency-api-key.ts';
import { revokeStaffInvitation } from '../../use-cases/staff/revoke-staff-invitation.ts';
import { updateStaffMember } from '../../use-cases/staff/update-staff-member.ts';
import { viewStaffMember } from '../../use-cases/staff/view-staff-member.ts';
import { formatDate } from '../nunjucks.ts';
import { type FormBody, field, render } from '../render.ts';
import { checkKindItems, checkTag, invitationView, roleItems, staffListView } from './presenter.ts';

const list = (body: unknown, name: string): string[] => {
  const v = (body as FormBody | undefined)?.[name];
  return [v ?? []].flat().filter((x): x is string => typeof x === 'string' && x !== '');
};

const takeFlash = (request: FastifyRequest) => {
  const flash = request.session.flash;
  if (flash) request.session.flash = undefined;
  return flash;
};

/** dd mm yyyy fields → an ISO date string ('' when all are blank, so "required" is reported). */
const composeDate = (body: unknown, name: string) => {
  const [d, m, y] = ['day', 'month', 'year'].map((p) => field(body, `${name}-${p}`).trim());
  if (!d && !m && !y) return '';
  return `${y!.padStart(4, '0')}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
};

export async function staffRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/staff', async (request, reply) => {
    const { actor } = signedIn(request);
    const q = request.query as Record<string, string | undefined>;
    const attention = q.report === 'checks';
    const result = await listStaff(deps, actor, { agencyId: q.agency, attention });
    if (result.kind !== 'ok') return reply.callNotFound();
    const agencies = hasRoleToSeeAll(actor) ? await listAgencies(deps, actor) : [];
    // The partnership manager's home page warns of an agreement whose review is overdue (Haringey 2006 s.5.1).
    const overdueReviews = canManageAgreements(actor)
      ? (await listAgreements(deps, actor)).agreements
          .filter((a) => a.status === 'in_force' && a.review === 'overdue')
          .map((a) => ({ href: `/partnership/agreements/${a.id}`, title: a.title, dueOn: formatDate(a.nextReviewOn) }))
      : [];
    return render(request, reply, 'staff/index.njk', {
      overdueReviews,
      pageTitle: attention ? 'Checks and training to renew' : 'Staff',
      attention,
      flash: takeFlash(request),
      canAdd: isStaffAdministrator(actor),
      canSeeKeys: actor.roles.includes('administrator'),
      ownAgencyId: actor.agencyId,
      agencyFilter: hasRoleToSeeAll(actor) ? [{ value: '', text: 'All agencies' }, ...agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === q.agency }))] : null,
      ...staffListView(result.value),
    });
  });

  // --- adding ----------------------------------------------------------------------------------

  async function newPage(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors: FieldError[] = []) {
    const { actor } = signedIn(request);
    const agencies = hasRoleToSeeAll(actor) ? (await listAgencies(deps, actor)).filter((a) => a.membership !== 'left') : [];
    const agencyId = (values.agencyId as string | undefined) ?? actor.agencyId;
    return render(
      request,
      reply,
      'staff/new.njk',
      {
        pageTitle: 'Add a member of staff',
        values,
        errors,
        agencies: agencies.length ? agencies.map((a) => ({ value: a.id, text: `${a.name}${a.membership === 'suspended' ? ' (suspended)' : ''}`, selected: a.id === agencyId })) : null,
        roles: roleItems(actor, (values.roles as string[] | undefined) ?? []),
      },
      errors.length ? 400 : 200,
    );
  }

  app.get('/staff/new', async (request, reply) => {
    if (!isStaffAdministrator(signedIn(request).actor)) return reply.callNotFound();
    const agency = (request.query as Record<string, string | undefined>).agency;
    return newPage(request, reply, { invite: true, ...(agency ? { agencyId: agency } : {}) });
  });

  app.post('/staff/new', async (request, reply) => {
    const { actor } = signedIn(request);
    const values = {
      agencyId: field(request.body, 'agencyId') || undefined,
      email: field(request.body, 'email'),
      displayName: field(request.body, 'displayName'),
      jobTitle: field(request.body, 'jobTitle'),
      roles: list(request.body, 'roles'),
      invite: list(request.body, 'invite').includes('yes'),
    };
    const result = await addStaffMember(deps, actor, values);
    if (result.kind === 'ok') {
      request.session.flash = result.value.invited
        ? `${values.displayName.trim()} was added and sent an invitation by email. The link works once, for ${INVITATION_DAYS} days.`
        : `${values.displayName.trim()} was added. Send them an invitation from this page, or they sign in through their agency’s single sign-on.`;
      return reply.redirect(`/staff/${result.value.userId}`, 303);
    }
    if (result.kind === 'invalid') return newPage(request, reply, values, result.errors);
    return reply.callNotFound();
  });

  // --- one person ------------------------------------------------------------------------------

  async function personPage(
    request: FastifyRequest<{ Params: { userId: string } }>,
    reply: FastifyReply,
    form: { values?: Record<string, unknown>; errors?: FieldError[]; checkValues?: Record<string, string>; checkErrors?: FieldError[]; problem?: string } = {},
  ) {
    const { actor } = signedIn(request);
    const result = await viewStaffMember(deps, actor, request.params.userId);
    if (result.kind !== 'ok') return reply.callNotFound();
    const { member, checks, invitation } = result.value;
    const today = londonDate(deps.now());
    const latest = new Map<string, (typeof checks)[number]>();
    for (const c of checks) if (!latest.has(c.kind)) latest.set(c.kind, c);
    const values = form.values ?? { email: member.email, displayName: member.display_name, jobTitle: member.job_title ?? '', roles: member.roles };
    const errors = [...(form.errors ?? []), ...(form.checkErrors ?? [])];
    return render(
      request,
      reply,
      'staff/show.njk',
      {
        pageTitle: member.display_name,
        flash: takeFlash(request),
        problem: form.problem,
        member: {
          id: member.id,
          name: member.display_name,
          email: member.email,
          jobTitle: member.job_title,
          agency: member.agency_name,
          roles: member.roles.map((r) => roleLabels[r as Role] ?? r),
          active: member.active,
          self: member.id === actor.userId,
          lastSignInAt: member.last_sign_in_at,
        },
        invitation: invitationView(member, invitation),
        summary: (['pre_employment_check', 'information_sharing_training'] as StaffCheckKind[]).map((k) => {
          const c = latest.get(k);
          return { label: staffCheckLabels[k], tag: checkTag(checkStatus(c && { expiresOn: c.expires_on }, today)), completedOn: c?.completed_on ?? null, expiresOn: c?.expires_on ?? null };
        }),
        checks: checks.map((c) => ({ ...c, label: staffCheckLabels[c.kind as StaffCheckKind] ?? c.kind })),
        values,
        roles: roleItems(actor, (values.roles as string[]) ?? [], member.roles),
        checkValues: form.checkValues ?? {},
        checkKinds: checkKindItems(form.checkValues?.kind),
        errors,
      },
      errors.length || form.problem ? 400 : 200,
    );
  }

  app.get<{ Params: { userId: string } }>('/staff/:userId', async (request, reply) => personPage(request, reply));

  app.post<{ Params: { userId: string } }>('/staff/:userId', async (request, reply) => {
    const { actor } = signedIn(request);
    const values = { email: field(request.body, 'email'), displayName: field(request.body, 'displayName'), jobTitle: field(request.body, 'jobTitle'), roles: list(request.body, 'roles') };
    const result = await updateStaffMember(deps, actor, request.params.userId, values);
    if (result.kind === 'ok') {
      request.session.flash = result.value.revoked ? 'Saved. Their address or roles changed, so they have been signed out everywhere and their API keys revoked.' : 'Saved.';
      return reply.redirect(`/staff/${request.params.userId}`, 303);
    }
    if (result.kind === 'invalid') return personPage(request, reply, { values, errors: result.errors });
    return reply.callNotFound();
  });

  for (const [path, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    app.post<{ Params: { userId: string } }>(`/staff/:userId/${path}`, async (request, reply) => {
      const { actor } = signedIn(request);
      const result = await setStaffMemberEnabled(deps, actor, request.params.userId, enabled);
      if (result.kind === 'ok') {
        request.session.flash = enabled ? 'The account is enabled. They sign in again.' : 'The account is disabled. They have been signed out everywhere and their API keys revoked.';
        return reply.redirect(`/staff/${request.params.userId}`, 303);
      }
      if (result.kind === 'conflict') return personPage(request, reply, { problem: result.reason });
      return reply.callNotFound();
    });
  }

  app.post<{ Params: { userId: string } }>('/staff/:userId/checks', async (request, reply) => {
    const { actor } = signedIn(request);
    const checkValues = {
      kind: field(request.body, 'kind'),
      'completedOn-day': field(request.body, 'completedOn-day'),
      'completedOn-month': field(request.body, 'completedOn-month'),
      'completedOn-year': field(request.body, 'completedOn-year'),
      'expiresOn-day': field(request.body, 'expiresOn-day'),
      'expiresOn-month': field(request.body, 'expiresOn-month'),
      'expiresOn-year': field(request.body, 'expiresOn-year'),
      note: field(request.body, 'note'),
    };
    const result = await recordStaffCheck(deps, actor, request.params.userId, {
      kind: checkValues.kind || undefined,
      completedOn: composeDate(request.body, 'completedOn') || undefined,
      expiresOn: composeDate(request.body, 'expiresOn'),
      note: checkValues.note,
    });
    if (result.kind === 'ok') {
      request.session.flash = 'Recorded.';
      return reply.redirect(`/staff/${request.params.userId}#checks`, 303);
    }
    if (result.kind === 'invalid') return personPage(request, reply, { checkValues, checkErrors: result.errors });
    return reply.callNotFound();
  });

  // --- invitations by e-mail (ADR 0084) ---------------------------------------------------------

  for (const [path, verb, done] of [
    ['invite', inviteStaffMember, `An invitation has been sent by email. The link works once, for ${INVITATION_DAYS} days; any earlier link no longer works.`],
    ['invitation/revoke', revokeStaffInvitation, 'The invitation has been withdrawn: its link no longer works.'],
  ] as const) {
    app.post<{ Params: { userId: string } }>(`/staff/:userId/${path}`, async (request, reply) => {
      const result = await verb(deps, signedIn(request).actor, request.params.userId);
      if (result.kind === 'ok') {
        request.session.flash = done;
        return reply.redirect(`/staff/${request.params.userId}#invitation`, 303);
      }
      if (result.kind === 'conflict') return personPage(request, reply, { problem: result.reason });
      return reply.callNotFound();
    });
  }

  // --- bulk import from CSV (a dry run first; all lines or none) --------------------------------

  const IMPORT_MAX_BYTES = 512 * 1024;
  app.get('/staff/import', async (request, reply) => {
    if (!isStaffAdministrator(signedIn(request).actor)) return reply.callNotFound();
    return render(request, reply, 'staff/import.njk', { pageTitle: 'Import staff from a CSV file', columns: STAFF_CSV_COLUMNS.join(',') });
  });

  // The file is parsed into the body before the web plugin's preHandler checks the CSRF token in it
  // (as on the disclosure form, ADR 0013); multipart is registered for this POST alone.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { files: 1, fileSize: IMPORT_MAX_BYTES, fields: 5, parts: 6 },
      async onFile(part: MultipartFile) {
        part.value = (await part.toBuffer()).toString('utf8');
      },
    });
    scope.post('/staff/import', async (request, reply) => {
      const { actor } = signedIn(request);
      const csv = field(request.body, 'file');
      const dryRun = field(request.body, 'confirm') !== 'yes';
      const invite = field(request.body, 'invite') === 'yes';
      const page = (model: Record<string, unknown>, status = 200) =>
        render(request, reply, 'staff/import.njk', { pageTitle: 'Import staff from a CSV file', columns: STAFF_CSV_COLUMNS.join(','), invite, ...model }, status);
      if (!csv.trim()) return page({ errors: [{ path: 'file', message: 'Choose a CSV file with one person on each line' }] }, 400);
      const result = await importStaff(deps, actor, { csv, dryRun, invite });
      if (result.kind !== 'ok') return reply.callNotFound();
      const r = result.value;
      if (r.imported) {
        request.session.flash = `Added ${r.people.length} ${r.people.length === 1 ? 'person' : 'people'}.${r.invited ? ` ${r.invited} ${r.invited === 1 ? 'invitation was' : 'invitations were'} sent by email.` : ''}`;
        return reply.redirect('/staff', 303);
      }
      const errors = r.errors.map((e) => ({ path: 'file', message: `Line ${e.line}: ${e.message}` }));
      // A clean dry run shows what would be added and asks to confirm, carrying the file's text.
      return page({ result: r, errors, csv: errors.length ? undefined : csv }, errors.length ? 400 : 200);
    });
  });

  // --- the agency's API keys ------------------------------------------------------------------

  app.get('/staff/api-keys', async (request, reply) => {
    const result = await listAgencyApiKeys(deps, signedIn(request).actor);
    if (result.kind !== 'ok') return reply.callNotFound();
    const now = deps.now();
    const keys = result.value.map((k) => ({ ...k, expired: !k.revoked_at && k.expires_at !== null && k.expires_at <= now }));
    return render(request, reply, 'staff/api-keys.njk', { pageTitle: 'Your agency’s API keys', keys, flash: takeFlash(request) });
  });

  app.post<{ Params: { keyId: string } }>('/staff/api-keys/:keyId/revoke', async (request, reply) => {
    const result = await revokeAgencyApiKey(deps, signedIn(request).actor, request.params.keyId);
    if (result.kind !== 'ok') return reply.callNotFound();
    request.session.flash = 'The key is revoked: it no longer works.';
    return reply.redirect('/staff/api-keys', 303);
  });
}
