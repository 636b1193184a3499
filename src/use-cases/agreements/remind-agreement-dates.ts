// The agreement's dates job: a review of the agreement in force (its next date from the pack's
// `dates.reviewCycle` — Haringey 2006 s.5.1, Wirral 2022 App. 2 s.5.2, Sandwell 2022 18 months then
// two-yearly) and each party's re-affirmation (the pack's `signatories.reaffirmation`, Sandwell 2022
// s.14.4) get a reminder ahead of time and an escalation once overdue (`noticeStage`). Reminders go
// to the partnership managers and the nominated officers concerned (for a review, those of the
// parties that approve it); a review's escalation goes to every party's officers. Each notice is claimed once per subject and
// due date, with its audit event and notifications in one transaction, so runs may overlap or be missed.
import { randomUUID } from 'node:crypto';
import { agreementsInForce, claimAgreementNotice, signatureRegister } from '../../db/queries/agreements.ts';
import { staffWithRoles } from '../../db/queries/breaches.ts';
import { noticeStage, reviewApprovers } from '../../domain/agreement-reviews.ts';
import { nextReviewOn, reaffirmationDue, signingRoles } from '../../domain/agreements.ts';
import { londonDateOf } from '../../domain/clocks.ts';
import type { NotificationKind } from '../../domain/notifications.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { Deps } from '../kernel/deps.ts';
import { notify } from '../kernel/notify.ts';

export async function remindAgreementDates(deps: Deps): Promise<{ reminded: number; escalated: number }> {
  const now = deps.now();
  const today = londonDateOf(now);
  let reminded = 0;
  let escalated = 0;
  for (const a of await agreementsInForce(deps.db)) {
    const pack = deps.packs.get(a.pack);
    if (!pack) continue;
    const parties = await signatureRegister(deps.db, a.partnership_id, a.id);
    // What falls due: the review, and each signed party's re-affirmation under the current version.
    const subjects: { subject: string; dueOn: string; agencyIds: string[]; escalateTo: string[] }[] = [];
    subjects.push({
      subject: 'review',
      dueOn: nextReviewOn(pack, { effectiveOn: a.effective_on, reviewOn: a.review_on, lastReviewedOn: a.last_reviewed_on }),
      agencyIds: reviewApprovers(pack, parties).map((p) => p.agency_id),
      escalateTo: parties.map((p) => p.agency_id),
    });
    for (const p of parties) {
      if (!p.agency_active || !p.signed_on || p.lapsed_on || p.signature_pack !== a.pack) continue;
      const due = reaffirmationDue(pack, p.signed_on);
      if (due) subjects.push({ subject: `reaffirmation:${p.agency_id}`, dueOn: due, agencyIds: [p.agency_id], escalateTo: [p.agency_id] });
    }
    for (const s of subjects) {
      const stage = noticeStage(s.dueOn, today);
      if (!stage) continue;
      await deps.db.transaction().execute(async (trx) => {
        if (!(await claimAgreementNotice(trx, { partnership_id: a.partnership_id, agreement_id: a.id, subject: s.subject, due_on: s.dueOn, stage, sent_at: now }))) return;
        const isReview = s.subject === 'review';
        const what = isReview ? 'review' : 'reaffirmation';
        const kind: NotificationKind = `agreement.${what}-${stage === 'reminded' ? 'due' : 'overdue'}`;
        const link = `/partnership/agreements/${a.id}`;
        await notify(trx, now, a.partnership_id, kind, link, { userIds: await staffWithRoles(trx, a.partnership_id, ['partnership_manager']) });
        for (const agencyId of stage === 'escalated' ? s.escalateTo : s.agencyIds) await notify(trx, now, a.partnership_id, kind, link, { agency: { agencyId, roles: signingRoles(pack) } });
        await appendAudit(
          trx,
          { partnershipId: a.partnership_id, userId: null, agencyId: null, via: 'system', correlationId: randomUUID() },
          {
            action: `agreement.${what}-${stage}`,
            subjectType: 'agreement',
            subjectId: a.id,
            details: { dueOn: s.dueOn, agencyId: isReview ? null : s.agencyIds[0] },
          },
        );
        if (stage === 'escalated') escalated++;
        else reminded++;
      });
    }
  }
  return { reminded, escalated };
}
