import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/clock.ts';
import { PEOPLE, type TestApp } from '../support/harness.ts';
import { hotlead, insertLead, startHotleadApp } from './support.ts';

const { rep, rep2 } = PEOPLE;

describe('GET /api/suppressions', () => {
  let app: TestApp;
  let clock: ManualClock;
  beforeAll(async () => {
    app = await startHotleadApp();
    clock = app.clock as ManualClock;
    await insertLead(app, { id: 'crm-ada', email: 'Ada@Analytical.example', name: 'Ada Lovelace', company: 'Analytical Engines', campaign_key: 'q4-ai-webinar', owner_slack_id: rep.id });
    await hotlead(app, rep.id, 'ada@analytical.example 14d closing next week');
    clock.advance(60 * 60_000); // 11:00
    await hotlead(app, rep2.id, 'grace@navy.example until 2026-12-31 =HYPERLINK("http://evil.example")');
    clock.advance(60 * 60_000); // 12:00
    await hotlead(app, rep.id, 'released@customer.example 3');
    await hotlead(app, rep.id, 'release released@customer.example');
  });
  afterAll(() => app.stop());

  it('refuses a request without the API token, or with a wrong one', async () => {
    expect((await app.get('/api/suppressions', { authorization: '' })).status).toBe(401);
    const wrong = await app.get('/api/suppressions?format=csv', { authorization: 'Bearer not-the-token-0000000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ error: 'unauthorized' });
  });

  it('lists the active pauses as JSON with paused_until and reason', async () => {
    const res = await app.get('/api/suppressions');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ as_of: '2026-11-23T12:00:00.000Z', since: null, count: 2 });
    expect(res.json.resumed).toBeUndefined();
    expect(res.json.suppressions).toEqual([
      {
        email: 'ada@analytical.example', paused_until: '2026-12-08T00:00:00.000Z', reason: 'Hot lead: sales is working this contact — closing next week',
        paused_at: '2026-11-23T10:00:00.000Z', updated_at: '2026-11-23T10:00:00.000Z', paused_by: rep.id, note: 'closing next week',
        lead_id: 'crm-ada', name: 'Ada Lovelace', company: 'Analytical Engines', campaign: 'q4-ai-webinar',
        // The day Slack names ("through Mon 7 Dec"): the pause ends as that day does.
        last_day: '2026-12-07',
      },
      expect.objectContaining({ email: 'grace@navy.example', paused_until: '2027-01-01T00:00:00.000Z', paused_by: rep2.id, lead_id: null, name: null }),
    ]);
  });

  it('serves the same list as CSV with a header row, formulas defused', async () => {
    const res = await app.get('/api/suppressions?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = res.text.trimEnd().split('\n');
    expect(lines[0]).toBe('"email","paused_until","reason","paused_at","updated_at","paused_by","note","lead_id","name","company","campaign","last_day"');
    expect(lines[1]).toBe(`"ada@analytical.example","2026-12-08T00:00:00.000Z","Hot lead: sales is working this contact — closing next week","2026-11-23T10:00:00.000Z","2026-11-23T10:00:00.000Z","${rep.id}","closing next week","crm-ada","Ada Lovelace","Analytical Engines","q4-ai-webinar","2026-12-07"`);
    expect(lines[2]).toContain(`"grace@navy.example","2027-01-01T00:00:00.000Z",`);
    // The note cell starts with "=": csv-stringify prefixes it so a spreadsheet shows it as text.
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(lines).toHaveLength(3);
  });

  it('answers only what changed since a time, and in JSON which emails resumed', async () => {
    const res = await app.get('/api/suppressions?since=2026-11-23T10:30:00Z');
    expect(res.json.suppressions.map((s: any) => s.email)).toEqual(['grace@navy.example']);
    expect(res.json.resumed).toEqual([{ email: 'released@customer.example', resumed_at: '2026-11-23T12:00:00.000Z', resumed_because: 'released' }]);
    const csv = await app.get('/api/suppressions?format=CSV&since=2026-11-23T10:30:00%2B00:00');
    expect(csv.text.trimEnd().split('\n').map((l) => l.split(',')[0])).toEqual(['"email"', '"grace@navy.example"']);
    const later = await app.get('/api/suppressions?since=2026-11-23T12:30:00.000Z');
    expect(later.json).toMatchObject({ count: 0, suppressions: [], resumed: [] });
  });

  it('shows an extension as a change since the last pull', async () => {
    clock.advance(60 * 60_000); // 13:00
    await hotlead(app, rep.id, 'ada@analytical.example 30d');
    const res = await app.get('/api/suppressions?since=2026-11-23T12:30:00Z');
    expect(res.json.suppressions).toEqual([expect.objectContaining({ email: 'ada@analytical.example', paused_until: '2026-12-24T00:00:00.000Z', updated_at: '2026-11-23T13:00:00.000Z' })]);
  });

  it('refuses an unreadable since or format with 400', async () => {
    for (const query of ['since=yesterday', 'since=2026-13-01', 'since=2026-11-23T10:00', 'format=xml']) {
      const res = await app.get(`/api/suppressions?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json.message).toMatch(/since must be|format must be/);
    }
  });

  // Last: it moves the clock past a pause's end.
  it('drops a pause the moment it ends, before the expiry job marks it ended', async () => {
    clock.advance(32 * 24 * 3_600_000); // past Ada's extended 2026-12-24, before Grace's 2027-01-01
    const res = await app.get('/api/suppressions');
    expect(res.json.suppressions.map((s: { email: string }) => s.email)).toEqual(['grace@navy.example']);
    const csv = await app.get('/api/suppressions?format=csv');
    expect(csv.text).not.toContain('ada@analytical.example');
  });
});
