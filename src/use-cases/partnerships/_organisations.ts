import { randomUUID } from 'node:crypto';
import type { Tx } from '../kernel/deps.ts';

/** The organisation behind an agency, found by name across partnerships, or created. */
export async function organisationFor(trx: Tx, name: string, sector: string): Promise<string> {
  const found = await trx.selectFrom('organisation').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase())).executeTakeFirst();
  if (found) return found.id;
  const id = randomUUID();
  await trx.insertInto('organisation').values({ id, name, sector }).execute();
  return id;
}
