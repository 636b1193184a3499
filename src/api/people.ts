// Staff and agencies over the JSON API (/api/v1/staff, /api/v1/agencies, /api/v1/agency-api-keys):
// the same use cases as the /staff and /agencies pages. Out of reach → 404; a broken rule → 422; a
// role that does not allow it → 403; a change that cannot happen now → 409. Nothing is cached.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { MembershipChange } from '../domain/people.ts';
import { signedIn } from '../http/auth.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';
import type { Outcome } from '../use-cases/kernel/outcome.ts';
import { addAgency } from '../use-cases/partnerships/add-agency.ts';
import { changeAgencyMembership } from '../use-cases/partnerships/change-agency-membership.ts';
import { listAgencies } from '../use-cases/partnerships/list-agencies.ts';
import { addStaffMember } from '../use-cases/staff/add-staff-member.ts';
import { setStaffMemberEnabled } from '../use-cases/staff/disable-staff-member.ts';
import { inviteStaffMember } from '../use-cases/staff/invite-staff-member.ts';
import { listAgencyApiKeys } from '../use-cases/staff/list-agency-api-keys.ts';
import { listStaff } from '../use-cases/staff/list-staff.ts';
import { recordStaffCheck } from '../use-cases/staff/record-staff-check.ts';
import { revokeAgencyApiKey } from '../use-cases/staff/revoke-agency-api-key.ts';
import { revokeStaffInvitation } from '../use-cases/staff/revoke-staff-invitation.ts';
import { updateStaffMember } from '../use-cases/staff/update-staff-member.ts';
import { viewStaffMember } from '../use-cases/staff/view-staff-member.ts';
import type { agencyApiKeysSchema, agencyListSchema, staffChangedSchema, staffListSchema, staffMemberSchema } from './people-schemas.ts';
import { invalidProblem, notFoundProblem, problem } from './problem.ts';

const API = '/api/v1';
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).header('cache-control', 'no-store').send(body);
const bodyOf = (b: unknown): Record<string, unknown> => (b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {});

function failure(reply: FastifyReply, o: Exclude<Outcome<unknown>, { kind: 'ok' }>) {
  if (o.kind === 'invalid') return invalidProblem(reply, o.errors);
  if (o.kind === 'conflict') return problem(reply, 409, 'Conflict', o.reason);
  if (o.kind === 'forbidden') return problem(reply, 403, 'Forbidden', o.reason);
  return notFoundProblem(reply);
}

export async function peopleApiRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/staff', async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const r = await listStaff(deps, signedIn(request).actor, { agencyId: q.agencyId, attention: q.report === 'checks' });
    if (r.kind !== 'ok') return failure(reply, r);
    return send(reply, {
      staff: r.value.staff.map((s) => ({
        id: s.id,
        email: s.email,
        displayName: s.displayName,
        jobTitle: s.jobTitle,
        agency: { id: s.agencyId, name: s.agencyName },
        roles: s.roles,
        active: s.active,
        lastSignInAt: iso(s.lastSignInAt),
        checks: s.checks,
        href: `${API}/staff/${s.id}`,
      })),
      agencies: r.value.agencies.map((a) => ({ ...a, membership: a.membership as 'member' })),
    } satisfies z.input<typeof staffListSchema>);
  });

  app.post('/staff', async (request, reply) => {
    const r = await addStaffMember(deps, signedIn(request).actor, bodyOf(request.body));
    if (r.kind !== 'ok') return failure(reply, r);
    return send(reply, { id: r.value.userId, href: `${API}/staff/${r.value.userId}`, invited: r.value.invited } satisfies z.input<typeof staffChangedSchema>, 201);
  });

  app.get<{ Params: { userId: string } }>('/staff/:userId', async (request, reply) => {
    const r = await viewStaffMember(deps, signedIn(request).actor, request.params.userId);
    if (r.kind !== 'ok') return failure(reply, r);
    const { member: m, checks, invitation } = r.value;
    return send(reply, {
      id: m.id,
      email: m.email,
      displayName: m.display_name,
      jobTitle: m.job_title,
      agency: { id: m.agency_id, name: m.agency_name },
      roles: m.roles as 'practitioner'[],
      active: m.active,
      lastSignInAt: iso(m.last_sign_in_at),
      checks: checks.map((c) => ({ id: c.id, kind: c.kind as 'pre_employment_check', completedOn: c.completed_on, expiresOn: c.expires_on, note: c.note, recordedAt: c.recorded_at.toISOString() })),
      invitation: invitation && { state: invitation.state, sentAt: invitation.sentAt.toISOString(), expiresAt: invitation.expiresAt.toISOString() },
    } satisfies z.input<typeof staffMemberSchema>);
  });

  app.put<{ Params: { userId: string } }>('/staff/:userId', async (request, reply) => {
    const r = await updateStaffMember(deps, signedIn(request).actor, request.params.userId, bodyOf(request.body));
    if (r.kind !== 'ok') return failure(reply, r);
    return send(reply, { id: r.value.userId, href: `${API}/staff/${r.value.userId}`, credentialsRevoked: r.value.revoked });
  });

  for (const [path, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    app.post<{ Params: { userId: string } }>(`/staff/:userId/${path}`, async (request, reply) => {
      const r = await setStaffMemberEnabled(deps, signedIn(request).actor, request.params.userId, enabled);
      if (r.kind !== 'ok') return failure(reply, r);
      return send(reply, { id: r.value.userId, href: `${API}/staff/${r.value.userId}`, credentialsRevoked: true });
    });
  }

  for (const [path, verb] of [
    ['invitation', inviteStaffMember],
    ['invitation/revoke', revokeStaffInvitation],
  ] as const) {
    app.post<{ Params: { userId: string } }>(`/staff/:userId/${path}`, async (request, reply) => {
      const r = await verb(deps, signedIn(request).actor, request.params.userId);
      if (r.kind !== 'ok') return failure(reply, r);
      return send(reply, { id: r.value.userId, href: `${API}/staff/${r.value.userId}`, invited: path === 'invitation' } satisfies z.input<typeof staffChangedSchema>);
    });
  }

  app.post<{ Params: { userId: string } }>('/staff/:userId/checks', async (request, reply) => {
    const r = await recordStaffCheck(deps, signedIn(request).actor, request.params.userId, bodyOf(request.body));
    if (r.kind !== 'ok') return failure(reply, r);
    return send(reply, { id: r.value.checkId, href: `${API}/staff/${request.params.userId}` }, 201);
  });

  app.get('/agency-api-keys', async (request, reply) => {
    const r = await listAgencyApiKeys(deps, signedIn(request).actor);
    if (r.kind !== 'ok') return failure(reply, r);
    return send(reply, {
      keys: r.value.map((k) => ({
        id: k.id,
        name: k.name,
        prefix: k.prefix,
        holder: { id: k.user_id, displayName: k.display_name },
        createdAt: k.created_at.toISOString(),
        lastUsedAt: iso(k.last_used_at),
        expiresAt: iso(k.expires_at),
        revokedAt: iso(k.revoked_at),
      })),
    } satisfies z.input<typeof agencyApiKeysSchema>);
  });

  app.post<{ Params: { keyId: string } }>('/agency-api-keys/:keyId/revoke', async (request, reply) => {
    const r = await revokeAgencyApiKey(deps, signedIn(request).actor, request.params.keyId);
    if (r.kind !== 'ok') return failure(reply, r);
    return reply.code(204).header('cache-control', 'no-store').send();
  });

  app.get('/agencies', async (request, reply) => {
    const { actor } = signedIn(request);
    if (!actor.roles.includes('partnership_manager')) return problem(reply, 403, 'Forbidden', 'Only the partnership manager manages agencies.');
    const agencies = await listAgencies(deps, actor);
    return send(reply, {
      agencies: agencies.map((a) => ({
        id: a.id,
        name: a.name,
        sector: a.sector,
        kind: a.kind,
        membership: a.membership as 'member',
        membershipReason: a.membership_reason,
        membershipChangedAt: iso(a.membership_changed_at),
      })),
    } satisfies z.input<typeof agencyListSchema>);
  });

  app.post('/agencies', async (request, reply) => {
    const r = await addAgency(deps, signedIn(request).actor, bodyOf(request.body));
    if (r.kind !== 'ok') return failure(reply, r);
    return send(reply, { id: r.value.agencyId, membership: 'member' }, 201);
  });

  for (const change of ['suspend', 'reinstate', 'leave'] as MembershipChange[]) {
    app.post<{ Params: { agencyId: string } }>(`/agencies/:agencyId/${change}`, async (request, reply) => {
      const r = await changeAgencyMembership(deps, signedIn(request).actor, request.params.agencyId, change, bodyOf(request.body));
      if (r.kind !== 'ok') return failure(reply, r);
      return send(reply, { id: request.params.agencyId, membership: r.value.membership });
    });
  }
}
