// Small factories for tests: a partnership with agencies and staff, and children.
import { randomUUID } from 'node:crypto';
import { setEnrolledTotpSecret } from '../../src/db/queries/credentials.ts';
import { londonDateOf } from '../../src/domain/clocks.ts';
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
    .values({ id, slug, name: `Partnership ${slug}`, pack: 'national-baseline@2026.4' })
    .execute();
  return id;
}

/** An agency; by default a party that has signed the partnership's agreement (made on first use),
 *  so it may receive information. `{ signed: false }` leaves it a party that has not signed. */
export async function makeAgency(deps: Deps, partnershipId: string, name = `Agency ${randomUUID().slice(0, 6)}`, sector = 'local_authority', opts: { signed?: boolean } = {}) {
  const id = randomUUID();
  await deps.db.insertInto('agency').values({ partnership_id: partnershipId, id, name, sector, kind: 'statutory_partner' }).execute();
  const agreementId = await ensureAgreement(deps, partnershipId);
  await deps.db.insertInto('agreement_party').values({ partnership_id: partnershipId, agreement_id: agreementId, agency_id: id, role: 'statutory_partner' }).execute();
  if (opts.signed !== false) await signAgreementAs(deps, partnershipId, id);
  return id;
}

/** The partnership's main agreement, made (imported, on the partnership's pack) if it has none. */
export async function ensureAgreement(deps: Deps, partnershipId: string): Promise<string> {
  const existing = await deps.db.selectFrom('agreement').select('id').where('partnership_id', '=', partnershipId).where('parent_id', 'is', null).where('status', '=', 'in_force').executeTakeFirst();
  if (existing) return existing.id;
  const { pack } = await deps.db.selectFrom('partnership').select('pack').where('id', '=', partnershipId).executeTakeFirstOrThrow();
  const id = randomUUID();
  await deps.db.insertInto('agreement').values({ partnership_id: partnershipId, id, pack, title: 'Information sharing agreement', effective_on: '2020-01-01', status: 'in_force' }).execute();
  return id;
}

/** Record a signature of the partnership's agreement for an agency (as imported from the paper register). */
export async function signAgreementAs(deps: Deps, partnershipId: string, agencyId: string, over: { signedOn?: string; pack?: string } = {}) {
  const agreementId = await ensureAgreement(deps, partnershipId);
  const { pack } = await deps.db.selectFrom('agreement').select('pack').where('partnership_id', '=', partnershipId).where('id', '=', agreementId).executeTakeFirstOrThrow();
  const id = randomUUID();
  await deps.db
    .insertInto('agreement_signature')
    .values({
      partnership_id: partnershipId,
      id,
      agreement_id: agreementId,
      agency_id: agencyId,
      pack: over.pack ?? pack,
      kind: 'signature',
      signatory_name: 'Test Signatory',
      signatory_title: 'Nominated officer',
      signed_on: over.signedOn ?? londonDateOf(deps.now()),
      checklist: '[]',
    })
    .execute();
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
