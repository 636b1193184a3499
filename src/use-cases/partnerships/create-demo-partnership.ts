// Create a demo partnership (agencies, staff with a shared demo password, children, family and
// involvements) in one transaction. Does nothing if the partnership already exists. The demo's
// requests are made afterwards through the requests use case, by the composition (src/demo.ts).
import { randomUUID } from 'node:crypto';
import { insertChild, insertFamilyMember, insertInvolvement } from '../../db/queries/children.ts';
import { findPartnershipBySlug, insertAgency, insertPartnership, insertStaffUser } from '../../db/queries/partnerships.ts';
import { validateChildDetails } from '../../domain/children.ts';
import { londonDate } from '../../domain/dates.ts';
import { packRef } from '../../domain/protocol/pack.ts';
import type { Role } from '../../domain/staff.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { hashPassword } from '../kernel/passwords.ts';
import { sealTotpSecret } from '../kernel/totp.ts';
import { DEMO_TOTP_SECRET, type DemoPartnership } from './_demo-data.ts';
import { organisationFor } from './_organisations.ts';

/** What was created, by the demo data's own names, so that the demo can act as its people. */
export interface CreatedDemo {
  partnershipId: string;
  /** By agency key. */
  agencyIds: Map<string, string>;
  /** By e-mail address. */
  staff: Map<string, { userId: string; agencyId: string; roles: Role[] }>;
  /** By given name (the first child with it). */
  childIds: Map<string, string>;
}

/** "wirral-2022" → the loaded version of that pack ("wirral-2022@2022.4"); "id@version" as is. */
function resolvePack(deps: Deps, wanted: string): string {
  const matches = deps.packs.all().filter((p) => (wanted.includes('@') ? packRef(p) === wanted : p.id === wanted));
  const latest = matches.sort((a, b) => b.version.localeCompare(a.version, 'en', { numeric: true }))[0];
  if (!latest) throw new Error(`The demo needs protocol pack "${wanted}", which is not loaded`);
  return packRef(latest);
}

export async function createDemoPartnership(deps: Deps, demo: DemoPartnership, password: string): Promise<{ created: false; partnershipId: string } | ({ created: true } & CreatedDemo)> {
  const existing = await findPartnershipBySlug(deps.db, demo.slug);
  if (existing) return { created: false, partnershipId: existing.id };
  const pack = resolvePack(deps, demo.pack);
  const passwordHash = await hashPassword(password);
  const today = londonDate(deps.now());
  const partnershipId = randomUUID();
  const made: CreatedDemo = { partnershipId, agencyIds: new Map(), staff: new Map(), childIds: new Map() };
  await deps.db.transaction().execute(async (trx) => {
    await insertPartnership(trx, { id: partnershipId, slug: demo.slug, name: demo.name, pack });
    for (const a of demo.agencies) {
      const id = randomUUID();
      made.agencyIds.set(a.key, id);
      const organisationId = await organisationFor(trx, a.name, a.sector);
      await insertAgency(trx, { partnership_id: partnershipId, id, organisation_id: organisationId, name: a.name, sector: a.sector, kind: a.kind });
    }
    const agency = (key: string) => {
      const id = made.agencyIds.get(key);
      if (!id) throw new Error(`Demo data names an unknown agency "${key}"`);
      return id;
    };
    let firstUser = '';
    for (const s of demo.staff) {
      const id = randomUUID();
      firstUser ||= id;
      made.staff.set(s.email, { userId: id, agencyId: agency(s.agency), roles: s.roles });
      await insertStaffUser(trx, {
        partnership_id: partnershipId,
        id,
        agency_id: agency(s.agency),
        email: s.email,
        display_name: s.displayName,
        job_title: s.jobTitle,
        roles: s.roles,
        password_hash: passwordHash,
        // MFA for every account (ADR 0017): the demo accounts share the documented demo key.
        totp_secret: JSON.stringify(sealTotpSecret(deps.keyring, id, DEMO_TOTP_SECRET)),
        totp_enrolled_at: deps.now(),
      });
    }
    for (const c of demo.children) {
      const v = validateChildDetails({ ...c, aliases: c.aliases ?? [] }, today, deps.packs.get(pack)!.ageScope);
      if (!v.ok) throw new Error(`Demo child ${c.givenName} is not valid: ${v.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
      const d = v.value;
      const childId = randomUUID();
      if (!made.childIds.has(c.givenName)) made.childIds.set(c.givenName, childId);
      await insertChild(trx, {
        partnership_id: partnershipId,
        id: childId,
        given_name: d.givenName,
        family_name: d.familyName,
        aliases: d.aliases,
        date_of_birth: d.dateOfBirth,
        gender: d.gender,
        ethnicity: d.ethnicity,
        address: d.address,
        postcode: d.postcode,
        phone: d.phone,
        current_setting: d.currentSetting,
        nhs_number: d.nhsNumber,
        care_leaver: d.careLeaver,
        send: d.send,
        created_by: firstUser,
      });
      for (const [i, key] of c.agencies.entries()) {
        await insertInvolvement(trx, { partnership_id: partnershipId, child_id: childId, agency_id: agency(key), kind: i === 0 ? 'holds_record' : 'involved', recorded_by: firstUser });
      }
      for (const f of c.family) {
        await insertFamilyMember(trx, {
          partnership_id: partnershipId,
          id: randomUUID(),
          child_id: childId,
          given_name: f.givenName,
          family_name: f.familyName,
          relationship: f.relationship,
          parental_responsibility: f.parentalResponsibility,
          is_carer: f.isCarer ?? false,
          lives_with_child: f.livesWithChild ?? false,
          created_by: firstUser,
        });
      }
    }
    await appendAudit(
      trx,
      { partnershipId, userId: null, agencyId: null, via: 'system', correlationId: randomUUID() },
      {
        action: 'partnership.created',
        subjectType: 'partnership',
        subjectId: partnershipId,
        details: { demo: true, pack, agencies: demo.agencies.length, staff: demo.staff.length, children: demo.children.length },
      },
    );
  });
  return { created: true, ...made };
}
