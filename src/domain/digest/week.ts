import cron from 'node-cron';

// Calendar arithmetic in the configured time zone: the digest's week is the ISO week where the
// readers live, and "the scheduled time has passed" is judged on their clock, not the server's.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const formatters = new Map<string, Intl.DateTimeFormat>();

interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function localParts(at: Date, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** How far the zone's wall clock is ahead of UTC at this instant. */
function offsetMs(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant the zone's wall clock reads 00:00 on this calendar day. */
export function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  let at = wall - offsetMs(new Date(wall), timeZone);
  // A DST change between the guess and the answer moves the offset once; settle on the second reading.
  at = wall - offsetMs(new Date(at), timeZone);
  return new Date(at);
}

/** The calendar date in the zone, as YYYY-MM-DD. */
export function localDate(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** YYYY-MM-DD plus some days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

export interface IsoWeek {
  /** e.g. 2026-W48 */
  label: string;
  /** Monday 00:00 in the zone. */
  start: Date;
}

/** The ISO week (Monday to Sunday) containing this instant, on the zone's calendar. */
export function isoWeek(at: Date, timeZone: string): IsoWeek {
  const p = localParts(at, timeZone);
  const day = Date.UTC(p.year, p.month - 1, p.day);
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = new Date(day - weekday * DAY_MS);
  // ISO: the week belongs to the year its Thursday falls in.
  const thursday = new Date(day + (3 - weekday) * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * DAY_MS)) + 1;
  return {
    label: `${isoYear}-W${String(week).padStart(2, '0')}`,
    start: localMidnight(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), timeZone),
  };
}

/**
 * The first time the cron expression fires in [from, to], in the zone; undefined when it does
 * not. Walks the zone's hours and tries only the minutes the expression names, so a week costs
 * a few hundred checks rather than ten thousand.
 */
export function firstScheduledTime(expression: string, timeZone: string, from: Date, to: Date): Date | undefined {
  const fields = cron.parse(expression);
  const second = Math.min(...fields.second);
  const task = cron.createTask(expression, () => undefined, { timezone: timeZone });
  try {
    // `from` is a local midnight, so stepping whole hours stays on the zone's hour boundaries.
    for (let hour = from.getTime(); hour <= to.getTime(); hour += HOUR_MS) {
      for (const minute of fields.minute) {
        const at = hour + minute * 60_000 + second * 1000;
        if (at > to.getTime()) break;
        if (at >= from.getTime() && task.match(new Date(at))) return new Date(at);
      }
    }
    return undefined;
  } finally {
    void task.destroy();
  }
}
