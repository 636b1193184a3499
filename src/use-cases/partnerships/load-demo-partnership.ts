// Load a demo partnership (agencies, staff with a shared demo password, children, family and
// involvements) in one transaction. Does nothing if the partnership already exists.
import { randomUUID } from 'node:crypto';
import { validateChildDetails } from '../../domain/children.ts';
import { londonDate } from '../../domain/dates.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { organisationFor } from './_organisations.ts';
import { packRef } from '../../domain/protocol/pack.ts';
import { hashPassword } from '../accounts/sign-in.ts';
import type { DemoPartnership } from './_demo-data.ts';
import { makeRequest } from '../requests/make-request.ts';
import { addBreachAction } from '../breaches/add-breach-action.ts';
import { assessBreach } from '../breaches/assess-breach.ts';
import { closeBreach } from '../breaches/close-breach.ts';
import { recordIcoDecision } from '../breaches/record-ico-decision.ts';
import { recordIndividualsDecision } from '../breaches/record-individuals-decision.ts';
import { reportBreach } from '../breaches/report-breach.ts';
import { triageBreach } from '../breaches/triage-breach.ts';
import type { Actor, Role } from '../../domain/staff.ts';

/** "wirral-2022" → the loaded version of that pack ("wirral-2022@2022.2"); "id@version" as is. */
function resolvePack(deps: Deps, wanted: string): string {
  const matches = deps.packs.all().filter((p) => (wanted.includes('@') ? packRef(p) === wanted : p.id === wanted));
  const latest = matches.sort((a, b) => b.version.localeCompare(a.version, 'en', { numeric: true }))[0];
  if (!latest) throw new Error(`The demo needs protocol pack "${wanted}", which is not loaded`);
  return packRef(latest);
}

export async function loadDemoPartnership(deps: Deps, demo: DemoPartnership, password: string): Promise<{ created: boolean; partnershipId: string }> {
  const existing = await deps.db.selectFrom('partnership').select('id').where('slug', '=', demo.slug).executeTakeFirst();
  if (existing) return { created: false, partnershipId: existing.id };
  const pack = resolvePack(deps, demo.pack);
  const passwordHash = await hashPassword(password);
  const today = londonDate(deps.now());
  const partnershipId = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('partnership').values({ id: partnershipId, slug: demo.slug, name: demo.name, pack }).execute();
    const agencyIds = new Map<string, string>();
    for (const a of demo.agencies) {
      const id = randomUUID();
      agencyIds.set(a.key, id);
      const organisationId = await organisationFor(trx, a.name, a.sector);
      await trx.insertInto('agency').values({ partnership_id: partnershipId, id, organisation_id: organisationId, name: a.name, sector: a.sector, kind: a.kind }).execute();
    }
    const agency = (key: string) => {
      const id = agencyIds.get(key);
      if (!id) throw new Error(`Demo data names an unknown agency "${key}"`);
      return id;
    };
    let firstUser = '';
    for (const s of demo.staff) {
      const id = randomUUID();
      firstUser ||= id;
      await trx
        .insertInto('staff_user')
        .values({ partnership_id: partnershipId, id, agency_id: agency(s.agency), email: s.email, display_name: s.displayName, job_title: s.jobTitle, roles: s.roles, password_hash: passwordHash })
        .execute();
    }
    for (const c of demo.children) {
      const v = validateChildDetails({ ...c, aliases: c.aliases ?? [] }, today);
      if (!v.ok) throw new Error(`Demo child ${c.givenName} is not valid: ${v.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
      const d = v.value;
      const childId = randomUUID();
      await trx
        .insertInto('child')
        .values({
          partnership_id: partnershipId, id: childId, given_name: d.givenName, family_name: d.familyName, aliases: d.aliases, date_of_birth: d.dateOfBirth,
          gender: d.gender, ethnicity: d.ethnicity, address: d.address, postcode: d.postcode, phone: d.phone, current_setting: d.currentSetting,
          nhs_number: d.nhsNumber, care_leaver: d.careLeaver, send: d.send, created_by: firstUser,
        })
        .execute();
      for (const [i, key] of c.agencies.entries()) {
        await trx
          .insertInto('involvement')
          .values({ partnership_id: partnershipId, child_id: childId, agency_id: agency(key), kind: i === 0 ? 'holds_record' : 'involved', recorded_by: firstUser })
          .execute();
      }
      for (const f of c.family) {
        await trx
          .insertInto('family_member')
          .values({
            partnership_id: partnershipId, id: randomUUID(), child_id: childId, given_name: f.givenName, family_name: f.familyName, relationship: f.relationship,
            parental_responsibility: f.parentalResponsibility, is_carer: f.isCarer ?? false, lives_with_child: f.livesWithChild ?? false, created_by: firstUser,
          })
          .execute();
      }
    }
    await appendAudit(trx, { partnershipId, userId: null, agencyId: null, via: 'system', correlationId: randomUUID() }, {
      action: 'partnership.created',
      subjectType: 'partnership',
      subjectId: partnershipId,
      details: { demo: true, pack, agencies: demo.agencies.length, staff: demo.staff.length, children: demo.children.length },
    });
  });
  // Requests go through the use case, so they are exactly what a practitioner would have made.
  for (const r of demo.requests ?? []) {
    const staff = await deps.db.selectFrom('staff_user').select(['id', 'agency_id', 'roles']).where('partnership_id', '=', partnershipId).where('email', '=', r.from).executeTakeFirstOrThrow();
    const child = await deps.db.selectFrom('child').select('id').where('partnership_id', '=', partnershipId).where('given_name', '=', r.child).executeTakeFirstOrThrow();
    const to = await deps.db.selectFrom('agency').select('id').where('partnership_id', '=', partnershipId).where('name', '=', demo.agencies.find((a) => a.key === r.to)!.name).executeTakeFirstOrThrow();
    const actor: Actor = { userId: staff.id, partnershipId, agencyId: staff.agency_id, roles: staff.roles as Role[], via: 'cli', correlationId: randomUUID() };
    const made = await makeRequest(deps, actor, child.id, { ...r.input, toAgencyId: to.id });
    if (made.kind !== 'ok') throw new Error(`Demo request from ${r.from} is not valid: ${JSON.stringify(made)}`);
  }
  // Breaches too, each step through its use case at the time it happened in the story.
  const stepUseCases = { triage: triageBreach, assess: assessBreach, ico: recordIcoDecision, individuals: recordIndividualsDecision, action: addBreachAction, close: closeBreach };
  const actorFor = async (email: string): Promise<Actor> => {
    const staff = await deps.db.selectFrom('staff_user').select(['id', 'agency_id', 'roles']).where('partnership_id', '=', partnershipId).where('email', '=', email).executeTakeFirstOrThrow();
    return { userId: staff.id, partnershipId, agencyId: staff.agency_id, roles: staff.roles as Role[], via: 'cli', correlationId: randomUUID() };
  };
  for (const b of demo.breaches ?? []) {
    const reportedAt = new Date(deps.now().getTime() - b.hoursAgo * 3_600_000);
    const at = (hoursAfter: number) => ({ ...deps, now: () => new Date(reportedAt.getTime() + hoursAfter * 3_600_000) });
    const children = await deps.db.selectFrom('child').select('id').where('partnership_id', '=', partnershipId).where('given_name', 'in', b.children).execute();
    const reported = await reportBreach(at(0), await actorFor(b.reporter), {
      what: b.what, how: b.how, identifiedAt: new Date(reportedAt.getTime() - 3_600_000).toISOString(), childIds: children.map((c) => c.id),
    });
    if (reported.kind !== 'ok') throw new Error(`Demo breach is not valid: ${JSON.stringify(reported)}`);
    for (const s of b.steps) {
      const { reportedAtHoursAfter, toldAtHoursAfter, ...input } = s.input as Record<string, unknown> & { reportedAtHoursAfter?: number; toldAtHoursAfter?: number };
      if (reportedAtHoursAfter !== undefined) input.reportedAt = at(reportedAtHoursAfter).now().toISOString();
      if (toldAtHoursAfter !== undefined) input.toldAt = at(toldAtHoursAfter).now().toISOString();
      const done = await stepUseCases[s.step](at(s.after), await actorFor(s.as), reported.value.breachId, input);
      if (done.kind !== 'ok') throw new Error(`Demo breach step ${s.step} is not valid: ${JSON.stringify(done)}`);
    }
  }
  return { created: true, partnershipId };
}
