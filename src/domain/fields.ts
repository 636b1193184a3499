// Form and API field shapes shared by the registers' input schemas.
import { z } from 'zod';

/** An optional reference to another record (an id): blank or absent is null. Whether it names a
 *  record the person may reach is the use case's check. */
export const optionalId = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null);

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Required free text: trimmed, `required` when blank, at most `max` characters, no control characters. */
export const requiredText = (required: string, max = 5000) =>
  z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(max, `Must be ${max} characters or fewer`)
    .refine((s) => !CONTROL.test(s), 'Remove the control characters');

/** Optional free text: blank or absent is null; at most `max` characters, no control characters. */
export const optionalText = (max = 5000) =>
  z
    .string()
    .trim()
    .max(max, `Must be ${max} characters or fewer`)
    .refine((s) => !CONTROL.test(s), 'Remove the control characters')
    .optional()
    .nullable()
    .transform((v) => v || null);
