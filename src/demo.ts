// Loading a demo partnership is composition, not one use case: it creates the partnership, then
// makes the demo's requests through the requests use case, so they are exactly what a practitioner
// would have made. Used by src/main.ts (DEMO_DATA) and `concord demo`.
import { randomUUID } from 'node:crypto';
import type { Actor } from './domain/staff.ts';
import type { Deps } from './use-cases/kernel/deps.ts';
import { createDemoPartnership } from './use-cases/partnerships/create-demo-partnership.ts';
import type { DemoPartnership } from './use-cases/partnerships/_demo-data.ts';
import { makeRequest } from './use-cases/requests/make-request.ts';

/** Load a demo partnership unless it already exists (then nothing is done). */
export async function loadDemoPartnership(deps: Deps, demo: DemoPartnership, password: string): Promise<{ created: boolean; partnershipId: string }> {
  const made = await createDemoPartnership(deps, demo, password);
  if (!made.created) return made;
  for (const r of demo.requests ?? []) {
    const staff = made.staff.get(r.from);
    const childId = made.childIds.get(r.child);
    const toAgencyId = made.agencyIds.get(r.to);
    if (!staff || !childId || !toAgencyId) throw new Error(`Demo request from ${r.from} names a person, child or agency the demo does not have`);
    const actor: Actor = { userId: staff.userId, partnershipId: made.partnershipId, agencyId: staff.agencyId, roles: staff.roles, via: 'cli', correlationId: randomUUID() };
    const result = await makeRequest(deps, actor, childId, { ...r.input, toAgencyId });
    if (result.kind !== 'ok') throw new Error(`Demo request from ${r.from} is not valid: ${JSON.stringify(result)}`);
  }
  return { created: true, partnershipId: made.partnershipId };
}
