import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { deliveredLead, dmMessage, leadBody, leadRow, readable } from './support.ts';

// A CRM that gets a 4xx never sends that lead again, so one wrong optional field must not cost
// the lead: it is left out, named in `warnings`, and the lead is stored and handed over.
// The body is what the README's HubSpot template yields for a real contact: HubSpot fills a
// missing property with an empty string, and a score property may hold text such as "n/a".

describe('a lead with wrong optional fields', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp(); });
  afterAll(async () => { await app.stop(); });

  it('is stored and handed over without them, and the answer names each one', async () => {
    const lead = await deliveredLead(app, {
      title: '',
      score: 'n/a',
      stage: { value: 'lead' },
      activities: [
        { type: 'downloaded', content: 'AI Buyer Guide', url: 'not a url', at: '2026-11-20T10:00:00Z' },
        { type: '', content: 'no type at all' },
        { type: 'registered', content: 'Webinar', at: 'yesterday' },
      ],
    });
    const res = await app.post('/webhooks/leads', { ...lead.body, id: `${lead.id}-again` });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({
      id: `${lead.id}-again`,
      status: 'accepted',
      warnings: [
        { path: 'stage', message: 'must be text such as "consideration"; left out' },
        { path: 'score', message: 'must be a number; left out' },
        { path: 'activities[0].url', message: 'must be an http(s) URL; left out' },
        { path: 'activities[1].type', message: 'must not be empty; left out' },
        { path: 'activities[2].at', message: 'must be an ISO 8601 date-time such as 2026-11-20T10:00:00Z; left out' },
      ],
    });
    const row = await leadRow(app, lead.id);
    expect(row).toMatchObject({ status: 'new', stage: null, score: null, title: null });
    expect(JSON.parse(row!.activities)).toEqual([
      { type: 'downloaded', content: 'AI Buyer Guide', at: '2026-11-20T10:00:00.000Z' },
      { type: 'registered', content: 'Webinar' },
    ]);
    const text = readable(dmMessage(app, lead));
    expect(text).toContain('Downloaded “AI Buyer Guide”');
    expect(text).not.toContain('not a url');
  });

  it('says the same lead by lead in a batch', async () => {
    const good = leadBody({ owner: { slack_user_id: PEOPLE.rep.id } });
    const odd = leadBody({ owner: { slack_user_id: PEOPLE.rep.id }, record_url: 'javascript:alert(1)' });
    const res = await app.post('/webhooks/leads', { leads: [good, odd] });
    expect(res.status).toBe(202);
    expect(res.json.results).toEqual([
      { id: good.id, status: 'accepted' },
      { id: odd.id, status: 'accepted', warnings: [{ path: 'record_url', message: "must be an http(s) URL (the lead's page in the CRM); left out" }] },
    ]);
    expect(await leadRow(app, odd.id)).toMatchObject({ record_url: null, status: 'new' });
  });

  it('is still refused when what identifies it or reaches its owner is wrong, naming every problem', async () => {
    const res = await app.post('/webhooks/leads', leadBody({ id: '', score: 'n/a' }));
    expect(res.status).toBe(400);
    expect(res.json.problems.map((p: { path: string }) => p.path)).toEqual(['id', 'score']);
  });
});
