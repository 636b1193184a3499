// Calendar dates as 'YYYY-MM-DD' strings, and today's date in Europe/London.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isRealDate(iso: string): boolean {
  const m = ISO_DATE.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** The calendar date in England at the given instant. */
export { londonDateOf as londonDate } from './clocks.ts';

/** Compose GOV.UK date-input parts into 'YYYY-MM-DD' (or a string that fails isRealDate). */
export function composeDate(day: string | undefined, month: string | undefined, year: string | undefined): string {
  const d = (day ?? '').trim();
  const m = (month ?? '').trim();
  const y = (year ?? '').trim();
  if (!d && !m && !y) return '';
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return `${y}-${m}-${d}`;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}
