// Pauses cover whole calendar days in the configured time zone: "until Mon 21 Dec 2026" means
// marketing may email again from Tue 22 Dec 00:00 local time. These helpers are pure.

const DAY_MS = 86_400_000;

/** A calendar date as YYYY-MM-DD. */
export type LocalDate = string;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

function zonedParts(instant: Date, timeZone: string): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return { y: out.year, m: out.month, d: out.day, h: out.hour % 24, mi: out.minute, s: out.second };
}

// formatToParts is slow next to the rest of a reply, and `/hotlead list` asks it the same
// instants (each pause's end) on every call: answers are kept, up to a bound.
const MAX_KEPT_DATES = 2_000;
const localDates = new Map<string, LocalDate>();

/** The calendar date an instant falls on in a time zone. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const key = `${instant.getTime()} ${timeZone}`;
  const kept = localDates.get(key);
  if (kept !== undefined) return kept;
  const { y, m, d } = zonedParts(instant, timeZone);
  const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (localDates.size >= MAX_KEPT_DATES) localDates.clear();
  localDates.set(key, date);
  return date;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const wall = Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s);
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The zone's offset from UTC at an instant, in minutes (what chrono-node takes as a time zone). */
export function offsetMinutesAt(instant: Date, timeZone: string): number {
  return Math.round(offsetAt(instant, timeZone) / 60_000);
}

/** The instant a calendar date starts (00:00 local, or the first instant after a DST gap). */
export function startOfLocalDate(date: LocalDate, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d);
  let guess = wall - offsetAt(new Date(wall), timeZone);
  // A second pass settles days where the offset changes between the guess and midnight.
  guess = wall - offsetAt(new Date(guess), timeZone);
  return new Date(guess);
}

/** The date `days` calendar days after `date`. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Math.round((b - a) / DAY_MS);
}

/** True for a real calendar date written YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1970 || mo < 1 || mo > 12 || d < 1) return false;
  return new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d;
}

/** When a pause that covers `lastDay` ends: the start of the next day. */
export function endOfLocalDate(lastDay: LocalDate, timeZone: string): Date {
  return startOfLocalDate(addDays(lastDay, 1), timeZone);
}

/** The last calendar day a pause ending at `until` covers. */
export function lastDayCovered(until: Date, timeZone: string): LocalDate {
  return localDateOf(new Date(until.getTime() - 1), timeZone);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mon 21 Dec 2026" */
export function readableDate(date: LocalDate): string {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${WEEKDAYS[weekday]} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** The readable last day of a pause ending at `until`. */
export function readableUntil(until: Date, timeZone: string): string {
  return readableDate(lastDayCovered(until, timeZone));
}
