// The `/hotlead` grammar, as pure functions of (text, now, settings):
//   /hotlead [help]
//   /hotlead EMAIL [DURATION] [note…]
//   /hotlead release EMAIL
//   /hotlead shorten EMAIL DURATION
//   /hotlead list [all]
// DURATION is one of: N (days), N days, Nd, N weeks, Nw, until YYYY-MM-DD, or words chrono-node
// reads as a date or a span from today ("two weeks", "a month", "3 months", "next Friday",
// "Dec 14", "until Jan 8").
// A pause covers whole days in the configured time zone: N days means today plus the next N
// days, so `14d` on Mon 23 Nov and `until 2026-12-07` both end after Mon 7 Dec.
// The words after the email are read as a duration when they start with a digit or a sign, are
// `until`, or chrono-node reads a date at their very start; a number word it cannot read ("two
// fortnights") is refused rather than kept as the note. Anything else starts the note (so
// `/hotlead EMAIL 2nd call booked` is refused: write the duration first).

import * as chrono from 'chrono-node';
import { addDays, daysBetween, endOfLocalDate, isCalendarDate, localDateOf, offsetMinutesAt, readableDate, type LocalDate } from './calendar.ts';

export const MAX_PAUSE_DAYS = 365;
export const MAX_NOTE_LENGTH = 1000;
const MAX_EMAIL_LENGTH = 254;

export interface ParseSettings {
  now: Date;
  timeZone: string;
  defaultDays: number;
}

export interface PauseEnd {
  /** The last calendar day covered, in the settings' time zone. */
  lastDay: LocalDate;
  /** The instant the pause ends: the start of the day after lastDay. */
  until: Date;
  /** Calendar days from today to lastDay. */
  days: number;
}

export type HotleadCommand =
  | { kind: 'help' }
  | { kind: 'list'; all: boolean }
  | { kind: 'release'; email: string }
  | ({ kind: 'shorten'; email: string } & PauseEnd)
  | ({ kind: 'pause'; email: string; note: string | undefined; durationGiven: boolean } & PauseEnd)
  /** unknownWords: the first word is neither a subcommand nor an email (a mistyped command). */
  | { kind: 'invalid'; problem: string; unknownWords?: boolean };

export interface Email {
  /** As written, trimmed. */
  address: string;
  /** Lower-cased: what pauses are matched on. */
  lower: string;
}

const DOMAIN_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const EMAIL_RE = new RegExp(`^([A-Za-z0-9!#$%&'*+/=?^_\`{|}~.-]{1,64})@(${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})+)$`);

/** Reads one email address; Slack may send it as `<mailto:a@b.c|a@b.c>`. Undefined when it is not one. */
export function parseEmail(word: string): Email | undefined {
  let text = word.trim();
  const link = /^<mailto:([^|>]*)(?:\|[^>]*)?>$/i.exec(text);
  if (link) text = link[1];
  if (text.length === 0 || text.length > MAX_EMAIL_LENGTH) return undefined;
  const m = EMAIL_RE.exec(text);
  if (!m) return undefined;
  const local = m[1];
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return undefined;
  if (!/[A-Za-z]/.test(m[2].split('.').at(-1) ?? '')) return undefined;
  return { address: text, lower: text.toLowerCase() };
}

/** The pause end for "N days from today" (N ≥ 1). */
export function pauseEndAfterDays(days: number, now: Date, timeZone: string): PauseEnd {
  const today = localDateOf(now, timeZone);
  const lastDay = addDays(today, days);
  return { lastDay, until: endOfLocalDate(lastDay, timeZone), days };
}

/** The pause end for "until DATE"; a problem when DATE is today, past, or too far. */
export function pauseEndOnDate(lastDay: LocalDate, now: Date, timeZone: string): PauseEnd | { problem: string } {
  const today = localDateOf(now, timeZone);
  const days = daysBetween(today, lastDay);
  if (days <= 0) {
    return { problem: `${lastDay} is ${days === 0 ? 'today' : 'in the past'}: the date must be after today (${readableDate(today)}).` };
  }
  if (days > MAX_PAUSE_DAYS) {
    return { problem: `${lastDay} is more than ${MAX_PAUSE_DAYS} days away: the latest is ${addDays(today, MAX_PAUSE_DAYS)}.` };
  }
  return { lastDay, until: endOfLocalDate(lastDay, timeZone), days };
}

interface Word {
  text: string;
  end: number;
}

function words(text: string): Word[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], end: (m.index ?? 0) + m[0].length }));
}

const UNIT_WORD = /^(d|days?|w|wks?|weeks?)$/i;
// Units a rep may reach for that a pause is not counted in: "3 months" must not become 3 days.
const OTHER_UNIT_WORD = /^(h|hrs?|hours?|mins?|minutes?)[.,;:!]?$/i;
const DURATION_EXAMPLES = 'write 14, 2w, "two weeks", "3 months", "next Friday" or "until Dec 21"';
// Months and years are calendar spans: chrono-node counts them from today.
const CALENDAR_UNIT_WORD = /^(mo|mos|mths?|months?|y|yrs?|years?)[.,;:!]?$/i;
// Words that start a duration and nothing else: when chrono-node cannot read the phrase, refuse it.
const DURATION_START_WORD = /^(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|couple|few|several|next|fortnight)$/i;

/**
 * A date or span chrono-node reads at the very start of `phrase` (in the settings' zone), as the
 * last day it covers; undefined when nothing at the start is a date.
 */
function readDatePhrase(phrase: string, settings: ParseSettings): { lastDay: LocalDate; text: string } | undefined {
  const [first] = chrono.parse(phrase, { instant: settings.now, timezone: offsetMinutesAt(settings.now, settings.timeZone) }, { forwardDate: true });
  if (!first || first.index !== 0) return undefined;
  const y = first.start.get('year');
  const m = first.start.get('month');
  const d = first.start.get('day');
  if (y === null || m === null || d === null) return undefined;
  return { lastDay: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, text: first.text };
}

/** Reads a duration in words at ws[i] (after `skip` words such as `until`); the end and how many words it used. */
function readWordsDuration(ws: Word[], i: number, text: string, settings: ParseSettings, skip = 0): { end: PauseEnd; used: number } | { problem: string } | undefined {
  const from = i + skip;
  if (ws[from] === undefined) return undefined;
  const start = ws[from].end - ws[from].text.length;
  const found = readDatePhrase(text.slice(start), settings);
  if (!found) return undefined;
  const end = pauseEndOnDate(found.lastDay, settings.now, settings.timeZone);
  if ('problem' in end) return end;
  const used = skip + words(found.text).length;
  return { end, used };
}

/** Reads a duration starting at words[i]; returns the pause end and how many words it used. */
function readDuration(ws: Word[], i: number, text: string, settings: ParseSettings): { end: PauseEnd; used: number } | { problem: string } | undefined {
  const word = ws[i]?.text;
  if (word === undefined) return undefined;
  if (/^until$/i.test(word)) {
    const date = ws[i + 1]?.text;
    if (date === undefined) return { problem: '`until` needs a date, e.g. `until 2026-12-21` or `until Dec 21`.' };
    if (/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      if (!isCalendarDate(date)) return { problem: `${date} is not a real calendar date.` };
      const end = pauseEndOnDate(date, settings.now, settings.timeZone);
      return 'problem' in end ? end : { end, used: 2 };
    }
    return readWordsDuration(ws, i, text, settings, 1) ?? { problem: `I could not read \`${date}\` as a date: write e.g. \`until 2026-12-21\` or \`until Dec 21\`.` };
  }
  if (!/^[+-]?\d/.test(word)) {
    const inWords = readWordsDuration(ws, i, text, settings);
    if (inWords) return inWords;
    if (DURATION_START_WORD.test(word) || (/^(a|an)$/i.test(word) && UNIT_WORD.test(ws[i + 1]?.text ?? ''))) {
      return { problem: `I could not read \`${ws.slice(i, i + 3).map((w) => w.text).join(' ')}\` as a duration: ${DURATION_EXAMPLES}.` };
    }
    return undefined;
  }
  if (/^\d+$/.test(word) && CALENDAR_UNIT_WORD.test(ws[i + 1]?.text ?? '')) {
    return readWordsDuration(ws, i, text, settings) ?? { problem: `I could not read \`${word} ${ws[i + 1].text}\` as a duration: ${DURATION_EXAMPLES}.` };
  }

  const m = /^(\d+)([dw]?)$/i.exec(word);
  if (!m) return { problem: `I could not read \`${word}\` as a duration: ${DURATION_EXAMPLES}.` };
  let unit = m[2].toLowerCase();
  let used = 1;
  const next = ws[i + 1]?.text;
  if (unit === '' && next !== undefined && UNIT_WORD.test(next)) {
    unit = next[0].toLowerCase();
    used = 2;
  } else if (unit === '' && next !== undefined && OTHER_UNIT_WORD.test(next)) {
    return { problem: `A pause is counted in whole days, not \`${next}\`: ${DURATION_EXAMPLES}.` };
  }
  const count = m[1].length > 6 ? Infinity : Number(m[1]);
  const days = unit === 'w' ? count * 7 : count;
  if (days < 1) return { problem: 'A pause must last at least 1 day.' };
  if (days > MAX_PAUSE_DAYS) return { problem: `\`${word}\` is longer than ${MAX_PAUSE_DAYS} days, the longest a pause may last.` };
  return { end: pauseEndAfterDays(days, settings.now, settings.timeZone), used };
}

/** A whole text read as a duration or end date (`until Dec 14`, `3 days`, `next Monday`); undefined when it is none. */
export function parseEnd(text: string, settings: ParseSettings): PauseEnd | { problem: string } | undefined {
  const ws = words(text);
  const duration = readDuration(ws, 0, text, settings);
  if (!duration || 'problem' in duration) return duration;
  if (ws.length > duration.used) return { problem: `I read \`${ws.slice(0, duration.used).map((w) => w.text).join(' ')}\` as the end, and do not know what to do with the rest.` };
  return duration.end;
}

/** Reads the words after `/hotlead`. Never throws; a problem says what was wrong. */
export function parseHotleadCommand(text: string, settings: ParseSettings): HotleadCommand {
  const ws = words(text);
  if (ws.length === 0) return { kind: 'help' };
  const first = ws[0].text.toLowerCase();

  if (first === 'help') return { kind: 'help' };

  if (first === 'list') {
    if (ws.length === 1) return { kind: 'list', all: false };
    if (ws.length === 2 && ws[1].text.toLowerCase() === 'all') return { kind: 'list', all: true };
    return { kind: 'invalid', problem: '`list` takes nothing, or `all` (admins).' };
  }

  if (first === 'release') {
    if (ws.length === 1) return { kind: 'invalid', problem: '`release` needs the email: `/hotlead release EMAIL`.' };
    const email = parseEmail(ws[1].text);
    if (!email) return { kind: 'invalid', problem: `\`${ws[1].text}\` is not an email address.` };
    if (ws.length > 2) return { kind: 'invalid', problem: '`release` takes only the email: `/hotlead release EMAIL`.' };
    return { kind: 'release', email: email.lower };
  }

  if (first === 'shorten') {
    const usage = '`shorten` needs the email and the new length: `/hotlead shorten EMAIL 1w` or `/hotlead shorten EMAIL until Dec 4`.';
    if (ws.length < 3) return { kind: 'invalid', problem: usage };
    const target = parseEmail(ws[1].text);
    if (!target) return { kind: 'invalid', problem: `\`${ws[1].text}\` is not an email address.` };
    const duration = readDuration(ws, 2, text, settings);
    if (!duration) return { kind: 'invalid', problem: usage };
    if ('problem' in duration) return { kind: 'invalid', problem: duration.problem };
    if (ws.length > 2 + duration.used) return { kind: 'invalid', problem: '`shorten` takes only the email and the new length.' };
    return { kind: 'shorten', email: target.lower, ...duration.end };
  }

  const email = parseEmail(ws[0].text);
  if (!email) return { kind: 'invalid', problem: `\`${ws[0].text}\` is not an email address; start with the lead's email.`, unknownWords: true };

  const duration = readDuration(ws, 1, text, settings);
  if (duration && 'problem' in duration) return { kind: 'invalid', problem: duration.problem };
  const end = duration?.end ?? pauseEndAfterDays(settings.defaultDays, settings.now, settings.timeZone);
  const noteFrom = ws[duration ? duration.used : 0]?.end ?? ws[0].end;
  const note = text.slice(noteFrom).trim();
  if (note.length > MAX_NOTE_LENGTH) {
    return { kind: 'invalid', problem: `The note is ${note.length} characters; keep it to ${MAX_NOTE_LENGTH}.` };
  }
  return { kind: 'pause', email: email.address, note: note || undefined, durationGiven: Boolean(duration), ...end };
}
