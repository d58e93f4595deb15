import { describe, expect, it } from 'vitest';
import { InFlightWork } from '../../src/in-flight-work.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('work that goes on after its request was answered', () => {
  it('is waited for, including work that starts while waiting', async () => {
    const work = new InFlightWork();
    const done: string[] = [];
    void work.track(pause(20).then(() => {
      done.push('first');
      void work.track(pause(20).then(() => { done.push('second'); }));
    }));
    await work.settled();
    expect(done).toEqual(['first', 'second']);
    expect(work.size).toBe(0);
  });

  it('hands its result and its error back to the caller unchanged, and a failure does not stop the wait', async () => {
    const work = new InFlightWork();
    await expect(work.track(Promise.resolve(42))).resolves.toBe(42);
    await expect(work.track(Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await work.settled();
    expect(work.size).toBe(0);
  });
});
