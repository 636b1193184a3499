// Find children the actor's agency holds or is involved with. Every search is audited with its
// criteria and what it returned (a search is a read of personal data).
import { type ChildRow, searchVisibleChildren } from '../../db/queries/children.ts';
import { type SearchInput, searchErrors } from '../../domain/children.ts';
import { normaliseNhsNumber } from '../../domain/nhs-number.ts';
import { mayWorkWithChildren } from '../../domain/people.ts';
import type { Actor } from '../../domain/staff.ts';
import { auditActor, scopeOf } from '../kernel/actor.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { invalid, type Outcome, ok } from '../kernel/outcome.ts';

export type { SearchInput } from '../../domain/children.ts';

export const SEARCH_LIMIT = 50;

export async function searchChildren(deps: Deps, actor: Actor, input: SearchInput): Promise<Outcome<ChildRow[]>> {
  const text = (input.query ?? '').trim();
  const dob = (input.dateOfBirth ?? '').trim();
  const errors = searchErrors(text, dob);
  if (errors.length) return invalid(errors);

  const digits = text.replace(/[\s-]/g, '');
  const nhs = /^\d{10}$/.test(digits) ? (normaliseNhsNumber(digits) ?? undefined) : undefined;
  return deps.db.transaction().execute(async (trx) => {
    // Administration is not access (ADR 0044): the search is audited as denied and finds nothing.
    if (!mayWorkWithChildren(actor)) {
      await appendAudit(trx, auditActor(actor), { action: 'child.searched', outcome: 'denied', subjectType: 'child', details: { reason: 'administration_role_only' } });
      return ok([]);
    }
    const rows = await searchVisibleChildren(trx, scopeOf(actor), {
      nhsNumber: nhs,
      name: nhs ? undefined : text || undefined,
      dateOfBirth: dob || undefined,
      limit: SEARCH_LIMIT,
    });
    await appendAudit(trx, auditActor(actor), {
      action: 'child.searched',
      subjectType: 'child',
      details: { criteria: { text: text || null, dateOfBirth: dob || null }, resultIds: rows.map((r) => r.id) },
    });
    return ok(rows);
  });
}
export type { ChildRow } from '../../db/queries/children.ts';
