// The consultations a source agency's IG lead has been asked (metadata only), waiting ones first.
import { consultationsForSource } from '../../db/queries/rights.ts';
import { canLogRightsRequest } from '../../domain/rights.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { forbidden, type Outcome, ok } from '../kernel/outcome.ts';

export async function listConsultations(deps: Deps, actor: Actor): Promise<Outcome<Omit<Awaited<ReturnType<typeof consultationsForSource>>[number], 'sealed'>[]>> {
  if (!canLogRightsRequest(actor)) return forbidden('Only an information governance lead answers consultations');
  const rows = await consultationsForSource(deps.db, actor.partnershipId, actor.agencyId);
  return ok(rows.map(({ sealed: _sealed, ...c }) => c));
}
