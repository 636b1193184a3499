import type { FastifyInstance } from 'fastify';
import { canSeeChildAccessLog } from '../../domain/access-log.ts';
import { GENDERS, genderLabels, RELATIONSHIPS, relationshipLabels } from '../../domain/children.ts';
import { composeDate, londonDate } from '../../domain/dates.ts';
import { signedIn } from '../../http/auth.ts';
import { addChild } from '../../use-cases/children/add-child.ts';
import { addFamilyMember } from '../../use-cases/children/add-family-member.ts';
import { checkChildAccess } from '../../use-cases/children/check-child-access.ts';
import { linkSearch, openSearchLink } from '../../use-cases/children/link-search.ts';
import { listChildren } from '../../use-cases/children/list-children.ts';
import { searchChildren } from '../../use-cases/children/search-children.ts';
import { viewChild } from '../../use-cases/children/view-child.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import { checked, field, render, yesNo } from '../render.ts';
import { childListRow, presentChild } from './presenter.ts';

const options = <T extends string>(values: readonly T[], labels: Record<T, string>, selected: string | undefined) =>
  values.map((v) => ({ value: v, text: labels[v], checked: v === selected, selected: v === selected }));

function childForm(body: unknown) {
  return {
    givenName: field(body, 'givenName'),
    familyName: field(body, 'familyName'),
    aliases: field(body, 'aliases').split(/\r?\n/),
    dateOfBirth: composeDate(field(body, 'dateOfBirth-day'), field(body, 'dateOfBirth-month'), field(body, 'dateOfBirth-year')),
    gender: field(body, 'gender') || null,
    ethnicity: field(body, 'ethnicity'),
    address: field(body, 'address'),
    postcode: field(body, 'postcode'),
    phone: field(body, 'phone'),
    currentSetting: field(body, 'currentSetting'),
    nhsNumber: field(body, 'nhsNumber'),
    careLeaver: checked(body, 'circumstances', 'careLeaver'),
    send: checked(body, 'circumstances', 'send'),
  };
}

export async function childrenRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/children', async (request, reply) => {
    const { actor } = signedIn(request);
    const today = londonDate(deps.now());
    const rows = await listChildren(deps, actor);
    const { flash, notice } = request.session;
    if (flash || notice) Object.assign(request.session, { flash: undefined, notice: undefined });
    return render(request, reply, 'children/index.njk', { pageTitle: 'Children', children: rows.map((c) => childListRow(c, today)), flash, notice, values: {} });
  });

  // A search is posted, then shown at a GET address (Back, Reload and bookmarks work) that carries
  // an opaque token instead of the terms: no personal data in the URL.
  app.post('/children/search', async (request, reply) => {
    const { actor } = signedIn(request);
    const values = {
      query: field(request.body, 'query'),
      day: field(request.body, 'dateOfBirth-day'),
      month: field(request.body, 'dateOfBirth-month'),
      year: field(request.body, 'dateOfBirth-year'),
    };
    const link = linkSearch(deps, actor, { query: values.query, dateOfBirth: composeDate(values.day, values.month, values.year) });
    if (link.kind === 'invalid') return render(request, reply, 'children/index.njk', { pageTitle: 'Children', errors: link.errors, values, children: [] }, 400);
    if (link.kind !== 'ok') throw new Error('unexpected search outcome');
    return reply.redirect(`/children/search/${link.value.token}`, 303);
  });

  app.get<{ Params: { token: string } }>('/children/search/:token', async (request, reply) => {
    const { actor } = signedIn(request);
    const search = openSearchLink(deps, actor, request.params.token);
    if (!search) {
      request.session.notice = 'That search has expired, or was made by someone else. Search again.';
      return reply.redirect('/children', 303);
    }
    const result = await searchChildren(deps, actor, search);
    if (result.kind !== 'ok') throw new Error('unexpected search outcome');
    const [year = '', month = '', day = ''] = search.dateOfBirth ? search.dateOfBirth.split('-') : [];
    const values = { query: search.query, day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year };
    const today = londonDate(deps.now());
    return render(request, reply, 'children/index.njk', { pageTitle: 'Search results', values, searched: true, results: result.value.map((c) => childListRow(c, today)) });
  });

  app.get('/children/new', async (request, reply) =>
    render(request, reply, 'children/new.njk', { pageTitle: 'Add a child or young person', values: {}, genders: options(GENDERS, genderLabels, undefined) }),
  );

  app.post('/children/new', async (request, reply) => {
    const { actor } = signedIn(request);
    const body = request.body as Record<string, unknown>;
    const result = await addChild(deps, actor, childForm(body));
    if (result.kind === 'ok') {
      request.session.flash = result.value.linkedToExisting ? 'This child was already known to the partnership. Your agency is now recorded as involved.' : 'Child added.';
      return reply.redirect(`/children/${result.value.childId}`, 303);
    }
    if (result.kind === 'forbidden')
      return render(request, reply, 'error.njk', { pageTitle: 'Too many children added', statusCode: 429, heading: 'Too many children added', body: result.reason }, 429);
    if (result.kind !== 'invalid') throw new Error('unexpected outcome');
    return render(
      request,
      reply,
      'children/new.njk',
      {
        pageTitle: 'Add a child or young person',
        errors: result.errors,
        values: { ...body, circumstances: [body.circumstances].flat() },
        genders: options(GENDERS, genderLabels, field(body, 'gender')),
      },
      400,
    );
  });

  app.get<{ Params: { childId: string } }>('/children/:childId', async (request, reply) => {
    const { actor } = signedIn(request);
    const { childId } = request.params;
    const result = await viewChild(deps, actor, childId);
    if (result.kind !== 'ok') return reply.callNotFound();
    const flash = request.session.flash;
    if (flash) request.session.flash = undefined;
    const child = presentChild(result.value, londonDate(deps.now()), actor.agencyId);
    // The child's lead agency and IG staff see who has seen the record (ADR 0007).
    const accessLog = canSeeChildAccessLog(
      actor,
      result.value.agencies.map((a) => ({ agencyId: a.id, kind: a.kind })),
    );
    return render(request, reply, 'children/show.njk', { pageTitle: child.name, child, flash, accessLog });
  });

  app.get<{ Params: { childId: string } }>('/children/:childId/family/new', async (request, reply) => {
    const { actor } = signedIn(request);
    const { childId } = request.params;
    if (!(await checkChildAccess(deps, actor, childId, 'family-member.created'))) return reply.callNotFound();
    return render(request, reply, 'children/family-new.njk', {
      pageTitle: 'Add a family member or carer',
      childId,
      values: {},
      relationships: options(RELATIONSHIPS, relationshipLabels, undefined),
    });
  });

  app.post<{ Params: { childId: string } }>('/children/:childId/family/new', async (request, reply) => {
    const { actor } = signedIn(request);
    const { childId } = request.params;
    const body = request.body as Record<string, unknown>;
    const result = await addFamilyMember(deps, actor, childId, {
      givenName: field(body, 'givenName'),
      familyName: field(body, 'familyName'),
      relationship: field(body, 'relationship') || undefined,
      parentalResponsibility: yesNo(body, 'parentalResponsibility'),
      isCarer: checked(body, 'roles', 'isCarer'),
      livesWithChild: checked(body, 'roles', 'livesWithChild'),
      dateOfBirth: composeDate(field(body, 'dateOfBirth-day'), field(body, 'dateOfBirth-month'), field(body, 'dateOfBirth-year')),
      address: field(body, 'address'),
      postcode: field(body, 'postcode'),
      phone: field(body, 'phone'),
    });
    if (result.kind === 'not_found') return reply.callNotFound();
    if (result.kind === 'ok') {
      request.session.flash = 'Family member or carer added.';
      return reply.redirect(`/children/${childId}#family`, 303);
    }
    if (result.kind !== 'invalid') throw new Error('unexpected outcome');
    return render(
      request,
      reply,
      'children/family-new.njk',
      {
        pageTitle: 'Add a family member or carer',
        childId,
        errors: result.errors,
        values: { ...body, roles: [body.roles].flat() },
        relationships: options(RELATIONSHIPS, relationshipLabels, field(body, 'relationship')),
      },
      400,
    );
  });
}
