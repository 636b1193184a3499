// Packs are stored in the database when first loaded, so that every partnership's pack version
// stays available (and unchanged) for as long as its records exist. A pack version is immutable:
// loading different content under an existing id@version is refused.
import type { Kysely } from 'kysely';
import { findStoredPack, insertPack } from '../../db/queries/partnerships.ts';
import type { DB } from '../../db/schema.ts';
import { type Pack, packRef } from '../../domain/protocol/pack.ts';

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
  const existing = await findStoredPack(db, pack.id, pack.version);
  if (existing) {
    if (canonical(existing.content) !== canonical(pack)) throw new PackConflictError(packRef(pack));
    return false;
  }
  await insertPack(db, { id: pack.id, version: pack.version, title: pack.title, content: JSON.stringify(pack) });
  return true;
}
