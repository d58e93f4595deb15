import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/clock.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { outboxIdsIn, post, row, rowIs } from './support.ts';

describe('retries owned by the outbox', () => {
  let app: TestApp;
  beforeEach(async () => { app = await startTestApp(); });
  afterEach(() => app.stop());

  it('waits out a 429 Retry-After and then delivers the message once', async () => {
    app.standIn.addFault({ method: 'chat.postMessage', fault: { kind: 'rate_limited', retryAfterSec: 1 }, times: 1 });
    const id = await post(app, 'C0SALES01', 'after the wait');
    const sent = await rowIs(app, id, 'sent');

    const calls = app.standIn.callsTo('chat.postMessage');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(1000);
    expect(app.standIn.messages('C0SALES01')).toHaveLength(1);
    expect(sent.attempts).toBe(2);
    // A 429 means Slack did not post: no need to look in the history first.
    expect(app.standIn.callsTo('conversations.history')).toHaveLength(0);
  });

  it('keeps other channels flowing while one channel waits out a long 429, then sends that channel in order', async () => {
    app.standIn.addFault({ method: 'chat.postMessage', fault: { kind: 'rate_limited', retryAfterSec: 30 }, times: 1, match: (a) => a.channel === 'C0SLOW001' });
    const slowFirst = await post(app, 'C0SLOW001', 'slow 1');
    const slowSecond = await post(app, 'C0SLOW001', 'slow 2');
    const fast = [];
    for (const channel of ['C0FAST001', 'C0FAST002', 'C0FAST003', 'D0REP0001']) fast.push(await post(app, channel, `to ${channel}`));
    for (const id of fast) await rowIs(app, id, 'sent', 2_000);

    expect(app.standIn.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0SLOW001').map((c) => c.status)).toEqual([429]);
    const waiting = await row(app, slowFirst);
    expect(waiting).toMatchObject({ status: 'pending', last_error: 'ratelimited', claimed_by: null });
    expect(new Date(waiting.next_attempt_at).getTime() - app.clock.now().getTime()).toBeGreaterThan(25_000);
    expect((await row(app, slowSecond)).status).toBe('pending');

    // Thirty seconds later (moved, not waited), the channel gets both, first one first.
    (app.clock as ManualClock).advance(30_000);
    app.handoff.deps.outboxDoorbell.ring();
    await rowIs(app, slowSecond, 'sent');
    expect(outboxIdsIn(app, 'C0SLOW001')).toEqual([slowFirst, slowSecond]);
  });

  it('retries a 5xx three times with backoff and posts one message, checking the history before each retry', async () => {
    app.standIn.addFault({ method: 'chat.postMessage', fault: { kind: 'http_error', status: 503 }, times: 3 });
    const id = await post(app, 'C0SALES01', 'third time lucky');
    const sent = await rowIs(app, id, 'sent');

    expect(app.standIn.callsTo('chat.postMessage').map((c) => c.status)).toEqual([503, 503, 503, 200]);
    expect(app.standIn.messages('C0SALES01')).toHaveLength(1);
    expect(app.standIn.okCalls('conversations.history')).toHaveLength(3);
    expect(sent).toMatchObject({ attempts: 4, last_error: null });
    expect(sent.uncertain_at).not.toBeNull();
  });

  it('finds the message in the DM history when the response was lost after Slack posted it, instead of posting twice', async () => {
    app.standIn.addFault({ method: 'chat.postMessage', fault: { kind: 'drop_after_success' }, times: 1 });
    const id = await post(app, PEOPLE.rep.id, 'exactly once');
    const sent = await rowIs(app, id, 'sent');

    const dm = app.standIn.dmChannelFor(PEOPLE.rep.id);
    const messages = app.standIn.messages(dm);
    expect(messages).toHaveLength(1);
    expect(app.standIn.callsTo('chat.postMessage')).toHaveLength(1);
    const [history] = app.standIn.okCalls('conversations.history');
    expect(history.args).toMatchObject({ channel: dm, include_all_metadata: 'true' });
    expect(JSON.parse(sent.result!)).toEqual({ channel: dm, ts: messages[0].ts, found_in_history: true });
  });

  it('posts again after a lost response when the history shows the message never arrived', async () => {
    // A dropped connection before Slack posted: the same ambiguity from our side, but nothing in the history.
    app.standIn.addFault({ method: 'chat.postMessage', fault: { kind: 'http_error', status: 502 }, times: 1 });
    const id = await post(app, 'C0SALES01', 'only once');
    await rowIs(app, id, 'sent');
    expect(app.standIn.messages('C0SALES01')).toHaveLength(1);
    expect(outboxIdsIn(app, 'C0SALES01')).toEqual([id]);
  });
});
