// Shared by the request and disclosure route tests: a partnership of four agencies, the decision
// journey walked through its pages, and a multipart form post (the disclosure form sends files).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { addChild } from '../../src/use-cases/children/add-child.ts';
import type { Deps } from '../../src/use-cases/kernel/deps.ts';
import type { Outcome } from '../../src/use-cases/kernel/outcome.ts';
import { Client, cookieHeader, csrfFrom } from './app.ts';
import { childInput, makeAgency, makePartnership, makeStaff, TEST_PASSWORD } from './factories.ts';

/**
 * A signed-in client. Sign-in is rate limited by address (10 a minute), and these tests sign many
 * people in, so each sign-in comes from its own client address (no forwarded header is believed
 * unless a proxy is configured, ADR 0040).
 */
export async function signedIn(app: FastifyInstance, email: string): Promise<Client> {
  const c = new Client(app);
  await c.get('/sign-in');
  const body = new URLSearchParams({ _csrf: c.csrf, email, password: TEST_PASSWORD });
  const ip = `10.${randomBytes(3).join('.')}`;
  const res = await app.inject({
    method: 'POST',
    url: '/sign-in',
    remoteAddress: ip,
    headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
  if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode}`);
  c.cookie = cookieHeader(res, c.cookie);
  await c.secondFactor(email, res.headers.location as string, ip);
  await c.get('/children');
  return c;
}

/** Council (requester), police (responder and originator), school (onward recipient), health (outsider). */
export async function sharingPartnership(deps: Deps) {
  const partnershipId = await makePartnership(deps);
  const councilId = await makeAgency(deps, partnershipId, 'Council');
  const policeId = await makeAgency(deps, partnershipId, 'Police', 'police');
  const schoolId = await makeAgency(deps, partnershipId, 'School', 'education');
  const healthId = await makeAgency(deps, partnershipId, 'Health', 'health');
  const social = await makeStaff(deps, partnershipId, councilId, ['practitioner']);
  const frontDoor = await makeStaff(deps, partnershipId, councilId, ['spoc', 'practitioner']);
  const policeSpoc = await makeStaff(deps, partnershipId, policeId, ['spoc']);
  const officer = await makeStaff(deps, partnershipId, policeId, ['practitioner']);
  const otherOfficer = await makeStaff(deps, partnershipId, policeId, ['practitioner']);
  const policeLead = await makeStaff(deps, partnershipId, policeId, ['designated_safeguarding_lead']);
  const schoolLead = await makeStaff(deps, partnershipId, schoolId, ['designated_safeguarding_lead', 'practitioner']);
  // Health: every role that could matter, and still outside all of it.
  const nurse = await makeStaff(deps, partnershipId, healthId, ['practitioner', 'spoc', 'designated_safeguarding_lead']);
  const added = await addChild(deps, social.actor, childInput({ nhsNumber: null }));
  if (added.kind !== 'ok') throw new Error('child not added');
  const childId = added.value.childId;
  await deps.db.insertInto('involvement').values({ partnership_id: partnershipId, child_id: childId, agency_id: schoolId, kind: 'involved', recorded_by: schoolLead.id }).execute();
  return { partnershipId, councilId, policeId, schoolId, healthId, social, frontDoor, policeSpoc, officer, otherOfficer, policeLead, schoolLead, nurse, childId };
}

/** The decision engine's answers for sharing without consent because asking would increase the risk. */
export const shareAnswers = {
  purpose: 'child_protection',
  identifiable: true,
  level: 'detailed',
  confidential: true,
  childAge: 9,
  consent: 'not_sought',
  consentNotSoughtReason: 'increase_risk',
  harm: 'reasonable_cause_significant_harm',
  sexualActivityUnder13: false,
};

/** A request for information, as a practitioner would make it. */
export const requestInput = (toAgencyId: string, over: Record<string, unknown> = {}) => ({
  toAgencyId,
  purpose: 'child_protection',
  lawfulBasis: 'children_act_1989_s47',
  urgency: 'urgent',
  informationNeeded: 'Any call-outs to the home address in the last 12 months',
  reason: 'Strategy discussion under s.47 tomorrow morning',
  consent: 'not_sought',
  consentDetail: 'Seeking consent could place the child at increased risk',
  ...over,
});

/** The value of an ok outcome; anything else fails the test, saying what came back. */
export function must<T>(o: Outcome<T>): T {
  if (o.kind !== 'ok') assert.fail(`expected ok, got ${o.kind}: ${JSON.stringify(o)}`);
  return o.value;
}

/** Sharing without consent because asking would increase the risk (the child is 9: the record says). */
export const SHARE: [string, string][] = [
  ['purpose', 'child_protection'],
  ['identifiable', 'yes'],
  ['level', 'detailed'],
  ['confidential', 'yes'],
  ['consent', 'not_sought'],
  ['consentNotSoughtReason', 'increase_risk'],
  ['harm', 'reasonable_cause_significant_harm'],
  ['sexualActivityUnder13', 'no'],
];

/** Start at `startUrl` (a decision journey entry point), answer each question, check, and reach the record page. */
export async function walkDecision(c: Client, startUrl: string, childId: string, answers: [string, string][] = SHARE) {
  let res = await c.get(startUrl);
  assert.equal(res.statusCode, 303, `${startUrl} starts the journey`);
  for (const [question, answer] of answers) {
    const url = res.headers.location as string;
    assert.equal(url, `/children/${childId}/decisions/new/${question}`, `expected to be asked ${question}`);
    await c.get(url);
    res = await c.post(url, { answer });
    assert.equal(res.statusCode, 303, `answer to ${question} accepted`);
  }
  assert.equal(res.headers.location, `/children/${childId}/decisions/new/check`);
  await c.get(res.headers.location as string);
  await c.post(`/children/${childId}/decisions/new/check`, {});
  const record = await c.get(`/children/${childId}/decisions/new/record`);
  assert.equal(record.statusCode, 200);
  return record;
}

export interface FilePart {
  name: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

/** POST a multipart/form-data form (fields first, then files), as a browser would, with the client's cookies and CSRF token. */
export async function postMultipart(app: FastifyInstance, c: Client, url: string, fields: Record<string, string | string[]>, files: FilePart[] = [], opts: { csrf?: string } = {}) {
  const boundary = `----concord${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  const add = (headers: string, body: Buffer | string) => {
    chunks.push(Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`), Buffer.isBuffer(body) ? body : Buffer.from(body), Buffer.from('\r\n'));
  };
  add('Content-Disposition: form-data; name="_csrf"', opts.csrf ?? c.csrf);
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) add(`Content-Disposition: form-data; name="${k}"`, one);
  for (const f of files) add(`Content-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType}`, f.content);
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const res = await app.inject({ method: 'POST', url, headers: { cookie: c.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(chunks) });
  c.cookie = cookieHeader(res, c.cookie);
  if (res.headers['content-type']?.toString().startsWith('text/html') && /name="_csrf"/.test(res.body)) c.csrf = csrfFrom(res.body);
  return res;
}

/** The error summary's links on a page: the fields in error. */
export const errorLinks = (html: string) => [...html.matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1]!);
