import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PEOPLE, type TestApp } from '../support/harness.ts';
import { delivered, eventually, hotlead, insertLead, outbox, startHotleadApp, startReceiver } from './support.ts';

const { rep, rep2 } = PEOPLE;

describe('outbound pause events', () => {
  let app: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startHotleadApp({ env: { HANDOFF_OUTBOUND_WEBHOOK_URL: receiver.url, HANDOFF_OUTBOUND_EVENTS: 'lead.paused,lead.extended,lead.resumed' } });
    await insertLead(app, { id: 'crm-ada', email: 'ada@analytical.example', name: 'Ada Lovelace', company: 'Analytical Engines', campaign_key: 'q4-ai-webinar', owner_slack_id: rep.id });
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  it('POSTs lead.paused, lead.extended and lead.resumed, signed, each once with its own event id', async () => {
    await hotlead(app, rep.id, 'ada@analytical.example 14d closing');
    await hotlead(app, rep.id, 'ada@analytical.example 7d');
    await hotlead(app, rep2.id, 'ada@analytical.example 30d');
    await hotlead(app, rep.id, 'release ada@analytical.example');
    await delivered(app);

    const got = receiver.accepted();
    expect(got.map((r) => r.json.type)).toEqual(['lead.paused', 'lead.extended', 'lead.resumed']);
    for (const r of got) {
      expect(r.signatureOk).toBe(true);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['webhook-id']).toMatch(/^evt_[0-9a-f-]{36}$/);
    }
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(3);
    expect(got[0].json).toEqual({
      type: 'lead.paused',
      timestamp: '2026-11-23T10:00:00.000Z',
      data: {
        email: 'ada@analytical.example', paused_until: '2026-12-08T00:00:00.000Z', last_day: '2026-12-07', paused_at: '2026-11-23T10:00:00.000Z',
        reason: 'Hot lead: sales is working this contact — closing', note: 'closing', paused_by: { slack_user_id: rep.id }, by: { slack_user_id: rep.id },
        lead: {
          id: 'crm-ada', email: 'ada@analytical.example', name: 'Ada Lovelace', company: 'Analytical Engines', campaign: 'q4-ai-webinar',
          stage: null, owner: { slack_user_id: rep.id, email: null }, status: 'hot', record_url: null,
        },
      },
    });
    expect(got[1].json.data).toMatchObject({ paused_until: '2026-12-24T00:00:00.000Z', previous_paused_until: '2026-12-08T00:00:00.000Z', by: { slack_user_id: rep2.id }, paused_by: { slack_user_id: rep.id } });
    expect(got[2].json.data).toMatchObject({ resumed_because: 'released', by: { slack_user_id: rep.id } });
  });

  it('sends no event for a pause that was kept as it was', async () => {
    await hotlead(app, rep.id, 'grace@navy.example 30d');
    await delivered(app);
    const before = receiver.requests.length;
    await hotlead(app, rep.id, 'grace@navy.example 10d');
    await delivered(app);
    expect(receiver.requests.length).toBe(before);
  });
});

describe('a webhook receiver that fails twice first', () => {
  let app: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeEach(async () => {
    receiver = await startReceiver({ failFirst: 2 });
    app = await startHotleadApp({ env: { HANDOFF_OUTBOUND_WEBHOOK_URL: receiver.url, HANDOFF_OUTBOUND_EVENTS: 'lead.paused,lead.extended,lead.resumed' } });
  });
  afterEach(async () => {
    await app.stop();
    await receiver.close();
  });

  it('gets the same signed event again until it accepts it, and then no more', async () => {
    await hotlead(app, rep.id, 'retry@customer.example 14d');
    await eventually(() => receiver.accepted().length === 1, 'the receiver to accept the event');
    await delivered(app);
    expect(receiver.requests.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(receiver.requests.every((r) => r.signatureOk)).toBe(true);
    expect(new Set(receiver.requests.map((r) => r.json.id)).size).toBe(1);
    expect(new Set(receiver.requests.map((r) => r.raw)).size).toBe(1);
    expect(receiver.requests[0].json).toMatchObject({ type: 'lead.paused', data: { email: 'retry@customer.example' } });
    const [row] = (await outbox(app)).filter((r) => r.kind === 'webhook');
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });
  });
});

describe('without HANDOFF_OUTBOUND_WEBHOOK_URL', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startHotleadApp(); });
  afterAll(() => app.stop());

  it('queues no webhook at all', async () => {
    await hotlead(app, rep.id, 'ada@analytical.example 14d');
    await hotlead(app, rep.id, 'release ada@analytical.example');
    expect((await outbox(app)).filter((r) => r.kind === 'webhook')).toEqual([]);
  });
});
