import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { post, rowIs } from './support.ts';

describe('Slack’s per-channel pace', () => {
  let app: TestApp;
  // The stand-in answers 429 to a second post to a channel within a second, as Slack may.
  beforeEach(async () => { app = await startTestApp({ standIn: { perChannelPerSec: 1 } }); });
  afterEach(() => app.stop());

  it('posts at most one message a second to a channel, while other channels go out at the same time', async () => {
    const busy: number[] = [];
    const others: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      busy.push(await post(app, 'C0BUSY001', `busy ${i}`));
      others.push(await post(app, `C0QUIET0${i}`, `quiet ${i}`));
    }
    for (const id of [...busy, ...others]) await rowIs(app, id, 'sent', 6_000);

    const calls = app.standIn.callsTo('chat.postMessage');
    expect(calls.filter((c) => c.status === 429)).toEqual([]);
    const busyTimes = calls.filter((c) => c.args.channel === 'C0BUSY001').map((c) => c.at);
    expect(busyTimes).toHaveLength(3);
    expect(busyTimes[1] - busyTimes[0]).toBeGreaterThanOrEqual(1000);
    expect(busyTimes[2] - busyTimes[1]).toBeGreaterThanOrEqual(1000);
    // The quiet channels did not queue behind the busy one.
    const quietTimes = calls.filter((c) => c.args.channel !== 'C0BUSY001').map((c) => c.at);
    expect(Math.max(...quietTimes)).toBeLessThan(busyTimes[1]);
    expect(app.standIn.messages('C0BUSY001').map((m) => m.text)).toEqual(['busy 0', 'busy 1', 'busy 2']);
  });
});
