import { randomUUID } from 'node:crypto';
import { findOrganisationByName, insertOrganisation } from '../../db/queries/partnerships.ts';
import type { Tx } from '../kernel/deps.ts';

/** The organisation behind an agency, found by name across partnerships, or created. */
export async function organisationFor(trx: Tx, name: string, sector: string): Promise<string> {
  const found = await findOrganisationByName(trx, name);
  if (found) return found.id;
  const id = randomUUID();
  await insertOrganisation(trx, { id, name, sector });
  return id;
}
