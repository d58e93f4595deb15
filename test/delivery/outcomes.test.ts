import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/clock.ts';
import { outboxHealth } from '../../src/delivery/health.ts';
import type { DeliveryOutcome } from '../../src/delivery/hooks.ts';
import { DELIVERY_HOOKS } from '../../src/main.ts';
import { MARKETING_CHANNEL, PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { post, row, rowIs, send, until } from './support.ts';

describe('what the outbox tells the rest of Handoff', () => {
  let app: TestApp;
  const told: Array<{ ref: string; outcome: DeliveryOutcome }> = [];
  beforeEach(async () => {
    told.length = 0;
    DELIVERY_HOOKS['outcomes-test'] = async (_deps, ref, outcome) => { told.push({ ref, outcome }); };
    DELIVERY_HOOKS['broken-test'] = async () => { throw new Error('the feature broke'); };
    app = await startTestApp();
  });
  afterEach(async () => {
    delete DELIVERY_HOOKS['outcomes-test'];
    delete DELIVERY_HOOKS['broken-test'];
    await app.stop();
  });

  it('tells the row’s feature once where its message landed, or why it never will', async () => {
    const delivered = await post(app, PEOPLE.rep.id, 'hello', { refType: 'outcomes-test', refId: 'L-1' });
    const lost = await post(app, 'CNOTFOUND2', 'nobody home', { refType: 'outcomes-test', refId: 'L-2' });
    await rowIs(app, delivered, 'sent');
    await rowIs(app, lost, 'failed');
    await until('both hooks', () => told.length === 2);
    const dm = app.standIn.dmChannelFor(PEOPLE.rep.id);
    expect(told).toEqual(expect.arrayContaining([
      { ref: 'L-1', outcome: { ok: true, channel: dm, ts: app.standIn.messages(dm)[0].ts, to: PEOPLE.rep.id } },
      { ref: 'L-2', outcome: { ok: false, error: 'channel_not_found' } },
    ]));
  });

  it('keeps a message sent once when its feature’s hook fails', async () => {
    const id = await post(app, 'C0SALES01', 'sent despite the hook', { refType: 'broken-test', refId: 'x' });
    await rowIs(app, id, 'sent');
    const later = await post(app, 'C0SALES01', 'next one');
    await rowIs(app, later, 'sent');
    expect(app.standIn.messages('C0SALES01').map((m) => m.text)).toEqual(['sent despite the hook', 'next one']);
  });

  it('updates a message in place, and gives up when the message is gone', async () => {
    const first = await post(app, 'C0SALES01', 'before');
    const { ts } = JSON.parse((await rowIs(app, first, 'sent')).result!);
    const update = await send(app, { kind: 'slack.update', target: 'C0SALES01', payload: { channel: 'C0SALES01', ts, text: 'after' }, refType: 'outcomes-test', refId: 'U-1' });
    await rowIs(app, update, 'sent');
    expect(app.standIn.messages('C0SALES01')).toEqual([expect.objectContaining({ ts, text: 'after', updated: true })]);

    const gone = await send(app, { kind: 'slack.update', target: 'C0SALES01', payload: { channel: 'C0SALES01', ts: '1700000000.000001', text: 'x' } });
    expect((await rowIs(app, gone, 'failed')).last_error).toBe('message_not_found');
    await until('the update hook', () => told.some((t) => t.ref === 'U-1'));
    expect(told.find((t) => t.ref === 'U-1')!.outcome).toEqual({ ok: true, channel: 'C0SALES01', ts, to: 'C0SALES01' });
  });

  it('finds a lost thread reply among the thread’s replies rather than the channel history', async () => {
    const parent = await post(app, 'C0SALES01', 'parent');
    const { ts } = JSON.parse((await rowIs(app, parent, 'sent')).result!);
    app.standIn.addFault({ method: 'chat.postMessage', fault: { kind: 'drop_after_success' }, times: 1 });
    const reply = await send(app, { kind: 'slack.post', target: 'C0SALES01', payload: { channel: 'C0SALES01', text: 'reply', thread_ts: ts } });
    const sent = await rowIs(app, reply, 'sent');
    expect(JSON.parse(sent.result!)).toMatchObject({ found_in_history: true });
    expect(app.standIn.okCalls('conversations.replies')[0].args).toMatchObject({ channel: 'C0SALES01', ts });
    expect(app.standIn.messages('C0SALES01').filter((m) => m.text === 'reply')).toHaveLength(1);
  });

  it('keeps messages waiting, without telling marketing, while Slack rejects the token', async () => {
    app.standIn.addFault({ method: 'chat.postMessage', fault: { kind: 'slack_error', error: 'invalid_auth' }, times: 2 });
    const id = await post(app, 'C0SALES01', 'eventually');
    await until('the first refusal', async () => (await row(app, id)).last_error === 'invalid_auth');
    expect((await row(app, id)).status).toBe('pending');
    const sent = await rowIs(app, id, 'sent');
    expect(sent.attempts).toBe(3);
    expect(app.standIn.messages(MARKETING_CHANNEL)).toEqual([]);
  });

  it('reports the backlog, its oldest row and the failures of the last day', async () => {
    const { db } = app.handoff.deps;
    expect(await outboxHealth(db, app.clock.now())).toEqual({ backlog: 0, oldestPendingAt: null, failedLastDay: 0 });

    app.standIn.addFault({ method: 'chat.postMessage', fault: { kind: 'rate_limited', retryAfterSec: 600 }, match: (a) => a.channel === 'C0WAIT001' });
    const oldest = await post(app, 'C0WAIT001', 'waiting');
    (app.clock as ManualClock).advance(60_000);
    await post(app, 'C0WAIT001', 'waiting too');
    const failed = await post(app, 'CNOTFOUND3', 'lost');
    await rowIs(app, failed, 'failed');
    await app.standIn.waitFor('chat.postMessage', (c) => c.args.channel === MARKETING_CHANNEL);
    await until('the notice to be recorded as sent', async () => (await outboxHealth(db, app.clock.now())).backlog === 2);
    await until('the rate limit', async () => (await row(app, oldest)).last_error === 'ratelimited');

    const health = await outboxHealth(db, app.clock.now());
    expect(health).toEqual({ backlog: 2, oldestPendingAt: (await row(app, oldest)).created_at, failedLastDay: 1 });
    (app.clock as ManualClock).advance(25 * 3_600_000);
    expect((await outboxHealth(db, app.clock.now())).failedLastDay).toBe(0);
  });
});
