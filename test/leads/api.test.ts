import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { leadBody } from './support.ts';

describe('GET /api/leads and /api/leads/:id', () => {
  let app: TestApp;
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  const first = leadBody({ owner: { slack_user_id: PEOPLE.rep.id } });
  const second = leadBody({ name: 'Grace Hopper', owner: { slack_user_id: PEOPLE.rep.id } });

  beforeAll(async () => {
    app = await startTestApp({ clock });
    await app.post('/webhooks/leads', first);
    clock.advance(60 * 60_000);
    await app.post('/webhooks/leads', second);
  });
  afterAll(async () => { await app.stop(); });

  it('lists leads newest first with their owner, campaign, status and delivery', async () => {
    const res = await app.get('/api/leads');
    expect(res.status).toBe(200);
    expect(res.json.leads.map((l: { id: string }) => l.id)).toEqual([second.id, first.id]);
    expect(res.json.leads[1]).toMatchObject({
      id: first.id,
      email: 'ada@analytical.example',
      name: 'Ada Lovelace',
      owner: { email: null, slack_user_id: PEOPLE.rep.id },
      campaign: 'q4-ai-webinar',
      stage: 'consideration',
      score: 72,
      status: 'new',
      // Its DM goes out while the test runs: either is right, anything else is not.
      delivery: expect.stringMatching(/^(queued|delivered)$/),
      received_at: '2026-11-23T10:00:00.000Z',
      fields: { budget: 'approved', timeline: 'Q1' },
    });
    expect(res.json.leads[1].activities).toHaveLength(2);
  });

  it('filters by status, by time received and limits the count', async () => {
    expect((await app.get('/api/leads?status=new')).json.leads).toHaveLength(2);
    expect((await app.get('/api/leads?status=accepted')).json.leads).toEqual([]);
    const since = await app.get('/api/leads?since=2026-11-23T10:30:00Z');
    expect(since.json.leads.map((l: { id: string }) => l.id)).toEqual([second.id]);
    const limited = await app.get('/api/leads?limit=1');
    expect(limited.json.leads.map((l: { id: string }) => l.id)).toEqual([second.id]);
  });

  it('answers 400 naming each bad query parameter', async () => {
    const res = await app.get('/api/leads?status=won&since=yesterday&limit=0');
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('invalid_query');
    expect(res.json.problems.map((p: { path: string }) => p.path).sort()).toEqual(['limit', 'since', 'status']);
    expect(res.json.problems.find((p: { path: string }) => p.path === 'status').message).toMatch(/new, held, accepted, rejected, hot/);
    expect((await app.get('/api/leads?limit=abc')).status).toBe(400);
    expect((await app.get('/api/leads?limit=1001')).status).toBe(400);
  });

  it('shows one lead with its timeline', async () => {
    const res = await app.get(`/api/leads/${encodeURIComponent(first.id)}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: first.id, name: 'Ada Lovelace', status: 'new' });
    expect(res.json.timeline[0]).toEqual(
      { type: 'received', actor: null, at: '2026-11-23T10:00:00.000Z', detail: expect.objectContaining({ campaign: 'q4-ai-webinar', stage: 'consideration' }) },
    );
  });

  it('answers 404 for an unknown lead id', async () => {
    const res = await app.get('/api/leads/no-such-lead');
    expect(res.status).toBe(404);
    expect(res.json.error).toBe('not_found');
  });

  it('refuses with 401 without the API token, and does not take the intake secret for it', async () => {
    expect((await app.get('/api/leads', { authorization: '' })).status).toBe(401);
    expect((await app.get(`/api/leads/${first.id}`, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
  });
});
