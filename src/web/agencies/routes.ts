// /agencies: the partnership manager's view of the partnership's agencies — adding one that joins,
// suspending, reinstating, and recording that one has left. A suspended or departed agency can no
// longer be sent information (the send page says why). And an agency's own single sign-on settings,
// for its administrator (/agencies/:agencyId/identity-provider; ADR 0047).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canManageAgencies, type Membership, type MembershipChange, membershipLabels } from '../../domain/people.ts';
import { LINK_BY } from '../../domain/sso.ts';
import { AGENCY_KINDS, SECTORS } from '../../domain/staff.ts';
import { signedIn } from '../../http/auth.ts';
import { redirectUriOf } from '../../use-cases/accounts/start-single-sign-on.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import type { FieldError } from '../../use-cases/kernel/outcome.ts';
import { addAgency } from '../../use-cases/partnerships/add-agency.ts';
import { changeAgencyMembership } from '../../use-cases/partnerships/change-agency-membership.ts';
import { listAgencies } from '../../use-cases/partnerships/list-agencies.ts';
import type { IdentityProviderView } from '../../use-cases/staff/_identity-provider.ts';
import { saveIdentityProvider } from '../../use-cases/staff/save-identity-provider.ts';
import { viewIdentityProvider } from '../../use-cases/staff/view-identity-provider.ts';
import { stepUpSatisfied } from '../auth.ts';
import { field, render } from '../render.ts';

const sectorLabel = (s: string) => s.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
const kindLabels: Record<string, string> = { statutory_partner: 'Statutory safeguarding partner', relevant_agency: 'Relevant agency' };
const TAG: Record<Membership, string> = { member: 'govuk-tag--green', suspended: 'govuk-tag--yellow', left: 'govuk-tag--grey' };

const takeFlash = (request: FastifyRequest) => {
  const flash = request.session.flash;
  if (flash) request.session.flash = undefined;
  return flash;
};

export async function agencyRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  async function indexPage(request: FastifyRequest, reply: FastifyReply, form: { values?: Record<string, string>; errors?: FieldError[]; problem?: string; openAgency?: string } = {}) {
    const { actor } = signedIn(request);
    const agencies = await listAgencies(deps, actor);
    const errors = form.errors ?? [];
    return render(
      request,
      reply,
      'agencies/index.njk',
      {
        pageTitle: 'Agencies',
        flash: takeFlash(request),
        problem: form.problem,
        agencies: agencies.map((a) => {
          const m = a.membership as Membership;
          return {
            id: a.id,
            name: a.name,
            sector: sectorLabel(a.sector),
            kind: kindLabels[a.kind] ?? a.kind,
            tag: { text: membershipLabels[m] ?? m, classes: TAG[m] },
            reason: a.membership_reason,
            changedAt: a.membership_changed_at,
            own: a.id === actor.agencyId,
            actions: (
              [
                ['suspend', 'Suspend', m === 'member'],
                ['reinstate', 'Reinstate', m === 'suspended'],
                ['leave', 'Record that it has left', m !== 'left'],
              ] as const
            )
              .filter(([, , allowed]) => allowed)
              .map(([change, label]) => ({ change, label })),
          };
        }),
        values: form.values ?? {},
        openAgency: form.openAgency,
        errors,
        sectors: SECTORS.map((s) => ({ value: s, text: sectorLabel(s), selected: form.values?.sector === s })),
        kinds: AGENCY_KINDS.map((k) => ({ value: k, text: kindLabels[k], checked: form.values?.kind === k })),
      },
      errors.length || form.problem ? 400 : 200,
    );
  }

  app.get('/agencies', async (request, reply) => {
    if (!canManageAgencies(signedIn(request).actor)) return reply.callNotFound();
    return indexPage(request, reply);
  });

  app.post('/agencies', async (request, reply) => {
    const { actor } = signedIn(request);
    const values = { name: field(request.body, 'name'), sector: field(request.body, 'sector'), kind: field(request.body, 'kind') };
    const result = await addAgency(deps, actor, { name: values.name, sector: values.sector || undefined, kind: values.kind || undefined });
    if (result.kind === 'ok') {
      request.session.flash = `${values.name.trim()} has joined the partnership. Add its administrator and staff next.`;
      return reply.redirect(`/staff/new?agency=${result.value.agencyId}`, 303);
    }
    if (result.kind === 'invalid') return indexPage(request, reply, { values, errors: result.errors });
    return reply.callNotFound();
  });

  // --- the agency's identity provider (its own administrator) -----------------------------------

  const LINK_BY_TEXT = {
    email: {
      text: 'By the email address the provider has verified',
      hint: 'The first time someone signs in, Concord finds the account you added with the same email address. Use this for Microsoft Entra ID.',
    },
    subject: { text: 'Only accounts already linked to the provider', hint: 'Nobody is linked by email address. Use this when your provider does not verify email addresses.' },
  } as const;

  function providerPage(request: FastifyRequest, reply: FastifyReply, view: IdentityProviderView, form: { values?: Record<string, string>; errors?: FieldError[]; flash?: string } = {}) {
    const errors = form.errors ?? [];
    const values = form.values ?? {
      displayName: view.displayName,
      issuer: view.issuer,
      clientId: view.clientId,
      mfaAcrValues: view.mfaAcrValues.join('\n'),
      mfaAmrValues: view.mfaAmrValues.join('\n'),
      linkBy: view.linkBy,
      enabled: view.enabled || !view.configured ? 'yes' : '',
    };
    return render(
      request,
      reply,
      'agencies/identity-provider.njk',
      {
        pageTitle: 'Single sign-on',
        flash: form.flash ?? takeFlash(request),
        view,
        redirectUri: deps.publicUrl ? redirectUriOf(deps.publicUrl) : '',
        values,
        errors,
        linkByItems: LINK_BY.map((value) => ({ value, text: LINK_BY_TEXT[value].text, hint: { text: LINK_BY_TEXT[value].hint }, checked: values.linkBy === value })),
      },
      errors.length ? 400 : 200,
    );
  }

  app.get<{ Params: { agencyId: string } }>('/agencies/:agencyId/identity-provider', async (request, reply) => {
    const result = await viewIdentityProvider(deps, signedIn(request).actor, request.params.agencyId);
    if (result.kind !== 'ok') return reply.callNotFound();
    return providerPage(request, reply, result.value);
  });

  app.post<{ Params: { agencyId: string } }>('/agencies/:agencyId/identity-provider', async (request, reply) => {
    const { actor } = signedIn(request);
    const address = `/agencies/${encodeURIComponent(request.params.agencyId)}/identity-provider`;
    const current = await viewIdentityProvider(deps, actor, request.params.agencyId);
    if (current.kind !== 'ok') return reply.callNotFound();
    // Who may sign in to the agency's accounts is administration that needs a fresh second factor.
    if (!stepUpSatisfied(request, reply, deps.now(), address)) return reply;
    const values = {
      displayName: field(request.body, 'displayName'),
      issuer: field(request.body, 'issuer'),
      clientId: field(request.body, 'clientId'),
      mfaAcrValues: field(request.body, 'mfaAcrValues'),
      mfaAmrValues: field(request.body, 'mfaAmrValues'),
      linkBy: field(request.body, 'linkBy'),
      enabled: field(request.body, 'enabled'),
    };
    const result = await saveIdentityProvider(deps, actor, request.params.agencyId, {
      ...values,
      clientSecret: field(request.body, 'clientSecret'),
      linkBy: values.linkBy || undefined,
      enabled: values.enabled === 'yes',
    });
    if (result.kind === 'ok') {
      request.session.flash = result.value.enabled ? 'Single sign-on is saved and switched on.' : 'Single sign-on is saved. It is switched off.';
      return reply.redirect(address, 303);
    }
    if (result.kind === 'invalid') return providerPage(request, reply, current.value, { values, errors: result.errors });
    return reply.callNotFound();
  });

  app.post<{ Params: { agencyId: string; change: string } }>('/agencies/:agencyId/:change', async (request, reply) => {
    const { actor } = signedIn(request);
    const change = request.params.change as MembershipChange;
    if (!['suspend', 'reinstate', 'leave'].includes(change)) return reply.callNotFound();
    const reason = field(request.body, 'reason');
    const result = await changeAgencyMembership(deps, actor, request.params.agencyId, change, { reason });
    if (result.kind === 'ok') {
      request.session.flash = `The agency’s membership is now: ${membershipLabels[result.value.membership].toLowerCase()}.`;
      return reply.redirect('/agencies', 303);
    }
    if (result.kind === 'invalid')
      return indexPage(request, reply, { errors: result.errors.map((e) => ({ ...e, path: `reason-${request.params.agencyId}-${change}` })), openAgency: request.params.agencyId });
    if (result.kind === 'conflict') return indexPage(request, reply, { problem: result.reason });
    return reply.callNotFound();
  });
}
