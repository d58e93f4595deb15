import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HomeRefreshQueue } from '../../src/home/refresh-queue.ts';
import { createLogger } from '../../src/logger.ts';

const logger = createLogger('silent');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Time is the test's: the queue's delays and the publishes' own durations pass when it says so.
const elapse = (ms: number) => vi.advanceTimersByTimeAsync(ms);
/** Drains the queue while the fake clock runs the publishes it waits for. */
async function drained(queue: HomeRefreshQueue): Promise<void> {
  let done = false;
  const drain = queue.drain().then(() => { done = true; });
  while (!done) await vi.advanceTimersByTimeAsync(5);
  await drain;
}

/** A publish that records what the Home showed when it was read. */
function recorder(state: { version: number }, ms = 0) {
  const published: { userId: string; version: number }[] = [];
  let running = 0;
  let overlapped = false;
  const publish = async (userId: string) => {
    running += 1;
    if (running > 1) overlapped = true;
    const version = state.version;
    await pause(ms);
    published.push({ userId, version });
    running -= 1;
  };
  return { published, publish, overlapped: () => overlapped };
}

describe('App Home refreshes', () => {
  beforeEach(() => { vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance', 'Date'] }); });
  afterEach(() => { vi.useRealTimers(); });

  it('refresh only Homes opened lately: nobody else has one on screen', async () => {
    const { published, publish } = recorder({ version: 1 });
    const queue = new HomeRefreshQueue(publish, logger, 5, 40);
    queue.opening('U1');
    queue.opening('U2');
    await elapse(60);
    queue.opening('U2');
    queue.request('U1');
    queue.request('U2');
    queue.request('U3');
    await elapse(40);
    expect(published).toEqual([{ userId: 'U2', version: 1 }]);
  });

  it('publishes once, with the latest state, when a Home is asked for twice in quick succession', async () => {
    const state = { version: 1 };
    const { published, publish } = recorder(state);
    const queue = new HomeRefreshQueue(publish, logger, 30);
    queue.opening('U1');
    queue.opening('U2');
    queue.request('U1');
    state.version = 2;
    queue.request('U1');
    expect(published).toEqual([]);
    await elapse(80);
    expect(published).toEqual([{ userId: 'U1', version: 2 }]);
  });

  it('publishes each person’s Home separately', async () => {
    const { published, publish } = recorder({ version: 1 });
    const queue = new HomeRefreshQueue(publish, logger, 10);
    queue.opening('U1');
    queue.opening('U2');
    queue.request('U1');
    queue.request('U2');
    await elapse(60);
    expect(published.map((p) => p.userId).sort()).toEqual(['U1', 'U2']);
  });

  it('publishes again for a change made while a publish was on its way, never two at once for one person', async () => {
    const state = { version: 1 };
    const { published, publish, overlapped } = recorder(state, 40);
    const queue = new HomeRefreshQueue(publish, logger, 5);
    queue.opening('U1');
    queue.opening('U2');
    queue.request('U1');
    await elapse(20);
    state.version = 2;
    queue.request('U1');
    await drained(queue);
    expect(published).toEqual([{ userId: 'U1', version: 1 }, { userId: 'U1', version: 2 }]);
    expect(overlapped()).toBe(false);
  });

  it('on drain publishes what is waiting at once and resolves only when it has been published', async () => {
    const { published, publish } = recorder({ version: 7 }, 20);
    const queue = new HomeRefreshQueue(publish, logger, 60_000);
    queue.opening('U1');
    queue.opening('U2');
    queue.request('U1');
    await drained(queue);
    expect(published).toEqual([{ userId: 'U1', version: 7 }]);
  });

  it('logs a failed publish and keeps serving later requests', async () => {
    const warnings: unknown[] = [];
    const failing = { ...logger, warn: (obj: unknown) => { warnings.push(obj); } } as unknown as typeof logger;
    let calls = 0;
    const queue = new HomeRefreshQueue(async () => {
      calls += 1;
      if (calls === 1) throw new Error('views.publish failed');
    }, failing, 5);
    queue.opening('U1');
    queue.opening('U2');
    queue.request('U1');
    await elapse(30);
    queue.request('U1');
    await drained(queue);
    expect(calls).toBe(2);
    expect(warnings).toHaveLength(1);
  });
});
