import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { digestJob } from '../../src/jobs/digest.ts';
import { checkBlocks } from '../../src/standin/block-limits.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { leadRow, seedCampaign, seedLeads } from '../support/content-fixtures.ts';

const CHANNELS = ['CDIGEST001', 'CDIGEST002'];
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/;

const h = (iso: string) => `2026-11-${iso}:00.000Z`;
const answered = (day: string, delivered: string, answeredAt: string) => ({ delivered_at: h(`${day}T${delivered}`), answered_at: h(answeredAt), answered_by: PEOPLE.rep.id });

describe('the weekly digest of a seeded week', () => {
  let app: TestApp;
  let clock: ManualClock;
  let payload: any;
  let text: string;
  let newAssets: number[];

  beforeAll(async () => {
    clock = new ManualClock('2026-11-19T12:00:00Z');
    app = await startTestApp({ clock, env: { DIGEST_CHANNELS: CHANNELS.join(',') } });
    const db = app.handoff.deps.db;
    const q4 = await seedCampaign(db, { key: 'q4-ai-webinar', name: 'Q4 AI Readiness Webinar', assets: [{ title: 'AI Buyer Guide' }, { title: 'ROI Calculator' }, { title: 'Analyst Report', createdAt: h('18T10:00') }] });
    const sec = await seedCampaign(db, { key: 'security-summit', name: 'Security Summit', assets: [{ title: 'Threat Brief', createdAt: h('19T10:00') }] });
    await seedCampaign(db, { key: 'q1-launch', name: 'Q1 Launch', startsOn: '2026-11-30' });
    await seedCampaign(db, { key: 'far-future', name: 'Far Future', startsOn: '2027-01-15' });
    await seedCampaign(db, { key: 'old-promo', name: 'Old Promo', startsOn: '2026-11-25', status: 'archived' });
    newAssets = [q4.assets[2].id, sec.assets[0].id];

    const received = (day: string) => h(`${day}T08:00`);
    await seedLeads(db, [
      leadRow({ received_at: received('17'), campaign_key: 'q4-ai-webinar', status: 'accepted', ...answered('17', '10:00', '17T10:30') }),
      leadRow({ received_at: received('17'), campaign_key: 'q4-ai-webinar', status: 'accepted', ...answered('17', '11:00', '17T13:00') }),
      leadRow({ received_at: received('18'), campaign_key: 'q4-ai-webinar', status: 'accepted', ...answered('18', '09:00', '19T15:00') }),
      leadRow({ received_at: received('18'), campaign_key: 'q4-ai-webinar', status: 'rejected', reject_reason: 'bad_fit', score: 52, stage: 'decision', ...answered('18', '10:00', '18T10:20') }),
      leadRow({ received_at: received('19'), campaign_key: 'q4-ai-webinar', status: 'rejected', reject_reason: 'no_budget', stage: 'awareness', ...answered('19', '10:00', '19T12:00') }),
      leadRow({ received_at: received('20'), campaign_key: 'q4-ai-webinar', status: 'hot', stage: 'decision', ...answered('20', '10:00', '20T12:00') }),
      leadRow({ received_at: received('20'), campaign_key: 'security-summit', status: 'rejected', reject_reason: 'bad_fit', score: 58, ...answered('20', '09:00', '20T09:10') }),
      leadRow({ received_at: received('20'), campaign_key: 'security-summit', status: 'rejected', reject_reason: 'bad_fit', score: 55, ...answered('20', '09:00', '20T10:00') }),
      leadRow({ received_at: received('21'), campaign_key: 'security-summit', status: 'new', stage: 'decision', delivered_at: h('21T10:00'), name: 'Ada Lovelace', company: 'Analytical Engines', email: 'ada@analytical.example' }),
      leadRow({ received_at: received('21'), campaign_key: 'security-summit', status: 'held', delivery: 'not_sent', delivered_at: null }),
      leadRow({ received_at: received('21'), status: 'rejected', reject_reason: 'too_early', score: null, ...answered('21', '09:00', '21T09:40') }),
      leadRow({ received_at: received('22'), status: 'new', delivered_at: h('22T08:00'), name: 'grace@navy.example', company: 'US Navy', owner_slack_id: null, delivery: 'awaiting_owner' }),
      leadRow({ received_at: h('23T07:55'), status: 'new', delivered_at: h('23T08:00') }),
      // Outside the week: before it began.
      leadRow({ received_at: h('10T08:00'), campaign_key: 'q4-ai-webinar', status: 'accepted', ...answered('10', '09:00', '10T09:05') }),
      leadRow({ received_at: h('16T08:59'), campaign_key: 'q4-ai-webinar', status: 'new' }),
    ]);

    // Ratings and comments go through the buttons and the modal, on days inside the week.
    const [guide, calculator] = q4.assets;
    const rate = async (userId: string, action: string, assetId: number) => {
      const before = app.standIn.okCalls('response_url').length;
      await app.slack.blockAction({ userId, actionId: `${action}:${assetId}`, value: JSON.stringify({ a: assetId }), channelId: CHANNELS[0] });
      await app.standIn.waitFor('response_url', () => true, { count: before + 1 });
    };
    const comment = (userId: string, assetId: number, value: string) =>
      app.slack.viewSubmission({ userId, callbackId: 'rating_comment_modal', privateMetadata: JSON.stringify({ a: assetId }), values: { rating_comment: { rating_comment_text: { type: 'plain_text_input', value } } } });
    clock.set(h('10T12:00'));
    await rate(PEOPLE.stranger.id, 'rate_not_useful', guide.id); // last week's: outside the digest
    clock.set(h('19T12:00'));
    await rate(PEOPLE.rep.id, 'rate_useful', guide.id);
    await comment(PEOPLE.rep.id, guide.id, 'Prospects quoted page 4 back to me.');
    await rate(PEOPLE.rep2.id, 'rate_useful', guide.id);
    await rate(PEOPLE.admin.id, 'rate_useful', guide.id);
    await rate(PEOPLE.marketer.id, 'rate_not_useful', guide.id);
    clock.set(h('20T12:00'));
    await comment(PEOPLE.marketer.id, guide.id, 'Too long; mail me at morgan@yourco.example');
    await rate(PEOPLE.rep.id, 'rate_not_useful', calculator.id);
    await comment(PEOPLE.rep.id, calculator.id, 'Numbers look made up.');
    await rate(PEOPLE.rep2.id, 'rate_not_useful', calculator.id);

    clock.set('2026-11-23T09:00:00Z');
    await digestJob(app.handoff.deps).run(app.handoff.deps);
    const rows = await db.selectFrom('outbox').selectAll().where('kind', '=', 'slack.post').orderBy('id').execute();
    expect(rows.map((r) => [r.target, r.dedupe_key])).toEqual(CHANNELS.map((c) => [c, `digest:${c}:2026-W48`]));
    const [posted] = await app.standIn.waitFor('chat.postMessage', (c) => c.args.channel === CHANNELS[0]);
    await app.standIn.waitFor('chat.postMessage', (c) => c.args.channel === CHANNELS[1]);
    payload = { ...app.standIn.messages(CHANNELS[0])[0], channel: posted.args.channel };
    if (process.env.DUMP_DIGEST) console.log(JSON.stringify(payload, null, 1));
    text = payload.blocks.map((b: any) => b.text?.text ?? b.elements?.map((e: any) => e.text?.text ?? e.text).join(' ') ?? '').join('\n');
  });
  afterAll(() => app.stop());

  it('reaches each digest channel once, opening with a header naming the week, within Slack’s limits', () => {
    expect(CHANNELS.map((c) => app.standIn.messages(c).length)).toEqual([1, 1]);
    expect(payload.channel).toBe(CHANNELS[0]);
    expect(payload.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '📬 Handoff weekly digest · Mon 16 Nov – Mon 23 Nov' } });
    expect(payload.blocks.length).toBeLessThanOrEqual(50);
    expect(checkBlocks(payload.blocks, 'message')).toBeNull();
    expect(payload.text).toBe('Handoff weekly digest (Mon 16 Nov – Mon 23 Nov): 12 leads handed over · 3 accepted · 5 rejected · 1 hot · 2 unanswered past SLA');
  });

  it('counts the week’s leads in an aligned table, leaving out leads from before the week', () => {
    expect(text).toContain([
      'Handed over to reps   12',
      'Accepted               3',
      'Rejected               5',
      'Hot (emails paused)    1',
      'Still waiting          3',
      '  of which past SLA    2',
      'Held (not qualified)   1',
    ].join('\n'));
  });

  it('reports speed to lead, and each reason for rejecting beside the scores of the leads it hit', () => {
    expect(text).toContain('*Speed to lead:* *64%* answered within SLA (7 of 11) · median time to answer *1 h*');
    expect(text).toContain([
      '*Why reps rejected leads*, against the lead definition (`/handoff mql`):',
      '• 3 of 12 leads rejected as bad fit — all scored 52–58',
      '• 1 of 12 leads rejected as no budget — it scored 70',
      '• 1 of 12 leads rejected as too early — none had a score',
    ].join('\n'));
  });

  it('names unanswered leads past their SLA by name and company with their owner, never by email', () => {
    expect(text).toContain('*Unanswered past SLA: 2*');
    expect(text).toMatch(/• \*Ada Lovelace, Analytical Engines\* — <@UREP00001> · waiting 47 h/);
    expect(text).toContain('• *[email hidden], US Navy* — _no owner in Slack_ · waiting 25 h');
    expect(JSON.stringify(payload)).not.toMatch(EMAIL);
  });

  it('shows a row per campaign', () => {
    expect(text).toMatch(/Campaign\s+Handed\s+Acc\s+Rej\s+Hot\s+Held\n/);
    expect(text).toMatch(/Q4 AI Readiness Webinar\s+6\s+3\s+2\s+1\s+0\n/);
    expect(text).toMatch(/Security Summit\s+3\s+0\s+2\s+0\s+1\n/);
    expect(text).toMatch(/\(no campaign\)\s+3\s+0\s+1\s+0\s+0\n/);
  });

  it('shows the best and worst rated content of the week with counts and latest comments', () => {
    expect(text).toContain('(6 ratings on 2 assets)');
    expect(text).toContain('👍 *AI Buyer Guide* · `q4-ai-webinar` — 3 👍 · 1 👎');
    expect(text).toContain('>“Too long; mail me at [email hidden]” — <@UMKT00001>, Fri 20 Nov');
    expect(text).toContain('>“Prospects quoted page 4 back to me.” — <@UREP00001>, Thu 19 Nov');
    expect(text).toContain('👎 *ROI Calculator* · `q4-ai-webinar` — 0 👍 · 2 👎');
    expect(text).toContain('>“Numbers look made up.” — <@UREP00001>, Fri 20 Nov');
  });

  it('lists active campaigns starting in the next 14 days only', () => {
    expect(text).toContain('• *Q1 Launch* (`q1-launch`) — starts Mon 30 Nov');
    expect(text).not.toContain('Far Future');
    expect(text).not.toContain('Old Promo');
  });

  it('asks reps to rate this week’s new content with rating buttons', () => {
    expect(text).toContain("*Rate this week's new content*");
    const actionIds = payload.blocks.filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements.map((e: any) => e.action_id));
    expect(actionIds).toEqual(newAssets.flatMap((id) => [`rate_useful:${id}`, `rate_not_useful:${id}`, `rate_comment:${id}`]));
    expect(text).toContain('*Analyst Report* · Q4 AI Readiness Webinar');
    expect(text).toContain('*Threat Brief* · Security Summit');
  });
});
