import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, lastDayCovered, localDateOf, readableDate, startOfLocalDate } from '../../src/domain/hotleads/calendar.ts';
import { parseEmail, parseHotleadCommand, pauseEndAfterDays } from '../../src/domain/hotleads/parse.ts';
import { decodePauseButton, encodePauseButton } from '../../src/views/button-values.ts';

const ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Kiritimati', 'America/Sao_Paulo', 'Asia/Kolkata'];
const settings = { now: new Date('2026-11-23T10:00:00Z'), timeZone: 'UTC', defaultDays: 30 };

describe('the /hotlead grammar', () => {
  it('reads the email, a duration and the note, keeping the note as written', () => {
    expect(parseHotleadCommand('  Ada@X.example   2w   call  Friday, 3pm ', settings)).toMatchObject({
      kind: 'pause', email: 'Ada@X.example', days: 14, lastDay: '2026-12-07', note: 'call  Friday, 3pm', durationGiven: true,
    });
    expect(parseHotleadCommand('ada@x.example note only', settings)).toMatchObject({ kind: 'pause', days: 30, note: 'note only', durationGiven: false });
    expect(parseHotleadCommand('ada@x.example 1 week', settings)).toMatchObject({ kind: 'pause', days: 7, note: undefined });
    expect(parseHotleadCommand('ada@x.example UNTIL 2026-12-01', settings)).toMatchObject({ kind: 'pause', days: 8, lastDay: '2026-12-01' });
  });

  it('refuses a second word that starts like a number but is not a duration', () => {
    expect(parseHotleadCommand('ada@x.example 2nd call booked', settings)).toEqual({ kind: 'invalid', problem: 'I could not read `2nd` as a duration: write 14, 2w, "two weeks", "3 months", "next Friday" or "until Dec 21".' });
  });

  it('reads durations in words, never as the note (Mon 23 Nov 2026)', () => {
    const cases: [string, string, string | undefined][] = [
      ['two weeks', '2026-12-07', undefined],
      ['a week call back', '2026-11-30', 'call back'],
      ['a month', '2026-12-23', undefined],
      ['3 months renewal', '2027-02-23', 'renewal'],
      ['next Friday', '2026-12-04', undefined],
      ['Dec 14 after the board meeting', '2026-12-14', 'after the board meeting'],
      ['until Jan 8', '2027-01-08', undefined],
      ['until next friday budget', '2026-12-04', 'budget'],
      ['tomorrow', '2026-11-24', undefined],
    ];
    for (const [words, lastDay, note] of cases) {
      expect(parseHotleadCommand(`ada@x.example ${words}`, settings), words).toMatchObject({ kind: 'pause', lastDay, note, durationGiven: true });
    }
    // Words that are not a duration stay the note; a number word that cannot be read is refused.
    expect(parseHotleadCommand('ada@x.example closing this week', settings)).toMatchObject({ kind: 'pause', days: 30, note: 'closing this week', durationGiven: false });
    expect(parseHotleadCommand('ada@x.example two fortnights', settings)).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('`two fortnights`') });
    // In another zone, words count that zone's days: 02:00 UTC Tue is still Mon in New York.
    const ny = { ...settings, now: new Date('2026-11-24T02:00:00Z'), timeZone: 'America/New_York' };
    expect(parseHotleadCommand('ada@x.example two weeks', ny)).toMatchObject({ kind: 'pause', lastDay: '2026-12-07' });
  });

  it('reads months as calendar months and refuses units a pause is not counted in', () => {
    expect(parseHotleadCommand('ada@x.example 3 months', settings)).toMatchObject({ kind: 'pause', lastDay: '2027-02-23', note: undefined });
    expect(parseHotleadCommand('ada@x.example 1 month deal', settings)).toMatchObject({ kind: 'pause', lastDay: '2026-12-23', note: 'deal' });
    expect(parseHotleadCommand('ada@x.example 1 year', settings)).toMatchObject({ kind: 'pause', lastDay: '2027-11-23' });
    expect(parseHotleadCommand('ada@x.example 48 hours', settings)).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('not `hours`:') });
    expect(parseHotleadCommand('ada@x.example 3 more calls', settings)).toMatchObject({ kind: 'pause', days: 3, note: 'more calls' });
  });

  it('reads only real addresses as emails', () => {
    expect(parseEmail('<mailto:a.b+tag@sub.example.co|a.b+tag@sub.example.co>')).toEqual({ address: 'a.b+tag@sub.example.co', lower: 'a.b+tag@sub.example.co' });
    for (const bad of ['a@b', 'a@@b.example', '.a@b.example', 'a..b@b.example', 'a@-b.example', 'a b@c.example', 'a@b.123', `${'a'.repeat(65)}@b.example`]) {
      expect(parseEmail(bad), bad).toBeUndefined();
    }
  });

  it('never throws and always answers one of its kinds', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), fc.integer({ min: 0, max: 4_000_000_000_000 }), (text, ms) => {
      const parsed = parseHotleadCommand(text, { ...settings, now: new Date(ms) });
      expect(['help', 'list', 'release', 'pause', 'invalid']).toContain(parsed.kind);
      if (parsed.kind === 'pause') {
        expect(parsed.days).toBeGreaterThanOrEqual(1);
        expect(parsed.days).toBeLessThanOrEqual(365);
        expect(parsed.until.getTime()).toBeGreaterThan(ms);
      }
    }));
  });

  it('round-trips the warning buttons’ value and rejects anything else', () => {
    expect(decodePauseButton(encodePauseButton(42, '2026-11-27T00:00:00.000Z'))).toEqual({ pauseId: 42, until: '2026-11-27T00:00:00.000Z' });
    for (const bad of [undefined, '', '42', '0|2026-11-27T00:00:00.000Z', 'x|2026-11-27T00:00:00.000Z', '42|tomorrow']) expect(decodePauseButton(bad)).toBeUndefined();
  });
});

describe('pause days in a time zone', () => {
  it('ends a pause of N days at the start of the local day after today + N, in any zone and across DST', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 365 }),
      fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2035-01-01') }),
      fc.constantFrom(...ZONES),
      (days, ms, zone) => {
        const now = new Date(ms);
        const end = pauseEndAfterDays(days, now, zone);
        expect(end.lastDay).toBe(addDays(localDateOf(now, zone), days));
        expect(lastDayCovered(end.until, zone)).toBe(end.lastDay);
        expect(localDateOf(end.until, zone)).toBe(addDays(end.lastDay, 1));
      },
    ));
  });

  it('finds local midnight on DST change days', () => {
    expect(startOfLocalDate('2026-03-29', 'Europe/Paris').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDate('2026-03-30', 'Europe/Paris').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfLocalDate('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(startOfLocalDate('2026-11-02', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });

  it('writes dates the way people read them', () => {
    expect(readableDate('2026-12-21')).toBe('Mon 21 Dec 2026');
    expect(readableDate('2027-01-01')).toBe('Fri 1 Jan 2027');
  });

  it('gives one instant each zone’s own date, however often it is asked', () => {
    const instant = new Date('2026-12-21T23:30:00Z');
    for (let n = 0; n < 3; n++) {
      expect(localDateOf(instant, 'UTC')).toBe('2026-12-21');
      expect(localDateOf(instant, 'Europe/Berlin')).toBe('2026-12-22');
      expect(localDateOf(instant, 'America/Los_Angeles')).toBe('2026-12-21');
    }
  });
});
