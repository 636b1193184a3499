// Dates and times as GOV.UK writes them ("22 November 2026", "22 November 2026 at 2:05pm"), in
// Europe/London. Pure: pages (through the nunjucks filters) and use cases' messages use the same.

const TIME_ZONE = 'Europe/London';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: TIME_ZONE,
});

const calendarDateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const dateTimeParts = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: TIME_ZONE,
});

function toInstant(value: string | Date): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid date: ${String(value)}`);
  return date;
}

/**
 * "22 November 2026". A date-only string ("2026-11-22") is a calendar date and
 * is shown as-is; an instant (Date or ISO timestamp) is shown as the date in
 * Europe/London.
 */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string') {
    const m = DATE_ONLY.exec(value);
    if (m) return calendarDateFormat.format(toInstant(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`));
  }
  return dateFormat.format(toInstant(value));
}

/**
 * "22 November 2026 at 2:05pm", in Europe/London, following the GOV.UK style
 * for times: "2pm" on the hour, "midday" and "midnight" rather than 12pm/12am.
 */
export function formatDateTime(value: string | Date): string {
  const parts = dateTimeParts.formatToParts(toInstant(value));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const hour24 = Number(part('hour'));
  const minute = part('minute');
  const date = `${part('day')} ${part('month')} ${part('year')}`;
  return `${date} at ${formatClock(hour24, minute)}`;
}

function formatClock(hour24: number, minute: string): string {
  if (minute === '00' && hour24 === 0) return 'midnight';
  if (minute === '00' && hour24 === 12) return 'midday';
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  const suffix = hour24 < 12 ? 'am' : 'pm';
  return minute === '00' ? `${hour12}${suffix}` : `${hour12}:${minute}${suffix}`;
}
