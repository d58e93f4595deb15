import type { Clock } from '../clock.ts';

/**
 * The sender's clock for retry times, claim leases and Retry-After: the app's clock, but never
 * standing still. Rows are stamped with the app's clock (enqueue), so due times must be compared
 * in that clock; yet Slack's Retry-After and backoff are real seconds. With the system clock this
 * is the system clock (and never goes backwards); with a test's ManualClock, which stands still
 * until moved, waits still elapse in real time, and moving the clock forward moves this with it.
 */
export function schedulingClock(clock: Clock, realMs: () => number = () => performance.now()): Clock {
  let last = clock.now().getTime();
  let lastReal = realMs();
  return {
    now() {
      const real = realMs();
      last = Math.max(clock.now().getTime(), last + (real - lastReal));
      lastReal = real;
      return new Date(last);
    },
  };
}
