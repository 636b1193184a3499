// Answer a rights request, with reasons (Sandwell 2022 s.11.1: access, rectification, objection,
// erasure). Erasure and restriction are checked against the pack's retention schedule and legal
// holds (src/domain/retention.ts): erasure cannot be complied with while a record is on hold or
// within its retention period, and the answer carries the reasons the check gives. Rectification is
// done through the correction flow: a complied rectification names the correction (reported to, or
// decided by, this agency, about the same child). An objection is recorded with its outcome.

import { z } from 'zod';
import { recordsHeldAbout } from '../../db/queries/rights.ts';
import { answerSchema, retentionAnswer, retentionCheck } from '../../domain/rights.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { CORRECTION, reach } from '../kernel/gateway.ts';
import { sealAs, unsealAs } from '../kernel/sealed.ts';
import { rightsStep } from './_steps.ts';

const schema = z.intersection(answerSchema, z.object({ correctionId: z.string().optional().nullable() }));

export const answerRightsRequest = (deps: Deps, actor: Actor, requestId: string, input: unknown) =>
  rightsStep(deps, actor, requestId, input, {
    action: 'rights-request.answered',
    event: 'answer',
    schema,
    async run({ trx, row, input: v, now }) {
      const reasons: string[] = [];
      const details: Record<string, unknown> = { outcome: v.outcome };
      if ((row.kind === 'erasure' || row.kind === 'restriction') && row.child_id) {
        const schedule = deps.packs.get(row.pack)?.retentionSchedule;
        const held = await recordsHeldAbout(trx, row.partnership_id, row.agency_id, row.child_id);
        const check = schedule
          ? retentionCheck(
              schedule,
              held.map((h) => ({ kind: h.kind, recordedAt: h.recorded_at, closedAt: h.closed_at, dateOfBirth: h.date_of_birth, held: h.held })),
              now,
            )
          : { held: held.filter((h) => h.held).length, retained: [], ended: 0 };
        const a = retentionAnswer(row.kind, v.outcome, check);
        if (a.error) return { errors: [{ path: 'outcome', message: a.error }] };
        reasons.push(...a.reasons);
        details.retention = { held: check.held, retained: check.retained.reduce((n, r) => n + r.count, 0), ended: check.ended };
      }
      if (row.kind === 'rectification' && v.outcome !== 'refused') {
        if (!v.correctionId) return { errors: [{ path: 'correctionId', message: 'Select the correction that rectified the information' }] };
        const c = await reach(
          trx,
          actor,
          CORRECTION,
          v.correctionId,
          'rights-request.answered',
          (c) => c.child_id === row.child_id && (c.parties.originatorAgencyId === actor.agencyId || c.parties.reportingAgencyId === actor.agencyId),
        );
        if (!c) return { errors: [{ path: 'correctionId', message: 'Select a correction about this child that your agency reported or decided' }] };
        details.correctionId = c.id;
      }
      const sealed = unsealAs(deps.keyring, 'rights-request', row.id, row.sealed);
      const text = [v.reasons, ...reasons].filter(Boolean).join('\n');
      return {
        patch: { outcome: v.outcome, answered_at: now, sealed: JSON.stringify(sealAs(deps.keyring, 'rights-request', row.id, { ...sealed, reasons: text || null })) },
        details,
      };
    },
  });
