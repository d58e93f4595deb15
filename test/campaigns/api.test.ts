import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

describe('GET /api/campaigns', () => {
  let app: TestApp;
  const clock = new ManualClock('2026-11-23T10:00:00Z');

  beforeAll(async () => {
    app = await startTestApp({ clock });
    for (const key of ['first', 'second', 'third']) {
      const res = await app.post('/webhooks/campaigns', { key, name: `Campaign ${key}`, assets: [{ title: 'Guide', url: `https://example.com/${key}` }] });
      expect(res.status).toBe(201);
      clock.advance(60_000);
    }
    await app.post('/webhooks/campaigns', { key: 'second', name: 'Campaign second', status: 'archived' });
  });
  afterAll(() => app.stop());

  it('needs the API token', async () => {
    expect((await app.get('/api/campaigns', { authorization: '' })).status).toBe(401);
    expect((await app.get('/api/campaigns', { authorization: 'Bearer not-the-token-0123456789' })).status).toBe(401);
    expect((await app.get('/api/campaigns/first', { authorization: '' })).status).toBe(401);
  });

  it('lists active briefs newest first by default, with their assets', async () => {
    const res = await app.get('/api/campaigns');
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('active');
    expect(res.json.campaigns.map((c: any) => c.key)).toEqual(['third', 'first']);
    expect(res.json.count).toBe(2);
    expect(res.json.campaigns[0].assets).toEqual([{ id: expect.any(Number), title: 'Guide', url: 'https://example.com/third', kind: null }]);
  });

  it('lists archived briefs, or all of them, when asked', async () => {
    expect((await app.get('/api/campaigns?status=archived')).json.campaigns.map((c: any) => c.key)).toEqual(['second']);
    expect((await app.get('/api/campaigns?status=all')).json.campaigns.map((c: any) => c.key)).toEqual(['third', 'second', 'first']);
    const bad = await app.get('/api/campaigns?status=deleted');
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error: 'invalid_status', message: 'status must be one of active, archived, all.' });
  });

  it('shows one brief by key, whatever its status or case, with the assets taken out of it', async () => {
    await app.post('/webhooks/campaigns', { key: 'first', name: 'Campaign first', assets: [{ title: 'Video', url: 'https://example.com/video' }] });
    const res = await app.get('/api/campaigns/FIRST');
    expect(res.status).toBe(200);
    expect(res.json.campaign).toMatchObject({ key: 'first', name: 'Campaign first', status: 'active' });
    expect(res.json.campaign.assets.map((a: any) => a.url)).toEqual(['https://example.com/video']);
    expect(res.json.campaign.removed_assets).toEqual([
      { id: expect.any(Number), title: 'Guide', url: 'https://example.com/first', kind: null, removed_at: clock.now().toISOString() },
    ]);
    expect((await app.get('/api/campaigns/second')).json.campaign.status).toBe('archived');
  });

  it('answers 404 for an unknown key, and for a key that is not even well-formed', async () => {
    const res = await app.get('/api/campaigns/nope');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: 'not_found', message: 'No campaign with key `nope`.' });
    const garbled = await app.get('/api/campaigns/%E0%A4%A');
    expect(garbled.status).toBe(404);
    expect((await app.get('/healthz', {})).status).toBe(200);
  });
});
