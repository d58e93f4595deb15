import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ratingButtons } from '../../src/views/rating-buttons.ts';
import { RATING_TEXT } from '../../src/views/rating-reply.ts';
import { API_TOKEN, PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { seedCampaign, type SeededCampaign } from '../support/content-fixtures.ts';

const CHANNEL = 'CDIGEST001';
const withComment = (value: string | null) => ({ rating_comment: { rating_comment_text: { type: 'plain_text_input', value } } });

describe('commenting on content and reading it back from the API', () => {
  let app: TestApp;
  let campaign: SeededCampaign;

  beforeAll(async () => {
    app = await startTestApp();
    campaign = await seedCampaign(app.handoff.deps.db, { key: 'q4-ai-webinar', name: 'Q4 AI Readiness Webinar', assets: [{ title: 'AI Buyer Guide' }, { title: 'Pricing Sheet' }] });
  });
  afterAll(() => app.stop());

  async function messageWithButtons(asset: { id: number; title: string }) {
    const posted = await app.handoff.deps.slack.chat.postMessage({
      channel: CHANNEL, text: 'Rate this week’s new content',
      blocks: [{ type: 'actions', elements: ratingButtons(asset, { withComment: true }) }] as never,
    });
    return posted.ts!;
  }

  async function openCommentModal(userId: string, asset: { id: number; title: string }) {
    const ts = await messageWithButtons(asset);
    const before = app.standIn.okCalls('views.open').length;
    await app.slack.blockAction({ userId, actionId: `rate_comment:${asset.id}`, channelId: CHANNEL, messageTs: ts });
    const opened = await app.standIn.waitFor('views.open', () => true, { count: before + 1 });
    return opened[before].args.view;
  }

  it('opens a small modal, refuses an empty or too long comment, and saves a good one', async () => {
    const [guide] = campaign.assets;
    await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: `rate_useful:${guide.id}`, channelId: CHANNEL, messageTs: await messageWithButtons(guide) });
    await app.standIn.waitFor('response_url');

    const view = await openCommentModal(PEOPLE.rep.id, guide);
    expect(view.callback_id).toBe('rating_comment_modal');
    expect(JSON.parse(view.private_metadata)).toEqual({ a: guide.id });
    expect(JSON.stringify(view.blocks)).toContain('AI Buyer Guide');

    const empty = await app.slack.viewSubmission({ userId: PEOPLE.rep.id, callbackId: 'rating_comment_modal', values: withComment('   ') });
    expect(empty.json).toEqual({ response_action: 'errors', errors: { rating_comment: RATING_TEXT.commentEmpty } });
    const missing = await app.slack.viewSubmission({ userId: PEOPLE.rep.id, callbackId: 'rating_comment_modal', values: withComment(null) });
    expect(missing.json.errors.rating_comment).toBe(RATING_TEXT.commentEmpty);
    const long = await app.slack.viewSubmission({ userId: PEOPLE.rep.id, callbackId: 'rating_comment_modal', values: withComment('x'.repeat(501)) });
    expect(long.json).toEqual({ response_action: 'errors', errors: { rating_comment: RATING_TEXT.commentTooLong } });

    const saved = await app.slack.viewSubmission({ userId: PEOPLE.rep.id, callbackId: 'rating_comment_modal', values: withComment('  Prospects quoted page 4 back to me.  ') });
    expect(saved.json.response_action).toBe('update');
    expect(saved.json.view.blocks[0].text.text).toContain('your comment on *AI Buyer Guide* is saved');
    expect(saved.json.view.blocks[0].text.text).toContain('1 👍 · 0 👎 so far');

    const row = await app.handoff.deps.db.selectFrom('content_ratings').selectAll().where('asset_id', '=', guide.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_id: PEOPLE.rep.id, verdict: 'useful', comment: 'Prospects quoted page 4 back to me.' });
  });

  it('keeps a comment without a rating, and shows the rep’s comment when they open the modal again', async () => {
    const [, pricing] = campaign.assets;
    await openCommentModal(PEOPLE.rep2.id, pricing);
    await app.slack.viewSubmission({ userId: PEOPLE.rep2.id, callbackId: 'rating_comment_modal', values: withComment('Too long for a first call.') });
    const again = await openCommentModal(PEOPLE.rep2.id, pricing);
    const input = again.blocks.find((b: any) => b.type === 'input');
    expect(input.element.initial_value).toBe('Too long for a first call.');
    expect(input.element.max_length).toBe(500);

    const saved = await app.slack.viewSubmission({ userId: PEOPLE.rep2.id, callbackId: 'rating_comment_modal', values: withComment('Shorter version please.') });
    expect(saved.json.view.blocks[0].text.text).toContain('Rate it with 👍 or 👎 too');
    const rows = await app.handoff.deps.db.selectFrom('content_ratings').selectAll().where('asset_id', '=', pricing.id).execute();
    expect(rows).toEqual([expect.objectContaining({ verdict: null, comment: 'Shorter version please.' })]);
  });

  it('tells the rep to click again when Slack will not open the form', async () => {
    const [guide] = campaign.assets;
    const ts = await messageWithButtons(guide);
    app.standIn.addFault({ method: 'views.open', fault: { kind: 'slack_error', error: 'expired_trigger_id' }, times: 1 });
    const before = app.standIn.okCalls('response_url').length;
    await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: `rate_comment:${guide.id}`, channelId: CHANNEL, messageTs: ts });
    const replies = await app.standIn.waitFor('response_url', () => true, { count: before + 1 });
    expect(replies[before].args.text).toBe(RATING_TEXT.modalFailed);
  });

  it('refuses to open the form for content of an archived campaign', async () => {
    const archived = await seedCampaign(app.handoff.deps.db, { key: 'retired', name: 'Retired', status: 'archived', assets: [{ title: 'Old Deck' }] });
    const ts = await messageWithButtons(archived.assets[0]);
    const opened = app.standIn.okCalls('views.open').length;
    const before = app.standIn.okCalls('response_url').length;
    await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: `rate_comment:${archived.assets[0].id}`, channelId: CHANNEL, messageTs: ts });
    const replies = await app.standIn.waitFor('response_url', () => true, { count: before + 1 });
    expect(replies[before].args.text).toContain('this campaign is archived');
    expect(app.standIn.okCalls('views.open')).toHaveLength(opened);
  });

  it('refuses a submission whose hidden asset reference was tampered with', async () => {
    const res = await app.slack.viewSubmission({ userId: PEOPLE.rep.id, callbackId: 'rating_comment_modal', values: withComment('hello'), privateMetadata: '{"a":"1; DROP"}' });
    expect(res.json).toEqual({ response_action: 'errors', errors: { rating_comment: RATING_TEXT.forged } });
    const unknown = await app.slack.viewSubmission({ userId: PEOPLE.rep.id, callbackId: 'rating_comment_modal', values: withComment('hello'), privateMetadata: '{"a":424242}' });
    expect(unknown.json.view.blocks[0].text.text).toBe(RATING_TEXT.unknownAsset);
  });

  it('lists assets with campaign key, tallies and comments on GET /api/content, behind the API token', async () => {
    expect((await app.get('/api/content', { authorization: 'Bearer wrong-token-0000000000' })).status).toBe(401);
    const res = await app.get('/api/content');
    expect(res.status).toBe(200);
    const guide = res.json.assets.find((a: any) => a.title === 'AI Buyer Guide');
    expect(guide).toMatchObject({
      campaign: { key: 'q4-ai-webinar', name: 'Q4 AI Readiness Webinar', status: 'active' },
      useful: 1, not_useful: 0,
      comments: [{ user: PEOPLE.rep.id, text: 'Prospects quoted page 4 back to me.', verdict: 'useful', at: expect.any(String) }],
    });
    const pricing = res.json.assets.find((a: any) => a.title === 'Pricing Sheet');
    expect(pricing).toMatchObject({ useful: 0, not_useful: 0, comments: [{ user: PEOPLE.rep2.id, text: 'Shorter version please.' }] });

    const filtered = await app.get('/api/content?campaign=nothing-here', { authorization: `Bearer ${API_TOKEN}` });
    expect(filtered.json).toEqual({ assets: [] });
    expect((await app.get('/api/content?campaign=%3Cscript%3E')).status).toBe(400);
  });
});
