// Report a suspected breach: anyone may (Sandwell 2022 App. 1 "record the breach and raise it";
// Wirral 2022 App. 2 s.5.8 "immediately informs"). What happened and how are sealed; the children
// and disclosures it concerns must be ones the reporter can reach (others are refused as not found,
// and audited). The clocks of the pack's procedure start from when it was found.
import { disclosureParties } from '../../db/queries/breaches.ts';
import { reportBreachSchema, reportTimeErrors } from '../../domain/breaches.ts';
import type { Actor } from '../../domain/staff.ts';
import { openBreach } from '../kernel/breaches.ts';
import type { Deps } from '../kernel/deps.ts';
import { auditRefusal, isUuid, reachChild } from '../kernel/gateway.ts';
import { type FieldError, fieldErrors, invalid, type Outcome, ok } from '../kernel/outcome.ts';
import { once, type Replayable, type Submission } from '../kernel/submissions.ts';

export async function reportBreach(deps: Deps, actor: Actor, input: unknown, submission?: Submission): Promise<Outcome<Replayable<{ breachId: string }>>> {
  const parsed = reportBreachSchema.safeParse(input ?? {});
  if (!parsed.success) return invalid(fieldErrors(parsed.error.issues));
  const r = parsed.data;
  const errors: FieldError[] = reportTimeErrors(r, deps.now());
  return deps.db.transaction().execute((trx) =>
    once(trx, actor, 'breach.report', submission, deps.now(), async () => {
      const childIds: string[] = [];
      for (const [i, childId] of [...new Set(r.childIds)].entries()) {
        const child = await reachChild(trx, actor, childId, 'breach.reported');
        if (child) childIds.push(child.id);
        else errors.push({ path: `childIds.${i}`, message: 'Select a child your agency works with' });
      }
      const wanted = [...new Set(r.disclosureIds)];
      const found = await disclosureParties(trx, actor.partnershipId, wanted.filter(isUuid));
      const disclosures = [];
      for (const [i, id] of wanted.entries()) {
        const d = found.find((x) => x.id === id);
        // Naming a disclosure reads nothing of it: anyone in the sending or receiving agency may.
        if (d && (d.from_agency_id === actor.agencyId || d.to_agency_id === actor.agencyId)) disclosures.push(d);
        else {
          await auditRefusal(trx, actor, 'disclosure', 'breach.reported', id, d ? d.child_id : undefined);
          errors.push({ path: `disclosureIds.${i}`, message: 'Select information your agency sent or received' });
        }
      }
      if (errors.length) return invalid(errors);
      const opened = await openBreach(deps, trx, actor, {
        kind: 'reported',
        narrative: { what: r.what, how: r.how },
        identifiedAt: r.identifiedAt,
        occurredAt: r.occurredAt ?? null,
        childIds,
        disclosures,
      });
      return ok({ breachId: opened.breachId });
    }),
  );
}
