// The protocol packs a deployment knows, by id@version. Versions are immutable: a partnership that
// moves to a new version keeps its old decisions explained by the version they were made under.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { DecisionPolicy } from '../../domain/decision/policy.ts';
import { type Pack, packRef } from '../../domain/protocol/pack.ts';
import { decisionPolicy } from '../../domain/protocol/policy.ts';
import { formatPackErrors, readPackFile } from './pack-files.ts';

export interface PackRegistry {
  get(ref: string): Pack | undefined;
  /** The decision policy of a pack; throws for an unknown pack (a partnership always has one). */
  policy(ref: string): DecisionPolicy;
  all(): Pack[];
  add(pack: Pack): void;
}

export function createPackRegistry(packs: Pack[]): PackRegistry {
  const byRef = new Map<string, { pack: Pack; policy: DecisionPolicy }>();
  const registry: PackRegistry = {
    get: (ref) => byRef.get(ref)?.pack,
    policy(ref) {
      const found = byRef.get(ref);
      if (!found) throw new Error(`Protocol pack ${ref} is not loaded`);
      return found.policy;
    },
    all: () => [...byRef.values()].map((v) => v.pack),
    add(pack) {
      byRef.set(packRef(pack), { pack, policy: decisionPolicy(pack) });
    },
  };
  for (const p of packs) registry.add(p);
  return registry;
}

/** Load every protocols/<id>/pack.yaml; refuses to start on any invalid pack. */
export async function loadPacksDir(packsDir: string): Promise<Pack[]> {
  const entries = await readdir(packsDir, { withFileTypes: true });
  const packs: Pack[] = [];
  for (const e of entries.filter((d) => d.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const result = await readPackFile(path.join(packsDir, e.name, 'pack.yaml'), packsDir);
    if (!result.ok) throw new Error(`Protocol pack ${e.name} is not valid:\n${formatPackErrors(result.errors)}`);
    packs.push(result.pack);
  }
  return packs;
}
