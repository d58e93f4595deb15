import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { backoffDelay, parseRetryAfter } from '../../src/delivery/backoff.ts';
import { schedulingClock } from '../../src/delivery/schedule-clock.ts';

describe('outbox timing', () => {
  it('backs off 1 s, 2 s, 4 s … within ±20 %, never past the cap', () => {
    const low = () => 0;
    const high = () => 0.999999;
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 1000, 300_000, low))).toEqual([800, 1600, 3200, 6400]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 1000, 300_000, high))).toEqual([1200, 2400, 4800, 9600]);
    expect(backoffDelay(40, 1000, 300_000, high)).toBe(300_000);
    expect(backoffDelay(10_000, 1000, 300_000, low)).toBe(240_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('lets waits elapse in real time under a clock that stands still, and follows the clock when it is moved', () => {
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    let real = 0;
    const sched = schedulingClock(clock, () => real);
    expect(sched.now().toISOString()).toBe('2026-11-23T10:00:00.000Z');
    real += 1500;
    expect(sched.now().toISOString()).toBe('2026-11-23T10:00:01.500Z');
    clock.advance(60_000);
    expect(sched.now().toISOString()).toBe('2026-11-23T10:01:00.000Z');
    clock.set('2026-11-23T09:00:00Z');
    real += 10;
    expect(sched.now().toISOString()).toBe('2026-11-23T10:01:00.010Z');
  });
});
