import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/views/ids.ts';
import { MARKETING_CHANNEL, PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { buttonIds, deliveredLead, dmMessage, eventually, leadBody, leadRow, readable, seedCampaign } from './support.ts';

describe('the lead DM', () => {
  let app: TestApp;
  let assetIds: number[];
  beforeAll(async () => {
    app = await startTestApp();
    ({ assetIds } = await seedCampaign(app));
  });
  afterAll(async () => { await app.stop(); });

  it('tells the owner who the lead is, why now, what the campaign promised, how to open, and offers the answers', async () => {
    const body = leadBody();
    expect((await app.post('/webhooks/leads', body)).status).toBe(202);
    const [call] = await app.standIn.waitFor('chat.postMessage', (c) => JSON.stringify(c.args.blocks ?? []).includes(body.id));
    const row = await eventually(async () => {
      const r = await leadRow(app, body.id);
      return r?.delivery === 'delivered' ? r : undefined;
    });
    const dm = dmMessage(app, { channel: row.dm_channel!, ts: row.dm_ts! });
    expect(dm).toBeDefined();
    expect(row.dm_channel).toBe(app.standIn.dmChannelFor(PEOPLE.rep.id));
    expect(call.args.text).toBe('New lead: Ada Lovelace (CTO, Analytical Engines) from Q4 AI Readiness Webinar');

    const text = readable(dm);
    // The first screen: who, the stage in words, why now (the newest two activities), the
    // campaign's offer, then the answers, before anything else.
    expect(dm!.blocks![0]).toMatchObject({ type: 'section' });
    expect((dm!.blocks![0] as any).text.text).toBe([
      '*Ada Lovelace* · CTO at *Analytical Engines*',
      '✉️ ada@analytical.example',
      'Comparing options (consideration) · score 72',
      '• Downloaded <https://example.com/guide|“AI Buyer\'s Guide”> — Nov 20',
      '• Registered <https://example.com/webinar|“Q4 AI Readiness Webinar”> — Nov 18',
      'From *Q4 AI Readiness Webinar* · offer: Free AI readiness assessment',
    ].join('\n'));
    expect(dm!.blocks![1]).toMatchObject({ type: 'actions', block_id: 'lead_answer' });
    // No self-mention, no jargon, the email once.
    expect(text).not.toContain(`<@${PEOPLE.rep.id}>`);
    expect(text).not.toContain('Why it qualifies');
    expect(text.split('ada@analytical.example')).toHaveLength(2);
    // Below the buttons: the opener, the rest of the brief, the content to rate.
    expect(text).toContain('*Say this first*');
    expect(text).toContain('Hi Ada, saw you\'ve been digging into “AI Buyer\'s Guide”.');
    expect(text).toContain('*The campaign: Q4 AI Readiness Webinar*');
    expect(text).toContain('*Goal:* Book discovery calls with data leaders evaluating AI platforms');
    expect(text).toContain('• Ship models to production in weeks, not quarters');
    expect(text).toContain('• Ask which pilot stalled and why');
    expect(text).toContain("<https://example.com/guide|AI Buyer's Guide> _(ebook)_");
    expect(text).toContain('<https://example.com/roi|ROI Calculator> _(tool)_');
    expect(text.split('Free AI readiness assessment').length).toBeLessThanOrEqual(3);
    // the answers first, then a rating pair per asset
    expect(buttonIds(dm)).toEqual([
      ACTIONS.leadAccept, ACTIONS.leadHot, ACTIONS.leadReject,
      `${ACTIONS.rateUseful}:${assetIds[0]}`, `${ACTIONS.rateNotUseful}:${assetIds[0]}`,
      `${ACTIONS.rateUseful}:${assetIds[1]}`, `${ACTIONS.rateNotUseful}:${assetIds[1]}`,
    ]);
    const answerButtons = dm!.blocks!.find((b: any) => b.block_id === 'lead_answer')!.elements;
    expect(answerButtons.map((b: any) => [b.text.text, b.value])).toEqual([
      ['Accept', body.id], ['🔥 Hot — pause emails', body.id], ['Not qualified', body.id],
    ]);
  });

  it('records where the DM landed and a delivered event in the timeline', async () => {
    const lead = await deliveredLead(app);
    const row = await leadRow(app, lead.id);
    expect(row).toMatchObject({ delivery: 'delivered', delivered_at: app.clock.now().toISOString(), dm_channel: lead.channel, dm_ts: lead.ts });
    const res = await app.get(`/api/leads/${lead.id}`);
    expect(res.json.timeline.map((e: { type: string }) => e.type)).toEqual(['received', 'delivered']);
    expect(res.json.timeline[1].detail).toEqual({ channel: lead.channel, ts: lead.ts });
  });

  it('hands a lead from an unknown campaign over anyway, says it has no brief yet, and tells marketing once per key', async () => {
    const first = await deliveredLead(app, { campaign: 'Spring-Launch' });
    const second = await deliveredLead(app, { campaign: 'spring-launch', name: 'Grace Hopper' });
    for (const lead of [first, second]) {
      const text = readable(dmMessage(app, lead));
      expect(text).toContain('Campaign `spring-launch` has no brief yet — marketing has been told');
      expect(buttonIds(dmMessage(app, lead))).toEqual([ACTIONS.leadAccept, ACTIONS.leadHot, ACTIONS.leadReject]);
    }
    const notices = await eventually(() => {
      const found = app.standIn.messages(MARKETING_CHANNEL).filter((m) => m.text?.includes('spring-launch'));
      return found.length > 0 ? found : undefined;
    });
    expect(notices).toHaveLength(1);
    expect(notices[0].text).toContain('Leads are arriving for campaign `spring-launch`, which has no brief yet (first: *Ada Lovelace (CTO, Analytical Engines)*)');
    const rows = await app.handoff.deps.db.selectFrom('outbox').select('id').where('dedupe_key', '=', 'lead-unknown-campaign:spring-launch').execute();
    expect(rows).toHaveLength(1);
  });

  it('keeps a lead with huge inputs within Slack\'s limits, cutting long text with "…"', async () => {
    await seedCampaign(app, 'huge', Array.from({ length: 40 }, (_, i) => ({ title: `Asset ${i} ${'word '.repeat(38)}`, url: `https://example.com/a/${i}`, kind: 'pdf' })));
    const lead = await deliveredLead(app, {
      campaign: 'huge',
      name: 'Very '.repeat(90) + 'Long',
      title: 'Chief '.repeat(80),
      company: 'Company <script>&'.repeat(20),
      activities: Array.from({ length: 500 }, (_, i) => ({ type: 'visited', content: `Page ${i} ${'x'.repeat(900)}`, url: `https://example.com/p/${i}`, at: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString() })),
    });
    const dm = dmMessage(app, lead)!;
    expect(dm.blocks!.length).toBeLessThanOrEqual(50);
    const first = (dm.blocks![0] as any).text.text as string;
    expect(first.length).toBeLessThanOrEqual(3000);
    // The name is cut at 300 characters, the rest of the first screen still shows.
    expect(first.split('\n')[0]).toMatch(/^\*(Very )+V?e?r?y?…\*/);
    expect(first).toContain('_…and 498 earlier_');
    expect(dm.blocks![1]).toMatchObject({ type: 'actions' });
    const text = readable(dm);
    expect(text).toContain('Company &lt;script&gt;&amp;');
    // Every text is mrkdwn, escaped.
    const mrkdwnTexts = JSON.stringify(dm.blocks!) + dm.text;
    expect(mrkdwnTexts).not.toContain('<script>');
    expect(text).toMatch(/more in the campaign brief/);
    expect(buttonIds(dm)).toContain(ACTIONS.leadAccept);
  });

  it('arrives once when the same lead is sent five times at once, and again later', async () => {
    const body = leadBody({ name: 'Five Times', owner: { slack_user_id: PEOPLE.rep2.id } });
    const answers = await Promise.all(Array.from({ length: 5 }, () => app.post('/webhooks/leads', body)));
    expect(answers.map((a) => a.json.status).filter((s) => s === 'accepted')).toHaveLength(1);
    await eventually(async () => (await leadRow(app, body.id))?.delivery === 'delivered', 8000, 'the DM');
    expect((await app.post('/webhooks/leads', body)).json.status).toBe('duplicate');
    const channel = app.standIn.dmChannelFor(PEOPLE.rep2.id);
    expect(app.standIn.messages(channel).filter((m) => m.text?.includes('Five Times'))).toHaveLength(1);
    expect(app.standIn.okCalls('chat.postMessage').filter((c) => String(c.args.text).includes('Five Times'))).toHaveLength(1);
  });

  it('is delivered once after Slack answers the first post with 429', async () => {
    const before = app.standIn.callsTo('chat.postMessage').length;
    app.standIn.addFault({ method: 'chat.postMessage', fault: { kind: 'rate_limited', retryAfterSec: 1 }, times: 1, match: (a) => String(a.text).includes('Rate Limited') });
    const lead = await deliveredLead(app, { name: 'Rate Limited' });
    const posts = app.standIn.callsTo('chat.postMessage').slice(before).filter((c) => String(c.args.text).includes('Rate Limited'));
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    expect(app.standIn.messages(lead.channel).filter((m) => m.text?.includes('Rate Limited'))).toHaveLength(1);
  });
});
