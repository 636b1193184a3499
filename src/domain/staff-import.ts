// Bulk import of staff from CSV (issue 11): an administrator onboarding an agency loads its people
// at once, after a dry run that reports each line's errors. Pure parsing and checking here; the use
// case (src/use-cases/staff/import-staff.ts) writes all the lines or none.
//
// The file: a header line, then one person per line:
//   email,name,job_title,roles,agency
//   sam@council.example,Sam Social,Social worker,practitioner;spoc,Council
// `roles` are role codes (src/domain/staff.ts ROLES) separated by ";"; `job_title` and `agency` may be
// empty (agency: the importer's own; only the partnership manager names another).
import { hasControlCharacter } from './input.ts';
import { type StaffDetails, staffDetailsSchema } from './people.ts';

export const STAFF_CSV_COLUMNS = ['email', 'name', 'job_title', 'roles', 'agency'] as const;
export const STAFF_IMPORT_MAX_LINES = 1000;

export interface LineError {
  line: number;
  message: string;
}

export interface ImportLine {
  line: number;
  details: StaffDetails;
  agency: string | null;
}

/** RFC 4180 fields of one CSV text: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      fields.push(field);
      rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      line++;
      rowLine = line;
    } else field += c;
  }
  if (field !== '' || fields.length) {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  return rows.filter((r) => r.fields.some((f) => f.trim() !== ''));
}

/** Read the file into people, or say what is wrong on which line. Nothing is valid if anything is not. */
export function readStaffCsv(text: string): { lines: ImportLine[]; errors: LineError[] } {
  const errors: LineError[] = [];
  if (hasControlCharacter(text.replace(/[\r\n\t]/g, '')))
    return { lines: [], errors: [{ line: 0, message: 'The file contains a NUL or another control character: save it again as plain CSV (UTF-8)' }] };
  const rows = parseCsv(text);
  const header = rows.shift();
  const names = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  const missing = STAFF_CSV_COLUMNS.filter((c) => c !== 'agency' && c !== 'job_title' && !names.includes(c));
  if (!header || missing.length) return { lines: [], errors: [{ line: 1, message: `The first line must name the columns ${STAFF_CSV_COLUMNS.join(',')} (missing: ${missing.join(', ') || 'all'})` }] };
  if (rows.length === 0) return { lines: [], errors: [{ line: 2, message: 'The file has no people in it' }] };
  if (rows.length > STAFF_IMPORT_MAX_LINES) return { lines: [], errors: [{ line: STAFF_IMPORT_MAX_LINES + 2, message: `Import at most ${STAFF_IMPORT_MAX_LINES} people at a time` }] };
  const col = (r: string[], name: string) => {
    const i = names.indexOf(name);
    return i >= 0 ? (r[i] ?? '').trim() : '';
  };
  const seen = new Map<string, number>();
  const lines: ImportLine[] = [];
  for (const r of rows) {
    if (r.fields.length !== names.length) {
      errors.push({ line: r.line, message: `Expected ${names.length} fields, found ${r.fields.length} (put a value with a comma in double quotes)` });
      continue;
    }
    const parsed = staffDetailsSchema.safeParse({
      email: col(r.fields, 'email'),
      displayName: col(r.fields, 'name'),
      jobTitle: col(r.fields, 'job_title') || undefined,
      roles: col(r.fields, 'roles')
        .split(';')
        .map((x) => x.trim())
        .filter(Boolean),
    });
    if (!parsed.success) {
      for (const i of parsed.error.issues) errors.push({ line: r.line, message: `${String(i.path[0] ?? 'line')}: ${i.message}` });
      continue;
    }
    const first = seen.get(parsed.data.email);
    if (first) {
      errors.push({ line: r.line, message: `email: ${parsed.data.email} is also on line ${first}` });
      continue;
    }
    seen.set(parsed.data.email, r.line);
    lines.push({ line: r.line, details: parsed.data, agency: col(r.fields, 'agency') || null });
  }
  return { lines, errors };
}
