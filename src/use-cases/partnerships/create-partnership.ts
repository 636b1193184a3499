// Create a partnership on a protocol pack version, with its agencies and a first administrator.
// An agency that is the same organisation as an agency in another partnership (same name) is
// linked to it, so a police force or NHS trust is one organisation across partnerships.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { findPartnershipBySlug, insertAgency, insertPartnership, insertStaffUser } from '../../db/queries/partnerships.ts';
import { type Pack, packRef } from '../../domain/protocol/pack.ts';
import { AGENCY_KINDS, SECTORS } from '../../domain/staff.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { conflict, fieldErrors, invalid, type Outcome, ok } from '../kernel/outcome.ts';
import { hashPassword } from '../kernel/passwords.ts';
import { organisationFor } from './_organisations.ts';
import { PackConflictError, storePack } from './_packs.ts';

export const newPartnershipSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9-]{2,60}$/, 'use 2 to 60 lower-case letters, digits and hyphens'),
  name: z.string().trim().min(3, 'enter the partnership name').max(200),
  agencies: z.array(z.strictObject({ name: z.string().trim().min(2).max(200), sector: z.enum(SECTORS), kind: z.enum(AGENCY_KINDS) })).min(1, 'a partnership needs at least one agency'),
  administrator: z.strictObject({
    email: z.string().trim().toLowerCase().email('enter a valid e-mail address'),
    displayName: z.string().trim().min(2).max(200),
    /** Index into `agencies`. */
    agency: z.number().int().min(0),
    password: z.string().min(12, 'the password must be at least 12 characters'),
  }),
});

export interface CreatedPartnership {
  partnershipId: string;
  pack: string;
  agencyIds: string[];
  administratorId: string;
}

export async function createPartnership(deps: Deps, pack: Pack, input: unknown, correlationId: string): Promise<Outcome<CreatedPartnership>> {
  const parsed = newPartnershipSchema.safeParse(input);
  if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
  const p = parsed.data;
  if (p.administrator.agency >= p.agencies.length) return invalid([{ path: 'administrator.agency', message: 'the administrator must belong to one of the agencies' }]);
  const names = p.agencies.map((a) => a.name.toLowerCase());
  if (new Set(names).size !== names.length) return invalid([{ path: 'agencies', message: 'each agency may be listed once' }]);
  const taken = await findPartnershipBySlug(deps.db, p.slug);
  if (taken) return invalid([{ path: 'slug', message: `a partnership called "${p.slug}" already exists` }]);
  const passwordHash = await hashPassword(p.administrator.password);

  try {
    return await deps.db.transaction().execute(async (trx) => {
      await storePack(trx, pack);
      const partnershipId = randomUUID();
      await insertPartnership(trx, { id: partnershipId, slug: p.slug, name: p.name, pack: packRef(pack), created_at: deps.now() });
      const agencyIds: string[] = [];
      for (const a of p.agencies) {
        const organisationId = await organisationFor(trx, a.name, a.sector);
        const id = randomUUID();
        agencyIds.push(id);
        await insertAgency(trx, { partnership_id: partnershipId, id, organisation_id: organisationId, name: a.name, sector: a.sector, kind: a.kind });
      }
      const administratorId = randomUUID();
      await insertStaffUser(trx, {
        partnership_id: partnershipId,
        id: administratorId,
        agency_id: agencyIds[p.administrator.agency]!,
        email: p.administrator.email,
        display_name: p.administrator.displayName,
        roles: ['administrator', 'partnership_manager'],
        password_hash: passwordHash,
      });
      await appendAudit(
        trx,
        { partnershipId, userId: null, agencyId: null, via: 'cli', correlationId },
        {
          action: 'partnership.created',
          subjectType: 'partnership',
          subjectId: partnershipId,
          details: { pack: packRef(pack), agencies: agencyIds.length },
        },
      );
      deps.packs.add(pack);
      return ok({ partnershipId, pack: packRef(pack), agencyIds, administratorId });
    });
  } catch (e) {
    if (e instanceof PackConflictError) return conflict(e.message);
    throw e;
  }
}
