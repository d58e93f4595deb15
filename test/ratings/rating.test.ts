import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ratingButtons } from '../../src/views/rating-buttons.ts';
import { RATING_TEXT } from '../../src/views/rating-reply.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { leadRow, seedCampaign, seedLeads, type SeededCampaign } from '../support/content-fixtures.ts';

const DM = 'DREP00001';

describe('rating content from a lead DM', () => {
  let app: TestApp;
  let campaign: SeededCampaign;
  let archived: SeededCampaign;
  let leadId: string;

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.handoff.deps.db;
    campaign = await seedCampaign(db, { key: 'q4-ai-webinar', name: 'Q4 AI Readiness Webinar', assets: [{ title: 'AI Buyer Guide' }, { title: 'ROI Calculator' }, { title: 'Old Deck', removed: true }] });
    archived = await seedCampaign(db, { key: 'q2-retired', name: 'Q2 Retired Campaign', status: 'archived', assets: [{ title: 'Stale Whitepaper' }] });
    const lead = leadRow({ received_at: '2026-11-23T09:00:00.000Z', campaign_key: 'q4-ai-webinar' });
    leadId = lead.id;
    await seedLeads(db, [lead]);
  });
  afterAll(() => app.stop());
  beforeEach(() => app.standIn.reset());

  /** Puts a message with the asset's buttons in the rep's DM, as the lead DM would carry them. */
  async function dmWithButtons(asset: { id: number; title: string }, withLead = true) {
    const posted = await app.handoff.deps.slack.chat.postMessage({
      channel: DM, text: 'A new lead',
      blocks: [{ type: 'actions', elements: ratingButtons(asset, { leadId: withLead ? leadId : undefined, withComment: true }) }] as never,
    });
    return posted.ts!;
  }

  async function click(userId: string, actionId: string, ts: string, value?: string) {
    app.standIn.calls = [];
    const res = await app.slack.blockAction({ userId, actionId, channelId: DM, messageTs: ts, value });
    expect(res.status).toBe(200);
    const [reply] = await app.standIn.waitFor('response_url');
    return reply.args;
  }

  const ratingsOf = (assetId: number) =>
    app.handoff.deps.db.selectFrom('content_ratings').selectAll().where('asset_id', '=', assetId).execute();

  it('records a useful rating with who, when, lead and campaign, and shows the rep the running tally', async () => {
    const [guide] = campaign.assets;
    const ts = await dmWithButtons(guide);
    const reply = await click(PEOPLE.rep.id, `rate_useful:${guide.id}`, ts);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.replace_original).toBe(false);
    expect(reply.text).toBe('You rated *AI Buyer Guide* useful — 1 👍 · 0 👎 so far');

    const rows = await ratingsOf(guide.id);
    expect(rows).toEqual([expect.objectContaining({
      user_id: PEOPLE.rep.id, verdict: 'useful', lead_id: leadId, campaign_id: campaign.id, rated_at: '2026-11-23T10:00:00.000Z',
    })]);
  });

  it('counts every rep once, and a later click replaces the rep’s earlier verdict', async () => {
    const [, calculator] = campaign.assets;
    const ts = await dmWithButtons(calculator);
    expect((await click(PEOPLE.rep.id, `rate_useful:${calculator.id}`, ts)).text).toContain('1 👍 · 0 👎 so far');
    expect((await click(PEOPLE.rep2.id, `rate_useful:${calculator.id}`, ts)).text).toContain('2 👍 · 0 👎 so far');
    const changed = await click(PEOPLE.rep.id, `rate_not_useful:${calculator.id}`, ts);
    expect(changed.text).toBe('You changed your rating of *ROI Calculator* to not useful — 1 👍 · 1 👎 so far');

    const rows = await ratingsOf(calculator.id);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.user_id === PEOPLE.rep.id)?.verdict).toBe('not_useful');
  });

  it('answers a double click without counting it twice', async () => {
    const { id } = (await seedCampaign(app.handoff.deps.db, { key: 'double-click', assets: [{ title: 'Case Study' }] })).assets[0];
    const ts = await dmWithButtons({ id, title: 'Case Study' });
    app.standIn.calls = [];
    await Promise.all([
      app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: `rate_useful:${id}`, channelId: DM, messageTs: ts }),
      app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: `rate_useful:${id}`, channelId: DM, messageTs: ts }),
    ]);
    const replies = (await app.standIn.waitFor('response_url', () => true, { count: 2 })).map((c) => c.args.text).sort();
    expect(replies).toEqual([
      'You already rated *Case Study* useful; nothing changed — 1 👍 · 0 👎 so far',
      'You rated *Case Study* useful — 1 👍 · 0 👎 so far',
    ]);
    expect(await ratingsOf(id)).toHaveLength(1);
  });

  it('refuses content of an archived campaign and says so', async () => {
    const [stale] = archived.assets;
    const ts = await dmWithButtons(stale, false);
    const reply = await click(PEOPLE.rep.id, `rate_useful:${stale.id}`, ts);
    expect(reply.text).toContain('this campaign is archived');
    expect(reply.text).toContain('*Stale Whitepaper*');
    expect(await ratingsOf(stale.id)).toEqual([]);
  });

  it('refuses content removed from its brief', async () => {
    const removed = campaign.assets[2];
    const ts = await dmWithButtons(removed);
    const reply = await click(PEOPLE.rep.id, `rate_not_useful:${removed.id}`, ts);
    expect(reply.text).toBe('*Old Deck* was removed from its campaign brief, so it can no longer be rated. Nothing was changed.');
    expect(await ratingsOf(removed.id)).toEqual([]);
  });

  it('refuses forged button values and changes nothing', async () => {
    const [guide] = campaign.assets;
    const ts = await dmWithButtons(guide);
    const before = await ratingsOf(guide.id);
    const forged: Array<[string, string | undefined, string]> = [
      [`rate_useful:${guide.id}`, 'not json at all', RATING_TEXT.forged],
      [`rate_useful:${guide.id}`, JSON.stringify({ a: 'DROP TABLE' }), RATING_TEXT.forged],
      [`rate_useful:${guide.id}`, JSON.stringify({ a: guide.id + 1 }), RATING_TEXT.forged],
      ['rate_useful:999999', JSON.stringify({ a: 999999 }), RATING_TEXT.unknownAsset],
      [`rate_useful:${guide.id}`, JSON.stringify({ a: guide.id, l: 'crm-nobody' }), RATING_TEXT.unknownLead],
      [`rate_not_useful:${guide.id}`, '', RATING_TEXT.forged],
    ];
    for (const [actionId, value, expected] of forged) {
      expect((await click(PEOPLE.stranger.id, actionId, ts, value)).text).toBe(expected);
    }
    expect(await ratingsOf(guide.id)).toEqual(before);
  });
});
