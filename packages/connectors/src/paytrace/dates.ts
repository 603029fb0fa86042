/**
 * PayTrace's date formats: requests take `MM/DD/YYYY`; exports answer US date-times such as
 * `4/10/2015 8:13:45 PM` without a zone (the merchant account's zone — unconfirmed), which the
 * connector turns into ISO local date-times (`2015-04-10T20:13:45`) and keeps the text as well.
 */

const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Formats an epoch-ms instant as PayTrace's `MM/DD/YYYY` (UTC calendar day). */
export function formatRequestDate(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}`;
}

/** The `start_date`/`end_date` pair covering yesterday to tomorrow around `epochMs`. */
export function aroundToday(epochMs: number): { start_date: string; end_date: string } {
  return {
    start_date: formatRequestDate(epochMs - DAY_MS),
    end_date: formatRequestDate(epochMs + DAY_MS),
  };
}

/** Accepts `YYYY-MM-DD` or `MM/DD/YYYY` and answers PayTrace's `MM/DD/YYYY`. */
export function toRequestDate(value: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso) return `${iso[2] ?? ''}/${iso[3] ?? ''}/${iso[1] ?? ''}`;
  return value;
}

/** JSON Schema pattern of a date input (`YYYY-MM-DD` or `MM/DD/YYYY`). */
export const DATE_INPUT_PATTERN = '^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}/[0-9]{2}/[0-9]{4})$';

const US_DATE_TIME =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

/** Parses `4/10/2015 8:13:45 PM` (or a bare `4/10/2015`) into `2015-04-10T20:13:45`. */
export function parseUsDateTime(text: string): string | undefined {
  const m = US_DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, month = '', day = '', year = '', hh, mm = '00', ss = '00', ampm] = m;
  let hour = hh === undefined ? 0 : Number(hh);
  if (ampm) {
    const pm = ampm.toUpperCase() === 'PM';
    if (hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
  }
  return `${year}-${pad(Number(month))}-${pad(Number(day))}T${pad(hour)}:${mm}:${ss}`;
}

/** Formats an epoch-ms instant the way PayTrace exports do (`4/10/2015 8:13:45 PM`, UTC). */
export function formatUsDateTime(epochMs: number): string {
  const d = new Date(epochMs);
  const h = d.getUTCHours();
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  return (
    `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ` +
    `${hour12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`
  );
}
