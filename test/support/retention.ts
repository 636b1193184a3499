// Shared by the retention tests: a partnership where every kind of record Concord disposes of
// carries a marker — a request and its notes, a decision, information sent with an attachment and
// opened, and audit details (a search) — and where each agency has an information-governance lead.
import { randomBytes } from 'node:crypto';
import { searchChildren } from '../../src/use-cases/children/search-children.ts';
import { recordDecision } from '../../src/use-cases/decisions/record-decision.ts';
import { openDisclosure } from '../../src/use-cases/disclosures/open-disclosure.ts';
import { sendDisclosure } from '../../src/use-cases/disclosures/send-disclosure.ts';
import type { Deps } from '../../src/use-cases/kernel/deps.ts';
import { allocateRequest } from '../../src/use-cases/requests/allocate-request.ts';
import { askForMoreInformation } from '../../src/use-cases/requests/ask-for-more-information.ts';
import { makeRequest } from '../../src/use-cases/requests/make-request.ts';
import { provideMoreInformation } from '../../src/use-cases/requests/provide-more-information.ts';
import { triageRequest } from '../../src/use-cases/requests/triage-request.ts';
import { makeStaff } from './factories.ts';
import { must, requestInput, shareAnswers, sharingPartnership } from './sharing.ts';

/** Text that appears nowhere else: `sealed` only inside sealed records, `audit` only in audit details. */
export const markers = () => {
  const id = randomBytes(6).toString('hex').toUpperCase();
  return { sealed: `ZQXMARK${id}SEALED`, audit: `ZQXMARK${id}AUDIT` };
};

export async function markedRecords(deps: Deps, marker: { sealed: string; audit: string }) {
  const p = await sharingPartnership(deps);
  const councilIg = await makeStaff(deps, p.partnershipId, p.councilId, ['ig_lead']);
  const policeIg = await makeStaff(deps, p.partnershipId, p.policeId, ['ig_lead']);
  const m = marker.sealed;
  const req = must(await makeRequest(deps, p.social.actor, p.childId, requestInput(p.policeId, { informationNeeded: `Needed ${m}`, reason: `Reason ${m}`, consentDetail: `Consent ${m}` })));
  must(await triageRequest(deps, p.policeSpoc.actor, req.requestId, { outcome: 'accept', checks: ['purpose', 'necessary', 'consent'] }));
  must(await allocateRequest(deps, p.policeSpoc.actor, req.requestId, { allocateTo: p.officer.id }));
  must(await askForMoreInformation(deps, p.officer.actor, req.requestId, { note: `Ask ${m}` }));
  must(await provideMoreInformation(deps, p.social.actor, req.requestId, { note: `Answer ${m}` }));
  const decision = must(
    await recordDecision(deps, p.officer.actor, p.childId, {
      answers: shareAnswers,
      record: { action: 'shared', recipientAgencyId: p.councilId, purposeDetail: `Purpose ${m}`, informationShared: `Shared ${m}`, reasons: `Reasons ${m}` },
      context: { requestId: req.requestId },
    }),
  );
  const attachment = Buffer.from(`Attachment ${m}`);
  const sent = must(
    await sendDisclosure(
      deps,
      p.officer.actor,
      {
        decisionId: decision.decisionId,
        scope: 'share_all',
        items: [{ level: 'detailed', label: 'case notes, assessments and plans', value: `Item ${m}`, kind: 'fact' }],
        freeText: `Message ${m}`,
      },
      [{ filename: `file-${m}.txt`, contentType: 'text/plain', content: attachment }],
    ),
  );
  must(await openDisclosure(deps, p.social.actor, sent.disclosureId));
  // A search: its criteria are kept in the audit event's details (ADR 0004).
  must(await searchChildren(deps, p.social.actor, { query: marker.audit }));
  return { ...p, councilIg, policeIg, requestId: req.requestId, decisionId: decision.decisionId, disclosureId: sent.disclosureId };
}
