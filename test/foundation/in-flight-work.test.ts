import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InFlightWork } from '../../src/in-flight-work.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('work that goes on after its request was answered', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('is waited for, including work that starts while waiting', async () => {
    const work = new InFlightWork();
    const done: string[] = [];
    void work.track(pause(20).then(() => {
      done.push('first');
      void work.track(pause(20).then(() => { done.push('second'); }));
    }));
    let settled = false;
    const waiting = work.settled().then(() => { settled = true; });
    await vi.advanceTimersByTimeAsync(20);
    // The first piece is done and has started the second: still waiting for it.
    expect(done).toEqual(['first']);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    await waiting;
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
