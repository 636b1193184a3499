// Small factories for tests: a partnership with agencies and staff, and children.
import { randomUUID } from 'node:crypto';
import { setEnrolledTotpSecret } from '../../src/db/queries/credentials.ts';
import type { Actor, Role } from '../../src/domain/staff.ts';
import type { Deps } from '../../src/use-cases/kernel/deps.ts';
import { hashPassword } from '../../src/use-cases/kernel/passwords.ts';
import { sealTotpSecret } from '../../src/use-cases/kernel/totp.ts';

let passwordHash: Promise<string> | undefined;
export const TEST_PASSWORD = 'correct horse battery staple';
/** Every factory-made account has set up an authenticator app with this secret (Base32), so the
 *  test client signs in with MFA like everyone else (test/support/app.ts). */
export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export async function makePartnership(deps: Deps, slug = `p-${randomUUID().slice(0, 8)}`) {
  const id = randomUUID();
  await deps.db
    .insertInto('partnership')
    .values({ id, slug, name: `Partnership ${slug}`, pack: 'national-baseline@2026.2' })
    .execute();
  return id;
}

export async function makeAgency(deps: Deps, partnershipId: string, name = `Agency ${randomUUID().slice(0, 6)}`, sector = 'local_authority') {
  const id = randomUUID();
  await deps.db.insertInto('agency').values({ partnership_id: partnershipId, id, name, sector, kind: 'statutory_partner' }).execute();
  return id;
}

export async function makeStaff(
  deps: Deps,
  partnershipId: string,
  agencyId: string,
  roles: Role[] = ['practitioner'],
  email = `${randomUUID().slice(0, 8)}@example.test`,
  opts: { mfa?: boolean } = {},
) {
  const id = randomUUID();
  passwordHash ??= hashPassword(TEST_PASSWORD);
  await deps.db
    .insertInto('staff_user')
    .values({ partnership_id: partnershipId, id, agency_id: agencyId, email, display_name: `Staff ${email}`, roles, password_hash: await passwordHash })
    .execute();
  if (opts.mfa !== false) await setEnrolledTotpSecret(deps.db, partnershipId, id, sealTotpSecret(deps.keyring, id, TEST_TOTP_SECRET), deps.now());
  const actor: Actor = { userId: id, partnershipId, agencyId, roles, via: 'web', correlationId: randomUUID() };
  return { id, email, actor };
}

/** A partnership with two agencies and a practitioner in each. */
export async function makeWorld(deps: Deps) {
  const partnershipId = await makePartnership(deps);
  const councilId = await makeAgency(deps, partnershipId, 'Council');
  const schoolId = await makeAgency(deps, partnershipId, 'School', 'education');
  const council = await makeStaff(deps, partnershipId, councilId);
  const school = await makeStaff(deps, partnershipId, schoolId);
  return { partnershipId, councilId, schoolId, council, school };
}

export const childInput = (over: Record<string, unknown> = {}) => ({
  givenName: 'Ann',
  familyName: 'Example',
  aliases: [],
  dateOfBirth: '2017-03-27',
  gender: 'female',
  postcode: 'zz991aa',
  nhsNumber: '999 000 0018',
  ...over,
});

export async function auditOf(deps: Deps, partnershipId: string) {
  return deps.db.selectFrom('audit_event').selectAll().where('partnership_id', '=', partnershipId).orderBy('id').execute();
}
