// Shared steps of the complaint use cases: the pack's rules and reaching a complaint.
import type { ComplaintRow } from '../../db/queries/complaints.ts';
import { type ComplaintRules, complaintRules } from '../../domain/complaints.ts';
import { registerRoles } from '../../domain/disputes.ts';
import type { Actor, Role } from '../../domain/staff.ts';
import type { Deps, Tx } from '../kernel/deps.ts';
import { COMPLAINT, reach } from '../kernel/gateway.ts';

export function rulesOf(deps: Deps, pack: string): { rules: ComplaintRules; registerRoles: Role[] } {
  const p = deps.packs.get(pack)!;
  return { rules: complaintRules(p), registerRoles: registerRoles(p) };
}

export function complaintFor(deps: Deps, trx: Tx, actor: Actor, id: string, attempted: string, allowed: (row: ComplaintRow, r: ReturnType<typeof rulesOf>) => boolean) {
  return reach(trx, actor, COMPLAINT, id, attempted, (row) => allowed(row, rulesOf(deps, row.pack)));
}
