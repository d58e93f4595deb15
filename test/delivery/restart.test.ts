import { describe, expect, it } from 'vitest';
import { PEOPLE, startTestApp } from '../support/harness.ts';
import { outboxIdsIn, post, rowIs, until } from './support.ts';

describe('the outbox across restarts', () => {
  it('delivers each undelivered row exactly once after the app is stopped and started again on the same database', async () => {
    const first = await startTestApp();
    first.standIn.addFault({ method: 'chat.postMessage', fault: { kind: 'http_error', status: 503 } });
    const ids: Array<[string, number]> = [];
    for (const channel of ['C0ONE0001', 'C0TWO0001', 'C0ONE0001', 'C0THREE01', 'C0TWO0001']) ids.push([channel, await post(first, channel, `to ${channel}`)]);
    await until('every channel to have been tried', () => first.standIn.callsTo('chat.postMessage').length >= 3);
    await first.stopApp();

    first.standIn.clearFaults();
    const second = await startTestApp({ databaseUrl: first.databaseUrl, reuseStandIn: first.standIn });
    try {
      for (const [, id] of ids) await rowIs(second, id, 'sent');
      for (const channel of ['C0ONE0001', 'C0TWO0001', 'C0THREE01']) {
        expect(outboxIdsIn(second, channel)).toEqual(ids.filter(([c]) => c === channel).map(([, id]) => id));
      }
    } finally {
      await second.stop();
      await first.stop();
    }
  });

  it('finds a message posted while the app stopped mid-send, once the abandoned claim lapses, instead of posting it again', async () => {
    const first = await startTestApp({ outbox: { stopTimeoutMs: 20, claimLeaseMs: 1_000 } });
    first.standIn.addFault({ method: 'chat.postMessage', fault: { kind: 'delay', ms: 300 }, times: 1 });
    const id = await post(first, PEOPLE.rep.id, 'in flight when we stopped');
    await until('the post to be in flight', () => first.standIn.callsTo('chat.postMessage').length === 1);
    await first.stopApp();
    const dm = first.standIn.dmChannelFor(PEOPLE.rep.id);
    await until('Slack to have posted it anyway', () => first.standIn.messages(dm).length === 1);

    const second = await startTestApp({ databaseUrl: first.databaseUrl, reuseStandIn: first.standIn, outbox: { claimLeaseMs: 1_000 } });
    try {
      const sent = await rowIs(second, id, 'sent');
      expect(first.standIn.callsTo('chat.postMessage')).toHaveLength(1);
      expect(first.standIn.messages(dm)).toHaveLength(1);
      expect(JSON.parse(sent.result!)).toMatchObject({ ts: first.standIn.messages(dm)[0].ts, found_in_history: true });
    } finally {
      await second.stop();
      await first.stop();
    }
  });

  it('still looks in the history first when the retry after a lapsed claim meets a 429', async () => {
    const first = await startTestApp({ outbox: { stopTimeoutMs: 20, claimLeaseMs: 1_000 } });
    first.standIn.addFault({ method: 'chat.postMessage', fault: { kind: 'delay', ms: 300 }, times: 1 });
    const id = await post(first, PEOPLE.rep.id, 'in flight when we were killed');
    await until('the post to be in flight', () => first.standIn.callsTo('chat.postMessage').length === 1);
    await first.stopApp();
    const dm = first.standIn.dmChannelFor(PEOPLE.rep.id);
    await until('Slack to have posted it anyway', () => first.standIn.messages(dm).length === 1);
    // The next sender's first look at Slack is rate limited.
    first.standIn.addFault({ method: 'conversations.history', fault: { kind: 'rate_limited', retryAfterSec: 1 }, times: 1 });
    first.standIn.addFault({ method: 'conversations.open', fault: { kind: 'rate_limited', retryAfterSec: 1 }, times: 1 });

    const second = await startTestApp({ databaseUrl: first.databaseUrl, reuseStandIn: first.standIn, outbox: { claimLeaseMs: 1_000 } });
    try {
      await rowIs(second, id, 'sent', 10_000);
      expect(first.standIn.messages(dm)).toHaveLength(1);
    } finally {
      await second.stop();
      await first.stop();
    }
  });
});
