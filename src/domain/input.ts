// Text that may enter Concord. NUL and other control characters are refused at the boundary, for
// every field of every form, query string, path and JSON body (issue 11 hardening): a NUL cannot
// be stored by PostgreSQL (it answered 500), and control characters hide text from the people who
// read a record, an audit event or an export. Tab, line feed and carriage return stay allowed,
// because free-text answers have lines.

export interface InputError {
  path: string;
  message: string;
}

/** C0 controls except tab, line feed and carriage return; DEL; C1 controls. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export const CONTROL_CHARACTER_MESSAGE = 'contains a character that is not allowed (a NUL or other control character). Remove it and try again';

export const hasControlCharacter = (s: string): boolean => CONTROL.test(s);

/** The fields of a parsed input (form, query, JSON) that hold a control character, by dotted path;
 *  object keys are checked too. Stops after `limit` findings. */
export function controlCharacterErrors(value: unknown, prefix = '', limit = 20): InputError[] {
  const errors: InputError[] = [];
  const walk = (v: unknown, path: string, depth: number) => {
    if (errors.length >= limit || depth > 32) return;
    if (typeof v === 'string') {
      if (CONTROL.test(v)) errors.push({ path: path || '_', message: `${path || 'The input'} ${CONTROL_CHARACTER_MESSAGE}` });
      return;
    }
    if (ArrayBuffer.isView(v)) return; // an uploaded file's bytes are not text
    if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) walk(item, path ? `${path}.${i}` : String(i), depth + 1);
      return;
    }
    if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (CONTROL.test(k)) {
          errors.push({ path: path || '_', message: `A field name ${CONTROL_CHARACTER_MESSAGE}` });
          continue;
        }
        walk(item, at, depth + 1);
      }
    }
  };
  walk(value, prefix, 0);
  return errors;
}
