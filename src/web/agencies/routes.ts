// /agencies: the partnership manager's view of the partnership's agencies — adding one that joins,
// suspending, reinstating, and recording that one has left. A suspended or departed agency can no
// longer be sent information (the send page says why).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canManageAgencies, type Membership, type MembershipChange, membershipLabels } from '../../domain/people.ts';
import { AGENCY_KINDS, SECTORS } from '../../domain/staff.ts';
import { signedIn } from '../../http/auth.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import type { FieldError } from '../../use-cases/kernel/outcome.ts';
import { addAgency } from '../../use-cases/partnerships/add-agency.ts';
import { changeAgencyMembership } from '../../use-cases/partnerships/change-agency-membership.ts';
import { listAgencies } from '../../use-cases/partnerships/list-agencies.ts';
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
