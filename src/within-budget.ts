import { HandoffError } from './errors.ts';

/** Thrown when a call to Slack took longer than the caller can wait (e.g. before a 3-second ack). */
export class OutOfTime extends HandoffError {
  constructor(ms: number) {
    super('out_of_time', `Slack did not answer within ${ms} ms`);
  }
}

/**
 * Waits for a promise at most `ms`. The call itself goes on (and fills any cache it feeds),
 * so asking again a moment later usually answers at once.
 */
export function withinBudget<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new OutOfTime(ms)), ms);
    timer.unref();
  });
  // A late rejection must not surface as an unhandled one.
  promise.catch(() => undefined);
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
