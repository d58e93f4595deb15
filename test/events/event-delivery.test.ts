import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { ACTIONS } from '../../src/views/ids.ts';
import { startEventReceiver, type EventReceiver } from '../support/event-receiver.ts';
import { MARKETING_CHANNEL, OUTBOUND_SECRET, PEOPLE, startTestApp, type TestApp, type TestAppOptions } from '../support/harness.ts';
import { eventually, leadBody } from '../leads/support.ts';

// How lead events travel: retried with the same webhook-id, stopped by a 410, one receiver's
// trouble never holding up another, secrets rotated, and a restart mid-retry sending once.
// Only lead.received is asked for (HANDOFF_OUTBOUND_EVENTS), so each POST makes one event.

const ONLY_RECEIVED = { HANDOFF_OUTBOUND_EVENTS: 'lead.received' };

let app: TestApp | undefined;
const receivers: EventReceiver[] = [];
afterEach(async () => {
  await app?.stop();
  app = undefined;
  for (const r of receivers.splice(0)) await r.close();
});

async function receiver(options: Parameters<typeof startEventReceiver>[0] = {}): Promise<EventReceiver> {
  const r = await startEventReceiver(options);
  receivers.push(r);
  return r;
}

async function start(urls: string[], options: TestAppOptions = {}): Promise<TestApp> {
  app = await startTestApp({ ...options, env: { HANDOFF_OUTBOUND_WEBHOOK_URL: urls.join(','), HANDOFF_ADMINS: PEOPLE.admin.id, ...ONLY_RECEIVED, ...options.env } });
  return app;
}

async function lead(a: TestApp, name: string): Promise<string> {
  const body = leadBody({ name, owner: { slack_user_id: PEOPLE.rep.id } });
  const res = await a.post('/webhooks/leads', body);
  expect(res.status).toBe(202);
  return body.id;
}

const leadIds = (r: EventReceiver) => r.taken().map((e) => e.json.data.lead.id);

describe('lead events on their way', () => {
  it('are retried after a 500 with the same webhook-id and body until taken, then not again', async () => {
    const r = await receiver({ answer: (n) => (n < 2 ? 500 : 200) });
    const a = await start([r.url]);
    const id = await lead(a, 'Retry Rita');
    await eventually(() => r.taken().length === 1, 5000, 'the event to be taken');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(r.requests.map((q) => q.status)).toEqual([500, 500, 200]);
    expect(new Set(r.requests.map((q) => q.headers['webhook-id'])).size).toBe(1);
    expect(new Set(r.requests.map((q) => q.raw)).size).toBe(1);
    expect(r.requests.every((q) => q.verified)).toBe(true);
    expect(r.taken()[0].json).toMatchObject({ type: 'lead.received', data: { lead: { id, name: 'Retry Rita' } } });
    // Only what was asked for: the DM's delivery makes no lead.delivered here.
    expect(r.requests.map((q) => q.json.type)).toEqual(['lead.received', 'lead.received', 'lead.received']);
    const timeline = (await a.get(`/api/leads/${id}`)).json.timeline;
    expect(timeline[0].sent_to).toMatchObject([{ url: r.url, status: 'sent', attempts: 3, last_error: null }]);
  });

  it('stop going to a receiver that answers 410, tell marketing once, and start again when an admin says so', async () => {
    const gone = await receiver({ answer: () => 410 });
    const fine = await receiver();
    const a = await start([gone.url, fine.url]);
    const first = await lead(a, 'Gone Gina');
    const notice = await eventually(() => a.standIn.messages(MARKETING_CHANNEL).find((m) => m.text?.includes('stopped')), 5000, 'the notice');
    expect(notice.text).toBe(`🛑 Lead events to ${gone.url} stopped: it answered 410 Gone, which means it wants no more. Other receivers and Slack are not affected.`);
    const timeline = (await a.get(`/api/leads/${first}`)).json.timeline;
    expect(timeline[0].sent_to).toEqual([
      expect.objectContaining({ url: gone.url, status: 'failed', last_error: 'http_410: the receiver is gone; events to it stopped' }),
      expect.objectContaining({ url: fine.url, status: 'sent' }),
    ]);

    const second = await lead(a, 'After Gone');
    await eventually(() => leadIds(fine).includes(second), 5000, 'the other receiver to get the next event');
    expect(gone.requests).toHaveLength(1);
    expect((await a.get(`/api/leads/${second}`)).json.timeline[0].sent_to.map((d: any) => d.url)).toEqual([fine.url]);

    // Only an admin may start it again; then events from now on go there.
    const button = notice.blocks!.flatMap((b: any) => (b.type === 'actions' ? b.elements : []))[0];
    expect(button).toMatchObject({ action_id: ACTIONS.endpointResume, text: { text: 'Send again' } });
    expect(button.value).not.toContain('127.0.0.1');
    const clickBy = async (userId: string) => {
      const before = a.standIn.callsTo('response_url').length;
      await a.slack.blockAction({ userId, actionId: button.action_id, value: button.value, channelId: MARKETING_CHANNEL, messageTs: notice.ts });
      return String((await a.standIn.waitFor('response_url', () => true, { count: before + 1 })).at(-1)!.args.text);
    };
    expect(await clickBy(PEOPLE.rep.id)).toBe('Only Handoff admins (HANDOFF_ADMINS) can start a receiver again.');
    gone.answerWith(() => 200);
    expect(await clickBy(PEOPLE.admin.id)).toBe(`Events go to ${gone.url} again, from now on.`);
    expect(await clickBy(PEOPLE.admin.id)).toMatch(/^That receiver is not stopped/);
    const third = await lead(a, 'Back Again');
    await eventually(() => leadIds(gone).includes(third), 5000, 'the restarted receiver to get the next event');
    expect(leadIds(gone)).toEqual([third]);
    expect(a.standIn.messages(MARKETING_CHANNEL).filter((m) => m.text?.includes('stopped'))).toHaveLength(1);
  });

  it('keep flowing to one receiver while another is down for a while, which then gets every event once, in order', async () => {
    const down = await receiver({ answer: () => 503 });
    const up = await receiver();
    const a = await start([down.url, up.url], { outbox: { backoffMaxMs: 200 } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(await lead(a, `Steady ${i}`));
    await eventually(() => leadIds(up).length === 5, 5000, 'the healthy receiver to get all five');
    expect(leadIds(up)).toEqual(ids);
    expect(down.taken()).toHaveLength(0);
    // The down receiver holds only its own queue: its first event waits, the rest wait behind it.
    expect(new Set(down.requests.map((q) => q.json.data.lead.id))).toEqual(new Set([ids[0]]));

    await new Promise((resolve) => setTimeout(resolve, 1500));
    down.answerWith(() => 200);
    await eventually(() => leadIds(down).length === 5, 8000, 'the recovered receiver to catch up');
    expect(leadIds(down)).toEqual(ids);
    expect(leadIds(up)).toEqual(ids);
  });

  it('carry one signature per secret while rotating, so a receiver on either secret verifies them', async () => {
    const next = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
    const onOld = await receiver({ secret: OUTBOUND_SECRET });
    const onNew = await receiver({ secret: next });
    await start([onOld.url, onNew.url], { env: { HANDOFF_OUTBOUND_SECRET: `${OUTBOUND_SECRET} ${next}` } });
    await lead(app!, 'Rotating Rosa');
    await eventually(() => onOld.taken().length === 1 && onNew.taken().length === 1, 5000, 'both receivers to take it');
    for (const r of [onOld, onNew]) {
      expect(r.requests[0].verified).toBe(true);
      expect(String(r.requests[0].headers['webhook-signature']).split(' ')).toHaveLength(2);
    }
    // A receiver on a third secret verifies nothing.
    const stranger = new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`);
    expect(() => stranger.verify(onOld.requests[0].raw, onOld.requests[0].headers as Record<string, string>)).toThrow();
  });

  it('are sent once when Handoff restarts in the middle of retrying them', async () => {
    const r = await receiver({ answer: () => 503 });
    const clock = new ManualClock();
    const first = await start([r.url], { clock, outbox: { backoffMaxMs: 200 } });
    const id = await lead(first, 'Restart Remy');
    await eventually(() => r.requests.length >= 2, 5000, 'a few failed attempts');
    await first.stopApp();
    r.answerWith(() => 200);
    app = await startTestApp({ clock, databaseUrl: first.databaseUrl, reuseStandIn: first.standIn, env: { HANDOFF_OUTBOUND_WEBHOOK_URL: r.url, ...ONLY_RECEIVED } });
    await eventually(() => r.taken().length === 1, 5000, 'the event to be taken after the restart');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(leadIds(r)).toEqual([id]);
    expect(new Set(r.requests.map((q) => q.headers['webhook-id'])).size).toBe(1);
    await first.stop();
  });

  it('are given up on after three days of a receiver not taking them, with one notice a day for that receiver', async () => {
    const r = await receiver({ answer: () => 503 });
    const clock = new ManualClock();
    const a = await start([r.url], { clock, outbox: { backoffMaxMs: 100 } });
    const ids = [await lead(a, 'Old One'), await lead(a, 'Old Two')];
    await eventually(() => r.requests.length >= 1, 5000, 'a first attempt');
    clock.advance(72 * 3_600_000 + 1000);
    const failed = await eventually(async () => {
      const rows = await a.handoff.deps.db.selectFrom('outbox').selectAll().where('kind', '=', 'webhook').execute();
      return rows.every((row) => row.status === 'failed') ? rows : undefined;
    }, 5000, 'both events to be given up on');
    expect(failed).toHaveLength(2);
    const notices = await eventually(() => {
      const got = a.standIn.messages(MARKETING_CHANNEL).filter((m) => m.text?.includes('could not deliver a webhook event'));
      return got.length > 0 ? got : undefined;
    }, 5000, 'the notice');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(a.standIn.messages(MARKETING_CHANNEL).filter((m) => m.text?.includes('could not deliver a webhook event'))).toHaveLength(1);
    expect(notices[0].text).toMatch(new RegExp(`^Handoff could not deliver a webhook event to the webhook ${r.url} and gave up: http_503 \\(outbox #\\d+\\)\\. Other events to it given up on today are not announced again\\.$`));
    expect(JSON.stringify(notices[0].blocks)).toContain(`lead.received for lead ${ids[0]}`);
  });
});
