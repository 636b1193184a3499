// Scheduled and queued work on pg-boss, on the same database as everything else (PGlite or
// PostgreSQL). Handlers call use cases; they never touch tables directly.
import { fromPglite, PgBoss } from 'pg-boss';
import type { Database } from '../db/database.ts';
import { purgeExpiredSessions } from '../use-cases/accounts/web-sessions.ts';
import { applyPackMoves } from '../use-cases/agreements/apply-pack-moves.ts';
import { remindAgreementDates } from '../use-cases/agreements/remind-agreement-dates.ts';
import { runBreachClocks } from '../use-cases/breaches/run-breach-clocks.ts';
import { alertUnusualAccess } from '../use-cases/break-glass/alert-unusual-access.ts';
import { endBreakGlassGrants } from '../use-cases/break-glass/end-break-glass-grants.ts';
import { remindOverdueComplaints } from '../use-cases/complaints/remind-overdue-complaints.ts';
import { remindUndecidedCorrections } from '../use-cases/corrections/remind-undecided-corrections.ts';
import { expireDisclosures } from '../use-cases/disclosures/expire-disclosures.ts';
import { actOnDisputeDeadlines } from '../use-cases/disputes/act-on-dispute-deadlines.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';
import { deliverEmails } from '../use-cases/notifications/deliver-emails.ts';
import { escalateOverdueRequests } from '../use-cases/requests/escalate-overdue-requests.ts';
import { disposeApproved } from '../use-cases/retention/dispose-approved.ts';
import { findRecordsDue } from '../use-cases/retention/find-records-due.ts';
import { runRightsClocks } from '../use-cases/rights/run-rights-clocks.ts';
import { type AuditSequencer, startAuditSequencer } from './audit-sequencer.ts';

export const QUEUES = {
  purgeSessions: 'sessions-purge-expired',
  deliverEmails: 'emails-deliver',
  escalateRequests: 'requests-escalate-overdue',
  expireDisclosures: 'disclosures-expire-unopened',
  disputeDeadlines: 'disputes-act-on-deadlines',
  complaintReminders: 'complaints-remind-overdue',
  correctionClock: 'corrections-remind-undecided',
  breachClocks: 'breaches-clocks',
  retention: 'retention-review-and-dispose',
  breakGlass: 'break-glass-end-grants',
  unusualAccess: 'access-alert-unusual-rate',
  agreementDates: 'agreements-remind-reviews-and-reaffirmations',
  rightsClocks: 'rights-requests-clocks',
} as const;

/** The first e-mail delivery after start-up, so that e-mails written while no jobs ran need not wait for the minute. */
export const FIRST_DELIVERY_AFTER_SECONDS = 5;

export interface Jobs {
  boss: PgBoss;
  /** The audit log's sequencer and checkpointer (every half second). */
  auditSequencer: AuditSequencer;
  stop(): Promise<void>;
}

type BossDb = NonNullable<NonNullable<ConstructorParameters<typeof PgBoss>[0]> extends infer O ? (O extends { db?: infer D } ? D : never) : never>;

function adapter(database: Database): { db: BossDb; backend: 'pglite' | 'postgres' } {
  if (database.raw.kind === 'pglite') return { db: fromPglite(database.raw.pglite), backend: 'pglite' };
  const pool = database.raw.pool;
  return { db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values as unknown[]) }, backend: 'postgres' };
}

export async function startJobs(deps: Deps, database: Database, options: { schema?: string } = {}): Promise<Jobs> {
  const boss = new PgBoss({ ...adapter(database), schema: options.schema ?? 'pgboss' });
  boss.on('error', (err: Error) => console.error(`Job queue error: ${err.name}`));
  await boss.start();
  await boss.createQueue(QUEUES.purgeSessions);
  await boss.work(QUEUES.purgeSessions, async () => {
    await purgeExpiredSessions(deps);
  });
  await boss.schedule(QUEUES.purgeSessions, '*/15 * * * *', null, { tz: 'Europe/London' });
  // E-mails from the outbox, through the configured notifier (deps.notifier): every minute, and once
  // shortly after start-up. Runs that overlap are safe: each e-mail is locked while it is delivered.
  await boss.createQueue(QUEUES.deliverEmails);
  await boss.work(QUEUES.deliverEmails, async () => {
    await deliverEmails(deps);
  });
  await boss.schedule(QUEUES.deliverEmails, '* * * * *', null, { tz: 'Europe/London' });
  await boss.send(QUEUES.deliverEmails, null, { startAfter: FIRST_DELIVERY_AFTER_SECONDS });
  // Overdue requests escalate to the receiving SPoC, then its safeguarding lead (pack
  // `requests.escalation`); unopened information expires (pack `disclosures.expireUnopenedAfter`).
  // Each is idempotent, so a missed or repeated run does no harm.
  await boss.createQueue(QUEUES.escalateRequests);
  await boss.work(QUEUES.escalateRequests, async () => {
    await escalateOverdueRequests(deps);
  });
  await boss.schedule(QUEUES.escalateRequests, '*/5 * * * *', null, { tz: 'Europe/London' });
  await boss.createQueue(QUEUES.expireDisclosures);
  await boss.work(QUEUES.expireDisclosures, async () => {
    await expireDisclosures(deps);
  });
  await boss.schedule(QUEUES.expireDisclosures, '*/15 * * * *', null, { tz: 'Europe/London' });
  // Dispute stages past their time escalate where the pack says so (dispute.stages[].onDeadline),
  // otherwise their people are reminded once; late complaints are brought to their handlers once.
  await boss.createQueue(QUEUES.disputeDeadlines);
  await boss.work(QUEUES.disputeDeadlines, async () => {
    await actOnDisputeDeadlines(deps);
  });
  await boss.schedule(QUEUES.disputeDeadlines, '*/15 * * * *', null, { tz: 'Europe/London' });
  await boss.createQueue(QUEUES.complaintReminders);
  await boss.work(QUEUES.complaintReminders, async () => {
    await remindOverdueComplaints(deps);
  });
  await boss.schedule(QUEUES.complaintReminders, '0 * * * *', null, { tz: 'Europe/London' });
  // Reported inaccuracies still undecided when the protocol's clock runs out (pack `accuracy`):
  // the originator reminded and/or the reporting agency told, once.
  await boss.createQueue(QUEUES.correctionClock);
  await boss.work(QUEUES.correctionClock, async () => {
    await remindUndecidedCorrections(deps);
  });
  await boss.schedule(QUEUES.correctionClock, '20 * * * *', null, { tz: 'Europe/London' });
  // Breach deadlines (pack `breach.deadlines` and the ICO's 72 hours): reminders and escalation,
  // every five minutes; each notice is claimed once, so runs may overlap or be missed.
  await boss.createQueue(QUEUES.breachClocks);
  await boss.work(QUEUES.breachClocks, async () => {
    await runBreachClocks(deps);
  });
  await boss.schedule(QUEUES.breachClocks, '*/5 * * * *', null, { tz: 'Europe/London' });
  // Retention (pack `retentionSchedule`): nightly, list records whose retention has ended for their
  // agency's IG lead to review, and dispose of what has been approved, one transaction per batch.
  await boss.createQueue(QUEUES.retention);
  await boss.work(QUEUES.retention, async () => {
    await findRecordsDue(deps);
    await disposeApproved(deps);
  });
  await boss.schedule(QUEUES.retention, '30 2 * * *', null, { tz: 'Europe/London' });
  // Break-glass grants (pack `breakGlass.hours`) already end for the visibility rule at their time;
  // every five minutes the ended ones are removed and audited. Unusual view rates (ADR 0051) are
  // checked every hour, each person alerted about once a day at most.
  await boss.createQueue(QUEUES.breakGlass);
  await boss.work(QUEUES.breakGlass, async () => {
    await endBreakGlassGrants(deps, 'job:break-glass');
  });
  await boss.schedule(QUEUES.breakGlass, '*/5 * * * *', null, { tz: 'Europe/London' });
  await boss.createQueue(QUEUES.unusualAccess);
  await boss.work(QUEUES.unusualAccess, async () => {
    await alertUnusualAccess(deps, 'job:unusual-access');
  });
  await boss.schedule(QUEUES.unusualAccess, '50 * * * *', null, { tz: 'Europe/London' });
  // The agreement's review and each party's re-affirmation (pack `dates.reviewCycle`,
  // `signatories.reaffirmation`): reminded ahead of time and escalated when overdue, once each, hourly.
  // First, an agreed move to a new pack version whose date has come is made (ADR 0088).
  await boss.createQueue(QUEUES.agreementDates);
  await boss.work(QUEUES.agreementDates, async () => {
    await applyPackMoves(deps);
    await remindAgreementDates(deps);
  });
  await boss.schedule(QUEUES.agreementDates, '15 * * * *', null, { tz: 'Europe/London' });
  // Rights request deadlines (UK GDPR Art. 12(3), Art. 12A) and source agencies' consultations:
  // reminders and escalation, hourly; each notice is claimed once.
  await boss.createQueue(QUEUES.rightsClocks);
  await boss.work(QUEUES.rightsClocks, async () => {
    await runRightsClocks(deps);
  });
  await boss.schedule(QUEUES.rightsClocks, '10 * * * *', null, { tz: 'Europe/London' });
  const auditSequencer = startAuditSequencer(deps);
  return {
    boss,
    auditSequencer,
    stop: async () => {
      await auditSequencer.stop();
      await boss.stop({ graceful: true, timeout: 5_000 });
    },
  };
}
