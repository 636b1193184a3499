// Store the packs shipped in protocols/ (see _packs.ts: a stored version never changes) and put
// every stored pack in the registry.
import { storedPacks } from '../../db/queries/partnerships.ts';
import { type Pack, packRef, validatePack } from '../../domain/protocol/pack.ts';
import type { Deps } from '../kernel/deps.ts';
import { storePack } from './_packs.ts';

export async function syncProtocolPacks(deps: Deps, shipped: Pack[]): Promise<{ stored: string[] }> {
  const stored: string[] = [];
  for (const pack of shipped) if (await storePack(deps.db, pack)) stored.push(packRef(pack));
  for (const row of await storedPacks(deps.db)) {
    const v = validatePack(row.content);
    if (!v.ok) throw new Error(`Stored protocol pack ${row.id}@${row.version} no longer validates: ${v.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    deps.packs.add(v.pack);
  }
  return { stored };
}
