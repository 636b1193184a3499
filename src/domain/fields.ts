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
