import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { findCampaignByKey } from '../../src/domain/campaigns/queries.ts';
import { intakeSignature } from '../../src/http/auth.ts';
import { campaignOwnersJob } from '../../src/jobs/campaign-owners.ts';
import { PEOPLE, WEBHOOK_SECRET, startTestApp, type TestApp } from '../support/harness.ts';

const SPEC_EXAMPLE = {
  key: 'q4-ai-webinar',
  name: 'Q4 AI Readiness Webinar',
  goal: 'Book discovery calls with data leaders evaluating AI platforms',
  audience: 'VP Data and CTOs at 200-2000 employee companies',
  stage: 'consideration',
  offer: 'Free AI readiness assessment',
  key_messages: ['Ship models to production in weeks, not quarters'],
  talking_points: ['Ask which pilot stalled and why'],
  assets: [{ title: 'AI Buyer Guide', url: 'https://example.com/guide', kind: 'ebook' }],
  starts_on: '2026-11-01',
  ends_on: '2026-12-15',
  owner: { email: 'marketer@yourco.example' },
};

describe('POST /webhooks/campaigns', () => {
  let app: TestApp;
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  const db = () => app.handoff.deps.db;

  beforeAll(async () => {
    app = await startTestApp({ clock });
  });
  afterAll(() => app.stop());

  it('creates the SPEC’s example brief with a bearer secret, resolving the owner’s email to a Slack user', async () => {
    const res = await app.post('/webhooks/campaigns', SPEC_EXAMPLE);
    expect(res.status).toBe(201);
    expect(res.json.result).toBe('created');
    expect(res.json.warnings).toEqual([]);
    expect(res.json.campaign).toMatchObject({
      key: 'q4-ai-webinar',
      name: 'Q4 AI Readiness Webinar',
      stage: 'consideration',
      key_messages: SPEC_EXAMPLE.key_messages,
      talking_points: SPEC_EXAMPLE.talking_points,
      starts_on: '2026-11-01',
      ends_on: '2026-12-15',
      owner: { slack_user_id: PEOPLE.marketer.id, email: 'marketer@yourco.example' },
      status: 'active',
      created_at: '2026-11-23T10:00:00.000Z',
    });
    expect(res.json.campaign.assets).toEqual([{ id: expect.any(Number), title: 'AI Buyer Guide', url: 'https://example.com/guide', kind: 'ebook' }]);
  });

  it('accepts a v1 HMAC signature of the raw body instead of the bearer secret', async () => {
    const body = JSON.stringify({ key: 'signed-one', name: 'Signed' });
    const ts = Math.floor(clock.now().getTime() / 1000);
    const res = await app.post('/webhooks/campaigns', body, {
      authorization: '',
      'x-handoff-timestamp': String(ts),
      'x-handoff-signature': intakeSignature(WEBHOOK_SECRET, ts, body),
    });
    expect(res.status, res.text).toBe(201);
    expect(await findCampaignByKey(db(), 'signed-one')).toBeDefined();
  });

  it('answers 401 and stores nothing for a wrong secret, a bad signature or a stale timestamp', async () => {
    const body = JSON.stringify({ key: 'intruder', name: 'Intruder' });
    const ts = Math.floor(clock.now().getTime() / 1000);
    const attempts: Array<Record<string, string>> = [
      { authorization: 'Bearer wrong-secret-wrong-secret' },
      { authorization: '' },
      { authorization: '', 'x-handoff-timestamp': String(ts), 'x-handoff-signature': intakeSignature('another-secret-0123456789', ts, body) },
      { authorization: '', 'x-handoff-timestamp': String(ts - 600), 'x-handoff-signature': intakeSignature(WEBHOOK_SECRET, ts - 600, body) },
    ];
    for (const headers of attempts) {
      const res = await app.post('/webhooks/campaigns', body, headers);
      expect(res.status).toBe(401);
      expect(res.json.error).toBe('unauthorized');
    }
    expect(await findCampaignByKey(db(), 'intruder')).toBeUndefined();
  });

  it('names every bad field in a 400 and stores nothing', async () => {
    const res = await app.post('/webhooks/campaigns', {
      key: 'Bad Key!',
      name: '',
      stage: 'closing',
      key_messages: 'not a list',
      assets: [
        { title: 'Fine', url: 'https://example.com/a' },
        { title: '', url: 'javascript:alert(1)' },
        { url: 'https://example.com/a' },
      ],
      starts_on: '2026-02-30',
      ends_on: '2026-01-01',
      owner: { email: 'not-an-email' },
    });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('invalid_campaign');
    const paths = res.json.problems.map((p: any) => p.path).sort();
    expect(paths).toEqual(['assets[1].title', 'assets[1].url', 'assets[2].title', 'assets[2].url', 'key', 'key_messages', 'name', 'owner.email', 'stage', 'starts_on'].sort());
    const about = (path: string) => res.json.problems.find((p: any) => p.path === path).message;
    expect(about('key')).toMatch(/lowercase letters, digits and dashes/);
    expect(about('assets[1].url')).toBe('must start with http:// or https://');
    expect(about('assets[2].url')).toBe('repeats the URL of assets[0]');
    expect(about('assets[2].title')).toBe('is required');
    expect(about('starts_on')).toBe('must be a real date as YYYY-MM-DD');
    expect(await db().selectFrom('campaigns').select('key').where('name', '=', '').execute()).toEqual([]);
  });

  it('says when the end date is before the start date, together with other problems', async () => {
    const res = await app.post('/webhooks/campaigns', { key: 'dates', starts_on: '2026-12-01', ends_on: '2026-11-01' });
    expect(res.status).toBe(400);
    expect(res.json.problems).toEqual([
      { path: 'name', message: 'is required' },
      { path: 'ends_on', message: 'must be on or after the start date' },
    ]);
  });

  it('answers 400 for a body that is not JSON or not an object', async () => {
    expect((await app.post('/webhooks/campaigns', '{"key": ')).json.error).toBe('invalid_json');
    const list = await app.post('/webhooks/campaigns', [{ key: 'x', name: 'y' }]);
    expect(list.status).toBe(400);
    expect(list.json.problems).toEqual([{ path: '(body)', message: 'must be a JSON object describing one campaign' }]);
  });

  it('updates a brief sent again by key: assets matched by URL keep their ids, removed ones are kept as removed', async () => {
    const first = await app.post('/webhooks/campaigns', {
      key: 'asset-keeper',
      name: 'Asset keeper',
      goal: 'Original goal',
      assets: [
        { title: 'Guide', url: 'https://example.com/guide', kind: 'ebook' },
        { title: 'Deck', url: 'https://example.com/deck' },
      ],
    });
    const [guide, deck] = first.json.campaign.assets;
    clock.advance(60_000);
    const second = await app.post('/webhooks/campaigns', {
      key: 'ASSET-KEEPER',
      name: 'Asset keeper, renamed',
      assets: [
        { title: 'New video', url: 'https://example.com/video', kind: 'video' },
        { title: 'Guide (2nd edition)', url: 'https://example.com/guide', kind: 'ebook' },
      ],
    });
    expect(second.status).toBe(200);
    expect(second.json.result).toBe('updated');
    expect(second.json.campaign).toMatchObject({ id: first.json.campaign.id, name: 'Asset keeper, renamed', goal: 'Original goal', updated_at: '2026-11-23T10:01:00.000Z' });
    const [video, guide2] = second.json.campaign.assets;
    expect(guide2).toEqual({ id: guide.id, title: 'Guide (2nd edition)', url: 'https://example.com/guide', kind: 'ebook' });
    expect(video.id).not.toBe(deck.id);

    const removed = await db().selectFrom('campaign_assets').selectAll().where('id', '=', deck.id).executeTakeFirstOrThrow();
    expect(removed.removed_at).toBe('2026-11-23T10:01:00.000Z');

    // Listing the deck again brings back the same row (and so its ratings).
    const third = await app.post('/webhooks/campaigns', { key: 'asset-keeper', name: 'Asset keeper', assets: [{ title: 'Deck', url: 'https://example.com/deck' }] });
    expect(third.json.campaign.assets).toEqual([{ id: deck.id, title: 'Deck', url: 'https://example.com/deck', kind: null }]);

    // null clears a field; a field left out keeps its value.
    const fourth = await app.post('/webhooks/campaigns', { key: 'asset-keeper', name: 'Asset keeper', goal: null });
    expect(fourth.json.campaign).toMatchObject({ goal: null, assets: [{ id: deck.id }] });
  });

  it('checks an end date against the stored start date on update', async () => {
    await app.post('/webhooks/campaigns', { key: 'dated', name: 'Dated', starts_on: '2026-12-01' });
    const res = await app.post('/webhooks/campaigns', { key: 'dated', name: 'Dated', ends_on: '2026-11-01' });
    expect(res.status).toBe(400);
    expect(res.json.problems).toEqual([{ path: 'ends_on', message: 'must be on or after the start date (2026-12-01)' }]);
  });

  it('keeps an unknown owner’s email, with no Slack user, and says so', async () => {
    const res = await app.post('/webhooks/campaigns', { key: 'unknown-owner', name: 'Unknown owner', owner: { email: 'Someone@Elsewhere.example' } });
    expect(res.status).toBe(201);
    expect(res.json.campaign.owner).toEqual({ slack_user_id: null, email: 'someone@elsewhere.example' });
    expect(res.json.warnings).toEqual([
      'No Slack user has the email someone@elsewhere.example; the brief keeps the email as its owner and Handoff will look again later.',
    ]);
  });

  it('takes an owner given as a Slack user id as it is', async () => {
    const res = await app.post('/webhooks/campaigns', { key: 'by-id', name: 'By id', owner: { slack_user_id: PEOPLE.admin.id } });
    expect(res.json.campaign.owner).toEqual({ slack_user_id: PEOPLE.admin.id, email: null });
  });

  it('stores the owner’s email when Slack is unreachable, and finds the Slack user later', async () => {
    app.standIn.addFault({ method: 'users.lookupByEmail', fault: { kind: 'http_error', status: 503 }, match: (a) => a.email === 'admin@yourco.example' });
    const res = await app.post('/webhooks/campaigns', { key: 'owner-later', name: 'Owner later', owner: { email: 'admin@yourco.example' } });
    expect(res.status).toBe(201);
    expect(res.json.campaign.owner).toEqual({ slack_user_id: null, email: 'admin@yourco.example' });
    expect(res.json.warnings[0]).toContain('Slack could not be asked who admin@yourco.example is just now');

    app.standIn.clearFaults();
    await campaignOwnersJob.run(app.handoff.deps);
    expect((await findCampaignByKey(db(), 'owner-later'))!.owner_slack_id).toBe(PEOPLE.admin.id);
  });

  it('updates an archived brief but keeps it archived unless told "status": "active"', async () => {
    await app.post('/webhooks/campaigns', { key: 'sleeping', name: 'Sleeping', status: 'archived' });
    const updated = await app.post('/webhooks/campaigns', { key: 'sleeping', name: 'Still sleeping' });
    expect(updated.status).toBe(200);
    expect(updated.json.campaign).toMatchObject({ name: 'Still sleeping', status: 'archived' });
    expect(updated.json.warnings).toEqual(['This brief is archived, so it stays out of `/campaign list`; send "status": "active" to bring it back.']);
    const woken = await app.post('/webhooks/campaigns', { key: 'sleeping', name: 'Awake', status: 'active' });
    expect(woken.json.campaign.status).toBe('active');
    expect(woken.json.warnings).toEqual([]);
  });
});
