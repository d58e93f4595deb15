import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { hotlead, insertLead, outbox } from './support.ts';

const { rep, rep2 } = PEOPLE;
const WEBHOOK_URL = 'http://127.0.0.1:9/handoff-events';

describe('outbound pause events', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { HANDOFF_OUTBOUND_WEBHOOK_URL: WEBHOOK_URL } });
    await insertLead(app, { id: 'crm-ada', email: 'ada@analytical.example', name: 'Ada Lovelace', company: 'Analytical Engines', campaign_key: 'q4-ai-webinar', owner_slack_id: rep.id });
  });
  afterAll(() => app.stop());

  const events = async () => (await outbox(app)).filter((r) => r.kind === 'webhook');

  it('queues lead.paused, lead.extended and lead.resumed for the webhook URL, each once with its own event id', async () => {
    await hotlead(app, rep.id, 'ada@analytical.example 14d closing');
    await hotlead(app, rep.id, 'ada@analytical.example 7d');
    await hotlead(app, rep2.id, 'ada@analytical.example 30d');
    await hotlead(app, rep.id, 'release ada@analytical.example');
    const rows = await events();
    expect(rows.map((r) => r.body.body.type)).toEqual(['lead.paused', 'lead.extended', 'lead.resumed']);
    expect(rows.every((r) => r.target === WEBHOOK_URL)).toBe(true);
    expect(new Set(rows.map((r) => r.body.eventId)).size).toBe(3);
    for (const r of rows) {
      expect(r.body.eventId).toMatch(/^evt_[0-9a-f-]{36}$/);
      expect(r.body.body.id).toBe(r.body.eventId);
    }
    expect(rows[0].body.body).toEqual({
      id: rows[0].body.eventId,
      type: 'lead.paused',
      created_at: '2026-11-23T10:00:00.000Z',
      data: {
        email: 'ada@analytical.example', paused_until: '2026-12-08T00:00:00.000Z', paused_at: '2026-11-23T10:00:00.000Z',
        reason: 'Hot lead: sales is working this contact — closing', note: 'closing', paused_by: rep.id, actor: rep.id,
        lead: { id: 'crm-ada', name: 'Ada Lovelace', company: 'Analytical Engines', campaign: 'q4-ai-webinar' },
      },
    });
    expect(rows[1].body.body.data).toMatchObject({ paused_until: '2026-12-24T00:00:00.000Z', previous_paused_until: '2026-12-08T00:00:00.000Z', actor: rep2.id, paused_by: rep.id });
    expect(rows[2].body.body.data).toMatchObject({ resumed_because: 'released', actor: rep.id });
  });

  it('sends no event for a pause that was kept as it was', async () => {
    await hotlead(app, rep.id, 'grace@navy.example 30d');
    const before = (await events()).length;
    await hotlead(app, rep.id, 'grace@navy.example 10d');
    expect((await events()).length).toBe(before);
  });
});

describe('without HANDOFF_OUTBOUND_WEBHOOK_URL', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp(); });
  afterAll(() => app.stop());

  it('queues no webhook at all', async () => {
    await hotlead(app, rep.id, 'ada@analytical.example 14d');
    await hotlead(app, rep.id, 'release ada@analytical.example');
    expect((await outbox(app)).filter((r) => r.kind === 'webhook')).toEqual([]);
  });
});
