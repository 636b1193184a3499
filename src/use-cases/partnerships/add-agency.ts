// The partnership manager adds an agency that joins the partnership (it signs the agreement). It
// starts as a member; its administrator and staff are then added (src/use-cases/staff/).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { agencyNameTaken, insertAgency } from '../../db/queries/partnerships.ts';
import { hasControlCharacter } from '../../domain/input.ts';
import { canManageAgencies } from '../../domain/people.ts';
import { type Actor, AGENCY_KINDS, SECTORS } from '../../domain/staff.ts';
import { auditActor } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { fieldErrors, forbidden, invalid, type Outcome, ok } from '../kernel/outcome.ts';

export const agencySchema = z.object({
  name: z
    .string({ error: 'Enter the agency’s name' })
    .trim()
    .min(1, 'Enter the agency’s name')
    .max(120, 'The name must be 120 characters or fewer')
    .refine((v) => !hasControlCharacter(v), 'The name contains a character that is not allowed'),
  sector: z.enum(SECTORS, { error: 'Select the agency’s sector' }),
  kind: z.enum(AGENCY_KINDS, { error: 'Select whether it is a statutory partner or a relevant agency' }),
});

export async function addAgency(deps: Deps, actor: Actor, input: unknown): Promise<Outcome<{ agencyId: string }>> {
  if (!canManageAgencies(actor)) return forbidden('Only the partnership manager adds agencies.');
  const parsed = agencySchema.safeParse(input);
  if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
  const a = parsed.data;
  return deps.db.transaction().execute(async (trx) => {
    if (await agencyNameTaken(trx, actor.partnershipId, a.name)) return invalid([{ path: 'name', message: 'An agency with this name is already in the partnership' }]);
    const agencyId = randomUUID();
    const now = deps.now();
    await insertAgency(trx, {
      partnership_id: actor.partnershipId,
      id: agencyId,
      name: a.name,
      sector: a.sector,
      kind: a.kind,
      organisation_id: null,
      created_at: now,
      membership: 'member',
      membership_changed_at: now,
    });
    await appendAudit(trx, auditActor(actor), { action: 'agency.joined', subjectType: 'agency', subjectId: agencyId, details: { sector: a.sector, kind: a.kind } });
    return ok({ agencyId });
  });
}
