import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MARKETING_CHANNEL, PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { outboxIdsIn, post, row, rowIs } from './support.ts';

describe('delivering a Slack message from the outbox', () => {
  let app: TestApp;
  beforeEach(async () => { app = await startTestApp(); });
  afterEach(() => app.stop());

  it('posts the message with the outbox id in its metadata and records the ts Slack returned', async () => {
    const id = await post(app, 'C0SALES01', 'A new lead for you');
    const [call] = await app.standIn.waitFor('chat.postMessage');
    expect(call.args).toMatchObject({
      channel: 'C0SALES01',
      text: 'A new lead for you',
      metadata: { event_type: 'handoff_outbox', event_payload: { outbox_id: id } },
    });
    const sent = await rowIs(app, id, 'sent');
    const [message] = app.standIn.messages('C0SALES01');
    expect(JSON.parse(sent.result!)).toEqual({ channel: 'C0SALES01', ts: message.ts });
    expect(sent.sent_at).toBe(app.clock.now().toISOString());
    expect(sent.attempts).toBe(1);
    expect(sent.claimed_by).toBeNull();
  });

  it('opens the direct message first when the target is a person', async () => {
    const id = await post(app, PEOPLE.rep.id, 'Your lead');
    await rowIs(app, id, 'sent');
    const dm = app.standIn.dmChannelFor(PEOPLE.rep.id);
    expect(app.standIn.okCalls('conversations.open')[0].args.users).toBe(PEOPLE.rep.id);
    expect(app.standIn.okCalls('chat.postMessage')[0].args.channel).toBe(dm);
    expect(JSON.parse((await row(app, id)).result!).channel).toBe(dm);

    const second = await post(app, PEOPLE.rep.id, 'Another lead');
    await rowIs(app, second, 'sent');
    expect(app.standIn.callsTo('conversations.open')).toHaveLength(1);
    expect(outboxIdsIn(app, dm)).toEqual([id, second]);
  });

  it('gives up on a permanent error, tells marketing once, and never retries it', async () => {
    const id = await post(app, 'CNOTFOUND1', 'Lost cause', { refType: 'lead', refId: 'L-404' });
    const failed = await rowIs(app, id, 'failed');
    expect(failed.last_error).toBe('channel_not_found');
    expect(failed.failed_at).toBe(app.clock.now().toISOString());

    const [notice] = await app.standIn.waitFor('chat.postMessage', (c) => c.args.channel === MARKETING_CHANNEL);
    expect(notice.args.text).toBe(`Handoff could not deliver a message about lead L-404 to <#CNOTFOUND1> and gave up: channel_not_found (outbox #${id}).`);
    expect(JSON.stringify(notice.args.blocks)).toContain('It said: Lost cause');

    // Another look at the queue changes nothing: no second attempt, no second notice.
    app.handoff.deps.outboxDoorbell.ring();
    const again = await post(app, 'C0OTHER01', 'something else');
    await rowIs(app, again, 'sent');
    expect(app.standIn.callsTo('chat.postMessage').filter((c) => c.args.channel === 'CNOTFOUND1')).toHaveLength(1);
    expect(app.standIn.messages(MARKETING_CHANNEL)).toHaveLength(1);
    expect((await row(app, id)).attempts).toBe(1);
  });

  it('does not tell marketing about a failed message to the marketing channel itself', async () => {
    app.standIn.addFault({ method: 'chat.postMessage', fault: { kind: 'slack_error', error: 'is_archived' }, times: 1 });
    const id = await post(app, MARKETING_CHANNEL, 'notice');
    await rowIs(app, id, 'failed');
    const later = await post(app, 'C0OTHER01', 'flush');
    await rowIs(app, later, 'sent');
    expect(app.standIn.messages(MARKETING_CHANNEL)).toHaveLength(0);
    expect(await app.handoff.deps.db.selectFrom('outbox').select('id').where('dedupe_key', 'like', 'delivery-failed:%').execute()).toEqual([]);
  });
});
