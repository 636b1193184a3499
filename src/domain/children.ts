// A child or young person: the minimum data set of Haringey 2006 s.3.8 (names and aliases,
// address and postcode, telephone, date of birth, gender, ethnicity, current setting, NHS number),
// in scope 0-18, or up to 25 for care leavers and young people with SEND (Southampton 2010 s.5).
import { z } from 'zod';
import { type AgeScope, inScope } from './age-scope.ts';
import { isRealDate } from './dates.ts';
import { isValidNhsNumber, normaliseNhsNumber } from './nhs-number.ts';

export const GENDERS = ['female', 'male', 'other', 'not_known'] as const;
export const genderLabels: Record<(typeof GENDERS)[number], string> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
  not_known: 'Not known',
};

const UK_POSTCODE = /^(GIR 0AA|[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2})$/i;
const PHONE = /^\+?[0-9 ()-]{7,20}$/;

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

export function normalisePostcode(input: string): string {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

const personName = (label: string) =>
  z
    .string({ error: `Enter the ${label}` })
    .trim()
    .min(1, `Enter the ${label}`)
    .max(100, `The ${label} must be 100 characters or fewer`);

export const childDetailsSchema = z.object({
  givenName: personName("child's first name"),
  familyName: personName("child's last name"),
  aliases: z
    .array(z.string().trim().max(100, 'Each other name must be 100 characters or fewer'))
    .max(10, 'Enter no more than 10 other names')
    .default([])
    .transform((a) => a.filter((s) => s !== '')),
  dateOfBirth: z.string({ error: 'Enter the date of birth' }).min(1, 'Enter the date of birth').refine(isRealDate, 'Date of birth must be a real date, for example 27 3 2015'),
  gender: z
    .enum(GENDERS, { error: 'Select the gender' })
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  ethnicity: optionalText(100, 'Ethnicity'),
  address: optionalText(300, 'Address'),
  postcode: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : normalisePostcode(v)))
    .nullable()
    .optional()
    .transform((v) => v ?? null)
    .refine((v) => v === null || UK_POSTCODE.test(v), 'Enter a real postcode, like SO14 7LY'),
  phone: optionalText(20, 'Telephone number').refine((v) => v === null || PHONE.test(v), 'Enter a telephone number, like 01632 960 001 or +44 808 157 0192'),
  currentSetting: optionalText(200, 'Current setting'),
  nhsNumber: z
    .string()
    .trim()
    .optional()
    .nullable()
    .transform((v) => (v ? v : null))
    .superRefine((v, ctx) => {
      if (v === null) return;
      const n = normaliseNhsNumber(v);
      if (n === null) ctx.addIssue({ code: 'custom', message: 'NHS number must be 10 digits, like 999 000 0018' });
      else if (!isValidNhsNumber(n)) ctx.addIssue({ code: 'custom', message: 'Enter a valid NHS number: check the digits, the last one is a check digit' });
    })
    .transform((v) => (v === null ? null : normaliseNhsNumber(v))),
  careLeaver: z.boolean().default(false),
  send: z.boolean().default(false),
});

export type ChildDetails = z.output<typeof childDetailsSchema>;

/** Validate a new child against the minimum data set and the protocol's age scope (pack `ageScope`) on `today` (YYYY-MM-DD). */
export function validateChildDetails(input: unknown, today: string, scope: AgeScope): { ok: true; value: ChildDetails } | { ok: false; errors: { path: string; message: string }[] } {
  const parsed = childDetailsSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '_', message: i.message })) };
  }
  const c = parsed.data;
  const covered = inScope({ dateOfBirth: c.dateOfBirth, careLeaver: c.careLeaver, send: c.send }, today, scope);
  if (!covered.ok) return { ok: false, errors: [{ path: 'dateOfBirth', message: covered.reason }] };
  return { ok: true, value: c };
}

export const RELATIONSHIPS = ['mother', 'father', 'step_parent', 'grandparent', 'sibling', 'foster_carer', 'kinship_carer', 'special_guardian', 'local_authority', 'other'] as const;
export const relationshipLabels: Record<(typeof RELATIONSHIPS)[number], string> = {
  mother: 'Mother',
  father: 'Father',
  step_parent: 'Step-parent',
  grandparent: 'Grandparent',
  sibling: 'Brother or sister',
  foster_carer: 'Foster carer',
  kinship_carer: 'Kinship carer',
  special_guardian: 'Special guardian',
  local_authority: 'Local authority (care order)',
  other: 'Other',
};

export const familyMemberSchema = z.object({
  givenName: personName('first name'),
  familyName: personName('last name'),
  relationship: z.enum(RELATIONSHIPS, { error: 'Select their relationship to the child' }),
  parentalResponsibility: z.boolean({ error: 'Select whether they have parental responsibility' }),
  isCarer: z.boolean().default(false),
  livesWithChild: z.boolean().default(false),
  dateOfBirth: z
    .string()
    .optional()
    .nullable()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isRealDate(v), 'Date of birth must be a real date'),
  address: optionalText(300, 'Address'),
  postcode: optionalText(10, 'Postcode')
    .transform((v) => (v === null ? null : normalisePostcode(v)))
    .refine((v) => v === null || UK_POSTCODE.test(v), 'Enter a real postcode, like SO14 7LY'),
  phone: optionalText(20, 'Telephone number').refine((v) => v === null || PHONE.test(v), 'Enter a telephone number, like 01632 960 001'),
});
export type FamilyMemberDetails = z.output<typeof familyMemberSchema>;

/** A search for a child. */
export interface SearchInput {
  /** Name, alias or NHS number. */
  query?: string;
  dateOfBirth?: string;
}

/** What is wrong with a search for a child (name, alias or NHS number, and/or a date of birth). */
export function searchErrors(text: string, dateOfBirth: string): { path: string; message: string }[] {
  const errors = [];
  if (text.length > 100) errors.push({ path: 'query', message: 'Search text must be 100 characters or fewer' });
  if (dateOfBirth && !isRealDate(dateOfBirth)) errors.push({ path: 'dateOfBirth', message: 'Date of birth must be a real date' });
  if (!text && !dateOfBirth) errors.push({ path: 'query', message: 'Enter a name, NHS number or date of birth to search for' });
  return errors;
}
/** Adding children is rate limited per person: a record found by NHS number and date of birth links
 *  the person's agency to it, so unlimited adding could search the partnership's records by
 *  guessing dates of birth (issue 11 hardening; ADR 0042). A practitioner adds a handful a day;
 *  bulk loading is an administrator's job through the CLI. */
export const CHILD_ADDING_LIMIT = { max: 20, windowMinutes: 60 } as const;

export const CHILD_ADDING_LIMIT_REASON = `You have added ${CHILD_ADDING_LIMIT.max} children or young people in the last hour, the most Concord allows. Wait, then try again, or ask your single point of contact.`;

/** Whether another child may be added by someone who has recorded `recent` in the window. */
export const mayAddAnotherChild = (recent: number): boolean => recent < CHILD_ADDING_LIMIT.max;
