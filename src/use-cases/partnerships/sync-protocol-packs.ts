// Packs are stored in the database when first loaded, so that every partnership's pack version
// stays available (and unchanged) for as long as its records exist. A pack version is immutable:
// loading different content under an existing id@version is refused.
import { packRef, validatePack, type Pack } from '../../domain/protocol/pack.ts';
import type { Deps } from '../kernel/deps.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export class PackConflictError extends Error {
  constructor(public readonly ref: string) {
    super(`Protocol pack ${ref} is already loaded with different content. Pack versions are immutable: give the changed pack a new version.`);
    this.name = 'PackConflictError';
  }
}

/** Store a pack version if new; refuse changed content under an existing version. Returns true if stored. */
export async function storePack(db: Kysely<DB>, pack: Pack): Promise<boolean> {
  const existing = await db.selectFrom('protocol_pack').select('content').where('id', '=', pack.id).where('version', '=', pack.version).executeTakeFirst();
  if (existing) {
    if (canonical(existing.content) !== canonical(pack)) throw new PackConflictError(packRef(pack));
    return false;
  }
  await db.insertInto('protocol_pack').values({ id: pack.id, version: pack.version, title: pack.title, content: JSON.stringify(pack) }).execute();
  return true;
}

/** Store the packs shipped in protocols/ and put every stored pack in the registry. */
export async function syncProtocolPacks(deps: Deps, shipped: Pack[]): Promise<{ stored: string[] }> {
  const stored: string[] = [];
  for (const pack of shipped) if (await storePack(deps.db, pack)) stored.push(packRef(pack));
  const rows = await deps.db.selectFrom('protocol_pack').select(['id', 'version', 'content']).execute();
  for (const row of rows) {
    const v = validatePack(row.content);
    if (!v.ok) throw new Error(`Stored protocol pack ${row.id}@${row.version} no longer validates: ${v.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    deps.packs.add(v.pack);
  }
  return { stored };
}
