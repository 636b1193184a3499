// Asking coherently through the JSON API: the same rules as the request form. Leaving out the
// lawful basis uses the one suggested for the purpose; a request that contradicts itself is refused
// with problem+json on the field; warnings answer 422 with their codes, and the request is made
// when they are sent back in `confirmedWarnings`, recorded with it (Wirral 2022 App. 2 s.3.2;
// Sandwell 2022 s.1.17, App. 2 q.1).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { requestCreatedSchema } from '../../src/api/exchange-schemas.ts';
import { problemSchema } from '../../src/api/schemas.ts';
import { createApiKey } from '../../src/use-cases/accounts/create-api-key.ts';
import { useTestApp } from '../support/app.ts';
import { openTestDb } from '../support/db.ts';
import { auditOf } from '../support/factories.ts';
import { must, requestInput, sharingPartnership } from '../support/sharing.ts';

const ctx = useTestApp(openTestDb, { before, after });

const problemOf = (res: LightMyRequestResponse) => {
  assert.equal(res.statusCode, 422, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  return problemSchema.parse(res.json());
};

describe(`JSON API: asking coherently (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('refuses an incoherent request, holds one with warnings until they are confirmed, and suggests the basis', async () => {
    const p = await sharingPartnership(ctx.t.deps);
    const token = must(await createApiKey(ctx.t.deps, p.social.actor, { name: 'Case system' })).token;
    const post = (body: Record<string, unknown>) => ctx.app.inject({ method: 'POST', url: `/api/v1/children/${p.childId}/requests`, headers: { authorization: `Bearer ${token}` }, payload: body });
    const { lawfulBasis: _chosen, ...withoutBasis } = requestInput(p.policeId, {
      purpose: 'early_help',
      urgency: 'immediate',
      informationNeeded: 'Everything you hold about the family',
      reason: 'Just in case',
      consent: 'given',
      consentDetail: '',
    });
    const made = () => ctx.t.deps.db.selectFrom('info_request').select(['id', 'lawful_basis']).where('child_id', '=', p.childId).execute();

    const refused = problemOf(await post({ ...withoutBasis, lawfulBasis: 'court_order' }));
    assert.deepEqual(
      refused.errors?.map((e) => [e.pointer, e.warning]),
      [['/lawfulBasis', undefined]],
    );
    assert.match(refused.errors![0]!.message, /A court order is the lawful basis only when a court has ordered/);
    const consentless = problemOf(await post({ ...withoutBasis, lawfulBasis: 'uk_gdpr_6_1_a', consent: 'refused', consentDetail: 'They said no' }));
    assert.match(consentless.errors![0]!.message, /You chose consent as the lawful basis, but the family has not given consent/);

    const warned = problemOf(await post(withoutBasis));
    assert.deepEqual(
      warned.errors?.map((e) => [e.pointer, e.warning]),
      [
        ['/urgency', 'immediate_without_risk'],
        ['/informationNeeded', 'not_specific'],
      ],
    );
    assert.deepEqual(
      problemOf(await post({ ...withoutBasis, confirmedWarnings: ['not_specific'] })).errors?.map((e) => e.warning),
      ['immediate_without_risk'],
    );
    assert.deepEqual(
      problemOf(await post({ ...withoutBasis, confirmedWarnings: ['whatever'] })).errors?.map((e) => e.pointer),
      ['/confirmedWarnings/0'],
    );
    assert.deepEqual(await made(), [], 'nothing is made until every warning is confirmed');

    const res = await post({ ...withoutBasis, confirmedWarnings: ['immediate_without_risk', 'not_specific'] });
    assert.equal(res.statusCode, 201, res.body);
    const created = requestCreatedSchema.parse(res.json());
    assert.equal(created.lawfulBasis, 'uk_gdpr_6_1_e', 'the basis suggested for early help');
    assert.deepEqual(
      (await made()).map((r) => r.lawful_basis),
      ['uk_gdpr_6_1_e'],
    );
    const audit = (await auditOf(ctx.t.deps, p.partnershipId)).find((e) => e.action === 'request.created' && e.subject_id === created.id);
    assert.deepEqual(audit?.details, {
      toAgencyId: p.policeId,
      purpose: 'early_help',
      lawfulBasis: 'uk_gdpr_6_1_e',
      lawfulBasisSuggested: true,
      urgency: 'immediate',
      pack: (audit?.details as { pack?: string } | undefined)?.pack,
      dueAt: created.dueAt,
      confirmedWarnings: ['immediate_without_risk', 'not_specific'],
    });
  });
});
