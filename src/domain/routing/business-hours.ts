// SLA clocks that count only working hours (ROUTING's business_hours_sla): a lead that arrives
// on Friday evening is not overdue on Saturday morning.

import { addDays, localDateOf, startOfLocalDate } from '../hotleads/calendar.ts';
import type { WorkingHours } from './rules.ts';

const MINUTE = 60_000;
/** Enough days to cover any SLA a team would set (a year of weekends included). */
const MAX_DAYS = 400;

/** The working intervals of one local date, as instants (empty on a day off). */
function workingInterval(date: string, hours: WorkingHours, tz: string): [number, number] | undefined {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  if (!hours.days.includes(weekday)) return undefined;
  const midnight = startOfLocalDate(date, tz).getTime();
  return [midnight + hours.start * MINUTE, midnight + hours.end * MINUTE];
}

/** Working milliseconds between two instants, in `tz`'s working hours. */
export function workingMsBetween(from: Date, to: Date, hours: WorkingHours, tz: string): number {
  if (to <= from) return 0;
  let total = 0;
  let date = localDateOf(from, tz);
  for (let i = 0; i < MAX_DAYS; i += 1, date = addDays(date, 1)) {
    const interval = workingInterval(date, hours, tz);
    if (interval) total += Math.max(0, Math.min(interval[1], to.getTime()) - Math.max(interval[0], from.getTime()));
    if (startOfLocalDate(addDays(date, 1), tz).getTime() >= to.getTime()) break;
  }
  return total;
}

/** The instant `ms` working milliseconds after `from`. */
export function addWorkingMs(from: Date, ms: number, hours: WorkingHours, tz: string): Date {
  let left = ms;
  let date = localDateOf(from, tz);
  for (let i = 0; i < MAX_DAYS; i += 1, date = addDays(date, 1)) {
    const interval = workingInterval(date, hours, tz);
    if (!interval) continue;
    const start = Math.max(interval[0], from.getTime());
    const room = interval[1] - start;
    if (room <= 0) continue;
    if (left <= room) return new Date(start + left);
    left -= room;
  }
  return new Date(from.getTime() + ms);
}
