// Schemas of the people and agencies API (/api/v1/staff, /api/v1/agencies, /api/v1/agency-api-keys):
// request bodies are the domain's own schemas; responses are described here, and the OpenAPI
// document is generated from both (peopleOpenApi below).
import { z } from 'zod';
import { INVITATION_DAYS } from '../domain/invitations.ts';
import { CHECK_RENEWAL_DAYS, MEMBERSHIPS, STAFF_CHECK_KINDS, staffCheckSchema, staffDetailsSchema } from '../domain/people.ts';
import { ROLES } from '../domain/staff.ts';
import { agencySchema } from '../use-cases/partnerships/add-agency.ts';
import { reasonSchema } from '../use-cases/partnerships/change-agency-membership.ts';

const id = z.uuid();
const at = z.iso.datetime().describe('ISO 8601 date and time, UTC');
const day = z.iso.date().describe('ISO 8601 date');
const checkStatus = z.enum(['missing', 'expired', 'due', 'current']).describe(`due: expires within ${CHECK_RENEWAL_DAYS} days`);

export const PEOPLE_BODIES = {
  AddStaffMember: staffDetailsSchema.extend({
    agencyId: id.optional().describe('Defaults to your own agency; the partnership manager may name any'),
    invite: z.boolean().optional().describe(`Send an invitation by e-mail now (a single-use link, valid for ${INVITATION_DAYS} days)`),
  }),
  UpdateStaffMember: staffDetailsSchema,
  RecordStaffCheck: staffCheckSchema,
  AddAgency: agencySchema,
  AgencyMembershipChange: z.object({ reason: reasonSchema.optional().describe('Required to suspend or to record leaving') }),
} as const;

export const staffListSchema = z.strictObject({
  staff: z.array(
    z.strictObject({
      id,
      email: z.string(),
      displayName: z.string(),
      jobTitle: z.string().nullable(),
      agency: z.strictObject({ id, name: z.string() }),
      roles: z.array(z.enum(ROLES)),
      active: z.boolean(),
      lastSignInAt: at.nullable(),
      checks: z.record(z.enum(STAFF_CHECK_KINDS), z.strictObject({ status: checkStatus, expiresOn: day.nullable() })),
      href: z.string(),
    }),
  ),
  agencies: z.array(z.strictObject({ id, name: z.string(), membership: z.enum(MEMBERSHIPS), missingRoles: z.array(z.enum(ROLES)) })),
});

export const staffMemberSchema = z.strictObject({
  id,
  email: z.string(),
  displayName: z.string(),
  jobTitle: z.string().nullable(),
  agency: z.strictObject({ id, name: z.string() }),
  roles: z.array(z.enum(ROLES)),
  active: z.boolean(),
  lastSignInAt: at.nullable(),
  checks: z.array(z.strictObject({ id, kind: z.enum(STAFF_CHECK_KINDS), completedOn: day, expiresOn: day.nullable(), note: z.string().nullable(), recordedAt: at })),
  invitation: z
    .strictObject({ state: z.enum(['pending', 'accepted', 'revoked', 'expired']), sentAt: at, expiresAt: at })
    .nullable()
    .describe('The latest invitation by e-mail, if any'),
});

export const staffChangedSchema = z.strictObject({
  id,
  href: z.string(),
  credentialsRevoked: z.boolean().optional(),
  invited: z.boolean().optional().describe('Whether an invitation was sent by e-mail'),
});

export const agencyListSchema = z.strictObject({
  agencies: z.array(
    z.strictObject({ id, name: z.string(), sector: z.string(), kind: z.string(), membership: z.enum(MEMBERSHIPS), membershipReason: z.string().nullable(), membershipChangedAt: at.nullable() }),
  ),
});
export const agencyChangedSchema = z.strictObject({ id, membership: z.enum(MEMBERSHIPS) });

export const agencyApiKeysSchema = z.strictObject({
  keys: z.array(
    z.strictObject({
      id,
      name: z.string(),
      prefix: z.string(),
      holder: z.strictObject({ id, displayName: z.string() }),
      createdAt: at,
      lastUsedAt: at.nullable(),
      expiresAt: at.nullable(),
      revokedAt: at.nullable(),
    }),
  ),
});

const json = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

export function peopleOpenApi(problems: Record<string, unknown>) {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const ok = (status: string, description: string, name: string) => ({ [status]: { description, content: { 'application/json': { schema: ref(name) } } } });
  const conflict = { '409': { description: 'Conflict: the change cannot happen now (the `detail` says why)', content: { 'application/problem+json': { schema: ref('Problem') } } } };
  const forbidden = { '403': { description: 'Your roles do not include this', content: { 'application/problem+json': { schema: ref('Problem') } } } };
  const param = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
  const staff = (operationId: string, summary: string, rest: Record<string, unknown>) => ({ operationId, summary, tags: ['Staff'], ...rest });
  const agencies = (operationId: string, summary: string, rest: Record<string, unknown>) => ({ operationId, summary, tags: ['Agencies'], ...rest });
  const body = (name: string) => ({ requestBody: { required: true, content: { 'application/json': { schema: ref(name) } } } });
  const membership = (change: string, summary: string) => ({
    post: agencies(`${change}Agency`, summary, {
      parameters: [param('agencyId')],
      ...body('AgencyMembershipChange'),
      responses: { ...ok('200', 'Changed', 'AgencyChanged'), ...problems, ...conflict },
    }),
  });
  return {
    schemas: {
      ...Object.fromEntries(Object.entries(PEOPLE_BODIES).map(([name, s]) => [name, json(s, 'input')])),
      StaffList: json(staffListSchema, 'output'),
      StaffMember: json(staffMemberSchema, 'output'),
      StaffChanged: json(staffChangedSchema, 'output'),
      AgencyList: json(agencyListSchema, 'output'),
      AgencyChanged: json(agencyChangedSchema, 'output'),
      AgencyApiKeys: json(agencyApiKeysSchema, 'output'),
    },
    paths: {
      '/staff': {
        get: staff(
          'listStaff',
          'Staff you administer (your agency’s; every agency’s for the partnership manager; agency leads see their own), with checks and training and the roles each agency has not named',
          {
            parameters: [
              { name: 'agencyId', in: 'query', required: false, schema: { type: 'string', format: 'uuid' }, description: 'The partnership manager: one agency only' },
              { name: 'report', in: 'query', required: false, schema: { type: 'string', enum: ['checks'] }, description: 'Only people whose checks or training are missing, expired or due' },
            ],
            responses: { ...ok('200', 'The staff', 'StaffList'), ...problems, ...forbidden },
          },
        ),
        post: staff('addStaffMember', 'Add a member of staff with their roles (no password: they are invited or use their agency’s SSO)', {
          ...body('AddStaffMember'),
          responses: { ...ok('201', 'Added', 'StaffChanged'), ...problems, ...forbidden },
        }),
      },
      '/staff/{userId}': {
        get: staff('getStaffMember', 'One member of staff, with their checks and training', {
          parameters: [param('userId')],
          responses: { ...ok('200', 'The member of staff', 'StaffMember'), ...problems },
        }),
        put: staff('updateStaffMember', 'Change details and roles; a change of e-mail address or roles ends their sessions and API keys at once', {
          parameters: [param('userId')],
          ...body('UpdateStaffMember'),
          responses: { ...ok('200', 'Saved', 'StaffChanged'), ...problems },
        }),
      },
      '/staff/{userId}/disable': {
        post: staff('disableStaffMember', 'Disable the account: their sessions and API keys end at once', {
          parameters: [param('userId')],
          responses: { ...ok('200', 'Disabled', 'StaffChanged'), ...problems, ...conflict },
        }),
      },
      '/staff/{userId}/enable': {
        post: staff('enableStaffMember', 'Enable the account again', { parameters: [param('userId')], responses: { ...ok('200', 'Enabled', 'StaffChanged'), ...problems, ...conflict } }),
      },
      '/staff/{userId}/invitation': {
        post: staff(
          'inviteStaffMember',
          `Send an invitation by e-mail, or a new one (the earlier link stops working): a single-use link, valid for ${INVITATION_DAYS} days, to choose a password and set up an authenticator app; the e-mail names nobody`,
          {
            parameters: [param('userId')],
            responses: { ...ok('200', 'Sent', 'StaffChanged'), ...problems, ...conflict },
          },
        ),
      },
      '/staff/{userId}/invitation/revoke': {
        post: staff('revokeStaffInvitation', 'Withdraw the invitation waiting to be used: its link stops working at once', {
          parameters: [param('userId')],
          responses: { ...ok('200', 'Withdrawn', 'StaffChanged'), ...problems, ...conflict },
        }),
      },
      '/staff/{userId}/checks': {
        post: staff('recordStaffCheck', 'Record a pre-employment check (Wirral 2022 App. 2 s.7.1) or information-sharing training (Southampton 2010 s.18; Sandwell 2022 s.10.1)', {
          parameters: [param('userId')],
          ...body('RecordStaffCheck'),
          responses: { ...ok('201', 'Recorded', 'StaffChanged'), ...problems },
        }),
      },
      '/agency-api-keys': {
        get: staff('listAgencyApiKeys', 'Your agency’s API keys, with holder, last use and expiry (agency administrator)', {
          responses: { ...ok('200', 'The keys', 'AgencyApiKeys'), ...problems, ...forbidden },
        }),
      },
      '/agency-api-keys/{keyId}/revoke': {
        post: staff('revokeAgencyApiKey', 'Revoke a key held by your agency’s staff; it stops working at once', {
          parameters: [param('keyId')],
          responses: { '204': { description: 'Revoked' }, ...problems },
        }),
      },
      '/agencies': {
        get: agencies('listAgencies', 'The partnership’s agencies and their membership (partnership manager)', {
          responses: { ...ok('200', 'The agencies', 'AgencyList'), ...problems, ...forbidden },
        }),
        post: agencies('addAgency', 'Add an agency that joins the partnership', { ...body('AddAgency'), responses: { ...ok('201', 'Joined', 'AgencyChanged'), ...problems, ...forbidden } }),
      },
      '/agencies/{agencyId}/suspend': membership('suspend', 'Suspend an agency: it can no longer be sent information'),
      '/agencies/{agencyId}/reinstate': membership('reinstate', 'Reinstate a suspended agency'),
      '/agencies/{agencyId}/leave': membership('leave', 'Record that an agency has left (final): its staff are disabled'),
    },
  };
}
