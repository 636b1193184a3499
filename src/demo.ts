// Loading a demo partnership is composition, not one use case: it creates the partnership, then
// makes the demo's requests, disputes, complaints and breaches through their use cases, so they are exactly
// what a practitioner would have made. Used by src/main.ts (DEMO_DATA) and `concord demo`.
import { randomUUID } from 'node:crypto';
import { addDaysToDate, londonDateOf } from './domain/clocks.ts';
import type { Actor } from './domain/staff.ts';
import { importAgreement } from './use-cases/agreements/import-agreement.ts';
import { addBreachAction } from './use-cases/breaches/add-breach-action.ts';
import { assessBreach } from './use-cases/breaches/assess-breach.ts';
import { closeBreach } from './use-cases/breaches/close-breach.ts';
import { recordIcoDecision } from './use-cases/breaches/record-ico-decision.ts';
import { recordIndividualsDecision } from './use-cases/breaches/record-individuals-decision.ts';
import { reportBreach } from './use-cases/breaches/report-breach.ts';
import { triageBreach } from './use-cases/breaches/triage-breach.ts';
import { recordComplaint } from './use-cases/complaints/record-complaint.ts';
import { recordDecision } from './use-cases/decisions/record-decision.ts';
import { escalateDispute } from './use-cases/disputes/escalate-dispute.ts';
import { raiseDispute } from './use-cases/disputes/raise-dispute.ts';
import { recordDisputeStage } from './use-cases/disputes/record-dispute-stage.ts';
import type { Deps } from './use-cases/kernel/deps.ts';
import type { DemoPartnership } from './use-cases/partnerships/_demo-data.ts';
import { createDemoPartnership } from './use-cases/partnerships/create-demo-partnership.ts';
import { makeRequest } from './use-cases/requests/make-request.ts';
import { withdrawRequest } from './use-cases/requests/withdraw-request.ts';
import { findRecordsDue } from './use-cases/retention/find-records-due.ts';
import { recordStaffCheck } from './use-cases/staff/record-staff-check.ts';

/** Load a demo partnership unless it already exists (then nothing is done). */
export async function loadDemoPartnership(deps: Deps, demo: DemoPartnership, password: string): Promise<{ created: boolean; partnershipId: string }> {
  const made = await createDemoPartnership(deps, demo, password);
  if (!made.created) return made;
  // The agreement first: only agencies that have signed it receive information.
  if (demo.agreement) {
    const today = londonDateOf(deps.now());
    const g = demo.agreement;
    const imported = await importAgreement(deps, made.partnershipId, {
      title: g.title,
      effectiveOn: addDaysToDate(today, -g.effectiveDaysAgo),
      reviewOn: addDaysToDate(today, g.reviewInDays),
      parties: g.parties.map((p) => {
        const agencyId = made.agencyIds.get(p.agency);
        if (!agencyId) throw new Error(`The demo agreement names an agency the demo does not have: ${p.agency}`);
        const s = p.signatory;
        return {
          agencyId,
          role: p.role,
          signature: s
            ? { name: s.name, title: s.title, signedOn: addDaysToDate(today, -s.daysAgo), lapsed: s.lapsed ? { on: addDaysToDate(today, -s.lapsed.daysAgo), reason: s.lapsed.reason } : undefined }
            : undefined,
        };
      }),
    });
    if (imported.kind !== 'ok') throw new Error(`The demo agreement is not valid: ${JSON.stringify(imported)}`);
  }
  for (const r of demo.requests ?? []) {
    const staff = made.staff.get(r.from);
    const childId = made.childIds.get(r.child);
    const toAgencyId = made.agencyIds.get(r.to);
    if (!staff || !childId || !toAgencyId) throw new Error(`Demo request from ${r.from} names a person, child or agency the demo does not have`);
    const actor: Actor = { userId: staff.userId, partnershipId: made.partnershipId, agencyId: staff.agencyId, roles: staff.roles, via: 'cli', correlationId: randomUUID() };
    const result = await makeRequest(deps, actor, childId, { ...r.input, toAgencyId });
    if (result.kind !== 'ok') throw new Error(`Demo request from ${r.from} is not valid: ${JSON.stringify(result)}`);
  }
  const actorFor = (email: string): Actor => {
    const staff = made.staff.get(email);
    if (!staff) throw new Error(`The demo has no person ${email}`);
    return { userId: staff.userId, partnershipId: made.partnershipId, agencyId: staff.agencyId, roles: staff.roles, via: 'cli', correlationId: randomUUID() };
  };
  // Checks and training (Wirral 2022 App. 2 s.7.1; Sandwell 2022 s.10.1): the partnership manager
  // records them for everyone in the first agency, one training record soon to expire, so /staff and
  // its checks report have something to show; the other agencies' are left not recorded.
  const manager = demo.staff.find((s) => s.roles.includes('partnership_manager'));
  if (manager) {
    const pm = actorFor(manager.email);
    const today = londonDateOf(deps.now());
    const year = Number(today.slice(0, 4));
    for (const [i, s] of demo.staff.filter((x) => x.agency === demo.staff[0]!.agency).entries()) {
      const userId = made.staff.get(s.email)!.userId;
      await recordStaffCheck(deps, pm, userId, { kind: 'pre_employment_check', completedOn: `${year - 2}-09-01`, expiresOn: `${year + 1}-09-01` });
      const expiresOn = i === 0 ? new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10) : `${year + 1}-06-30`;
      await recordStaffCheck(deps, pm, userId, { kind: 'information_sharing_training', completedOn: `${year - 1}-06-30`, expiresOn });
    }
  }
  const known = <T>(map: Map<string, T>, key: string, what: string): T => {
    const v = map.get(key);
    if (v === undefined) throw new Error(`The demo has no ${what} ${key}`);
    return v;
  };
  for (const d of demo.decisions ?? []) {
    const recorded = await recordDecision(deps, actorFor(d.by), known(made.childIds, d.child, 'child'), {
      answers: d.answers,
      record: { ...d.record, recipientAgencyId: known(made.agencyIds, d.to, 'agency') },
    });
    if (recorded.kind !== 'ok') throw new Error(`Demo decision by ${d.by} is not valid: ${JSON.stringify(recorded)}`);
  }
  // A dispute stands at the stage after the ones listed: each is recorded as not agreed, then escalated.
  for (const d of demo.disputes ?? []) {
    const from = actorFor(d.from);
    const raised = await raiseDispute(deps, from, {
      ground: d.ground as never,
      childId: known(made.childIds, d.child, 'child'),
      otherAgencyId: known(made.agencyIds, d.with, 'agency'),
      summary: d.summary,
    });
    if (raised.kind !== 'ok') throw new Error(`Demo dispute from ${d.from} is not valid: ${JSON.stringify(raised)}`);
    for (const stage of d.stages) {
      const recorded = await recordDisputeStage(deps, actorFor(stage.by), raised.value.disputeId, { discussed: stage.discussed, outcome: 'not_agreed', reasons: stage.reasons });
      const escalated = await escalateDispute(deps, from, raised.value.disputeId, {});
      if (recorded.kind !== 'ok' || escalated.kind !== 'ok') throw new Error(`Demo dispute stage by ${stage.by} is not valid`);
    }
  }
  for (const c of demo.complaints ?? []) {
    const result = await recordComplaint(deps, actorFor(c.by), {
      agencyId: known(made.agencyIds, c.about, 'agency'),
      complainant: c.complainant as never,
      receivedOn: londonDateOf(deps.now()),
      ...(c.child ? { childId: known(made.childIds, c.child, 'child') } : {}),
      summary: c.summary,
    });
    if (result.kind !== 'ok') throw new Error(`Demo complaint by ${c.by} is not valid: ${JSON.stringify(result)}`);
  }
  // Breaches too, each step through its use case at the time it happened in the story.
  const breachSteps = { triage: triageBreach, assess: assessBreach, ico: recordIcoDecision, individuals: recordIndividualsDecision, action: addBreachAction, close: closeBreach };
  for (const b of demo.breaches ?? []) {
    const reportedAt = new Date(deps.now().getTime() - b.hoursAgo * 3_600_000);
    const at = (hoursAfter: number): Deps => ({ ...deps, now: () => new Date(reportedAt.getTime() + hoursAfter * 3_600_000) });
    const reported = await reportBreach(at(0), actorFor(b.reporter), {
      what: b.what,
      how: b.how,
      identifiedAt: new Date(reportedAt.getTime() - 3_600_000).toISOString(),
      childIds: b.children.map((c) => known(made.childIds, c, 'child')),
    });
    if (reported.kind !== 'ok') throw new Error(`Demo breach is not valid: ${JSON.stringify(reported)}`);
    for (const s of b.steps) {
      const { reportedAtHoursAfter, toldAtHoursAfter, ...input } = s.input as Record<string, unknown> & { reportedAtHoursAfter?: number; toldAtHoursAfter?: number };
      if (reportedAtHoursAfter !== undefined) input.reportedAt = at(reportedAtHoursAfter).now().toISOString();
      if (toldAtHoursAfter !== undefined) input.toldAt = at(toldAtHoursAfter).now().toISOString();
      const done = await breachSteps[s.step](at(s.after), actorFor(s.as), reported.value.breachId, input);
      if (done.kind !== 'ok') throw new Error(`Demo breach step ${s.step} is not valid: ${JSON.stringify(done)}`);
    }
  }
  // An older request, withdrawn a month ago: under Wirral 2022 App. 2 s.8.1 a request is disposed of
  // once its purpose is served, so the retention job lists it for the requesting agency's IG lead.
  const first = demo.requests?.[0];
  if (first && made.staff.has('sam.social@council.example') && made.childIds.has('Ben') && made.agencyIds.has('police')) {
    const monthsAgo = (n: number): Deps => ({ ...deps, now: () => new Date(deps.now().getTime() - n * 30 * 86_400_000) });
    const from = actorFor('sam.social@council.example');
    const old = await makeRequest(monthsAgo(2), from, known(made.childIds, 'Ben', 'child'), {
      ...first.input,
      toAgencyId: known(made.agencyIds, 'police', 'agency'),
      informationNeeded: 'Any police involvement with Ben’s household in the last year.',
      reason: 'Preparing for an initial child protection conference.',
    });
    if (old.kind !== 'ok') throw new Error(`Demo old request is not valid: ${JSON.stringify(old)}`);
    const withdrawn = await withdrawRequest(monthsAgo(1), from, old.value.requestId, { note: 'Information found in our own records' });
    if (withdrawn.kind !== 'ok') throw new Error('Demo old request could not be withdrawn');
    await findRecordsDue(deps);
  }
  return { created: true, partnershipId: made.partnershipId };
}
