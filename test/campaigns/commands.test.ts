import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { findCampaignByKey } from '../../src/domain/campaigns/queries.ts';
import { CAMPAIGN_USAGE } from '../../src/views/usage.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { blocksText, laterAnswer } from './support.ts';

describe('the /campaign commands', () => {
  let app: TestApp;
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  const marketer = PEOPLE.marketer.id;

  const pushBrief = async (body: Record<string, unknown>) => {
    const res = await app.post('/webhooks/campaigns', body);
    expect(res.status, res.text).toBeLessThan(300);
    return res.json.campaign;
  };

  beforeAll(async () => {
    app = await startTestApp({ clock });
  });
  afterAll(() => app.stop());

  it('answers help, and bad words, with the usage', async () => {
    const help = await app.slack.command('/campaign', 'help', { userId: marketer });
    expect(help.json).toEqual({ response_type: 'ephemeral', text: CAMPAIGN_USAGE });
    for (const words of ['delete q4', 'show', 'show a b', 'edit', 'archive', 'list everything']) {
      const res = await app.slack.command('/campaign', words, { userId: marketer });
      expect(res.json.response_type).toBe('ephemeral');
      expect(res.json.text).toContain(`\`/campaign ${words}\` is not something I understand.`);
      expect(res.json.text).toContain(CAMPAIGN_USAGE);
    }
  });

  it('says so when there are no briefs to list', async () => {
    const res = await app.slack.command('/campaign', 'list', { userId: PEOPLE.rep.id });
    expect(res.json.text).toBe('There are no active campaign briefs yet. Post one with `/campaign`.');
  });

  it('tells an unknown key apart from a mistyped command, for show, edit and archive', async () => {
    for (const sub of ['show', 'edit', 'archive']) {
      const res = await app.slack.command('/campaign', `${sub} no-such-thing`, { userId: marketer });
      expect(res.json).toEqual({ response_type: 'ephemeral', text: 'No campaign with key `no-such-thing`. Try `/campaign list`.' });
    }
    expect(app.standIn.callsTo('views.open')).toHaveLength(0);
  });

  it('lists active briefs newest first, with owner and dates', async () => {
    await pushBrief({ key: 'older', name: 'Older campaign', owner: { slack_user_id: marketer }, starts_on: '2026-11-01', ends_on: '2026-12-15' });
    clock.advance(60_000);
    await pushBrief({ key: 'newer', name: 'Newer campaign', owner: { email: 'nobody@elsewhere.example' }, starts_on: '2026-12-01', stage: 'decision' });
    const res = await app.slack.command('/campaign', 'list', { userId: PEOPLE.rep.id });
    expect(res.json.response_type).toBe('ephemeral');
    const text = blocksText(res.json.blocks);
    expect(text).toContain('Active campaign briefs (2)');
    expect(text.indexOf('Newer campaign')).toBeLessThan(text.indexOf('Older campaign'));
    expect(text).toContain(`\`older\` · any stage · owner <@${marketer}> · Nov 1, 2026 – Dec 15, 2026 (running)`);
    expect(text).toContain('`newer` · Decision · owner nobody@elsewhere.example (not found in Slack) · from Dec 1, 2026 (starts in 8 days)');
  });

  it('shows the whole brief, readable, with assets as links', async () => {
    await pushBrief({
      key: 'full-brief',
      name: 'Full <brief> & more',
      goal: 'A goal',
      audience: 'An audience',
      offer: 'An offer',
      stage: 'awareness',
      key_messages: ['Message one', 'Message two'],
      talking_points: ['Point one'],
      assets: [{ title: 'Guide', url: 'https://example.com/guide', kind: 'ebook' }, { title: 'Video', url: 'https://example.com/v' }],
      owner: { slack_user_id: marketer },
    });
    const res = await app.slack.command('/campaign', 'show full-brief', { userId: PEOPLE.rep.id });
    const text = blocksText(res.json.blocks);
    // The message's text is mrkdwn too (notifications, fallbacks): the name is escaped there as in the blocks.
    expect(res.json.text).toBe('Campaign brief: Full &lt;brief&gt; &amp; more (full-brief)');
    expect(res.json.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Full <brief> & more', emoji: true } });
    for (const part of ['*Goal*\nA goal', '*Audience*\nAn audience', '*Offer*\nAn offer', '*Key messages*\n• Message one\n• Message two', '*Talking points*\n• Point one',
      '*Content assets (2)*\n• <https://example.com/guide|Guide> · ebook\n• <https://example.com/v|Video>', 'Awareness', `<@${marketer}>`]) {
      expect(text).toContain(part);
    }
  });

  it('cuts a very long brief to Slack’s limits with "…"', async () => {
    const long = 'x'.repeat(3000);
    await pushBrief({
      key: 'huge',
      name: 'N'.repeat(150),
      goal: long,
      key_messages: Array.from({ length: 30 }, () => 'm'.repeat(500)),
      assets: Array.from({ length: 50 }, (_, i) => ({ title: `Asset ${i} ${'t'.repeat(190)}`, url: `https://example.com/${i}/${'p'.repeat(2000)}` })),
    });
    const res = await app.slack.command('/campaign', 'show huge', { userId: marketer });
    expect(res.status).toBe(200);
    const blocks = res.json.blocks as any[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks) if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(3000);
    expect(blocks.find((b) => b.text?.text?.startsWith('*Goal*')).text.text.endsWith('…')).toBe(true);
    expect(blocksText(blocks)).toMatch(/and \d+ more/);
  });

  it('archives a brief for its owner, keeps it readable, and drops it from the list', async () => {
    await pushBrief({ key: 'to-archive', name: 'Soon archived', owner: { slack_user_id: marketer } });
    const res = await app.slack.command('/campaign', 'archive to-archive', { userId: marketer });
    expect(res.status).toBe(200);
    expect(await laterAnswer(app, 'Archived')).toBe(
      'Archived *Soon archived* (`to-archive`). It no longer shows in `/campaign list`; leads that name it still bring its brief to their rep.',
    );
    expect((await findCampaignByKey(app.handoff.deps.db, 'to-archive'))!.status).toBe('archived');
    const list = await app.slack.command('/campaign', 'list', { userId: marketer });
    expect(blocksText(list.json.blocks)).not.toContain('Soon archived');
    const shown = await app.slack.command('/campaign', 'show to-archive', { userId: marketer });
    expect(blocksText(shown.json.blocks)).toContain('*archived*');
    const again = await app.slack.command('/campaign', 'archive to-archive', { userId: marketer });
    expect(again.json.text).toBe('`to-archive` is already archived.');
  });

  it('keeps the list within 50 blocks and says how many more there are', async () => {
    for (let i = 0; i < 55; i += 1) await pushBrief({ key: `bulk-${i}`, name: `Bulk ${i}` });
    const res = await app.slack.command('/campaign', 'list', { userId: marketer });
    const blocks = res.json.blocks as any[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    const total = Number(/Active campaign briefs \((\d+)\)/.exec(blocksText(blocks))![1]);
    expect(total).toBeGreaterThan(55);
    expect(blocksText(blocks)).toContain(`…and ${total - 45} more. \`GET /api/campaigns\` lists them all.`);
  });
});
