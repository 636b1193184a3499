// Rules shared by the exchange of information between agencies: requests, disclosures, onward
// agreements and corrections.

const MAX_NOTE_LENGTH = 5000;

/** A note is free text: required notes must say something, and every note has a limit. */
export function noteError(note: string | null | undefined, required: string | false, path = 'note'): { path: string; message: string }[] {
  const text = (note ?? '').trim();
  if (required && !text) return [{ path, message: required }];
  if (text.length > MAX_NOTE_LENGTH) return [{ path, message: `Must be ${MAX_NOTE_LENGTH} characters or fewer` }];
  return [];
}
