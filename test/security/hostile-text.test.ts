import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { heldSummaryJob } from '../../src/jobs/held-summary.ts';
import { hotleadExpiryJob } from '../../src/jobs/hotlead-expiry.ts';
import { leadSlaJob } from '../../src/jobs/lead-sla.ts';
import { ACTIONS, LEAD_BLOCKS, VIEWS } from '../../src/views/ids.ts';
import { openFormByCommand, submitForm } from '../campaigns/support.ts';
import { deliveredLead, eventually, openHome } from '../leads/support.ts';
import { writeRules } from '../mql/support.ts';
import { outboxDrained } from '../support/content-fixtures.ts';
import { MARKETING_CHANNEL, PEOPLE, SALES_CHANNEL, startTestApp, type TestApp } from '../support/harness.ts';

// Every value that comes from outside (a CRM, a marketing tool, a person typing) is text, never
// markup: a lead named like a link must not become a disguised link in a rep's DM, nor ping a
// channel or a user group. This plays every surface with such values in every field and then
// reads every mrkdwn text Handoff sent to Slack, through any method.

const EVIL_LINK = '<https://evil.example/sso|open the lead in salesforce>';
const HOSTILE = `${EVIL_LINK} <!channel> <!subteam^S0EVIL1> <@UEVIL0001> <#CEVIL0001> &lt;`;
const LEAKS = ['<https://evil', '<!channel>', '<!subteam^S0EVIL1', '<@UEVIL0001>', '<#CEVIL0001>'];

/** Every piece of mrkdwn Handoff handed Slack: message texts, mrkdwn blocks, modal and Home views, field errors. */
function sentMrkdwn(app: TestApp, acks: unknown[]): string[] {
  const texts: string[] = [];
  const walk = (node: unknown, inPlain = false): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, inPlain));
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    // plain_text is never read as markup; everything else with a text is.
    const plain = obj.type === 'plain_text';
    for (const [key, value] of Object.entries(obj)) {
      if ((key === 'text' || key === 'errors') && typeof value === 'string' && !plain) texts.push(value);
      else if (key === 'errors' && value && typeof value === 'object') texts.push(...Object.values(value as Record<string, string>));
      else walk(value, plain);
    }
  };
  for (const call of app.standIn.calls) walk(call.args);
  walk(acks);
  return texts;
}

describe('hostile text in every field reaches every surface as text', () => {
  let app: TestApp;
  const acks: unknown[] = [];
  const clock = new ManualClock(new Date('2026-11-23T10:00:00Z'));

  beforeAll(async () => {
    const rules = writeRules({ min_score: 50 });
    app = await startTestApp({ clock, env: { HANDOFF_ADMINS: PEOPLE.admin.id, MQL_RULES: rules, DIGEST_CHANNELS: 'CDIGEST001' } });
  });
  afterAll(async () => { await app.stop(); });

  it('sends no link, mention or broadcast that came from outside', async () => {
    const brief = await app.post('/webhooks/campaigns', {
      key: 'hostile-campaign',
      name: `Campaign ${HOSTILE}`,
      goal: `Goal ${HOSTILE}`,
      audience: `Audience ${HOSTILE}`,
      offer: `Offer ${HOSTILE}`,
      key_messages: [`Message ${HOSTILE}`],
      talking_points: [`Point ${HOSTILE}`],
      assets: [{ title: `Guide ${HOSTILE}`, url: 'https://example.com/guide?a=1|b>c', kind: `kind ${HOSTILE}`.slice(0, 40) }],
      owner: { slack_user_id: PEOPLE.marketer.id },
    });
    expect(brief.status).toBe(201);

    const hostileLead = {
      name: `Ada ${HOSTILE}`,
      title: `CTO ${HOSTILE}`,
      company: `Engines ${HOSTILE}`,
      campaign: 'hostile-campaign',
      stage: 'consideration',
      score: 72,
      activities: [
        { type: EVIL_LINK, content: `Guide ${HOSTILE}`, url: 'https://example.com/x|y>z', at: '2026-11-20T10:00:00Z' },
        { type: '<!channel> <@UEVIL0001>', content: HOSTILE },
      ],
      fields: { note: HOSTILE },
    };
    const rejected = await deliveredLead(app, { ...hostileLead, email: 'ada@analytical.example' });
    const hot = await deliveredLead(app, { ...hostileLead, email: 'hot@analytical.example' });
    await deliveredLead(app, { ...hostileLead, email: 'new@analytical.example', campaign: 'Unknown <!channel> <@UEVIL0001>' });
    await deliveredLead(app, { ...hostileLead, email: 'waiting@analytical.example' });
    // Held by the rules: marketing's held-lead summary and an admin's release.
    const held = await app.post('/webhooks/leads', { ...hostileLead, id: 'crm-held-hostile', email: 'held@analytical.example', score: 10, owner: { slack_user_id: PEOPLE.rep.id } });
    expect(held.json.status).toBe('held');

    // Not qualified, with a hostile comment.
    await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: ACTIONS.leadReject, channelId: rejected.channel, messageTs: rejected.ts, value: rejected.id });
    const rejectModal = await eventually(() => app.standIn.views().find((v) => v.callback_id === VIEWS.leadReject), 5000, 'the reject modal');
    acks.push((await app.slack.viewSubmission({
      userId: PEOPLE.rep.id,
      callbackId: VIEWS.leadReject,
      viewId: rejectModal.id,
      privateMetadata: rejectModal.private_metadata,
      values: {
        [LEAD_BLOCKS.rejectReason]: { [LEAD_BLOCKS.rejectReasonSelect]: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'Other' }, value: 'other' } } },
        [LEAD_BLOCKS.rejectComment]: { [LEAD_BLOCKS.rejectCommentInput]: { type: 'plain_text_input', value: `Comment ${HOSTILE}` } },
      },
    })).json);

    // Hot, and /hotlead with a hostile note; words it cannot read echoed back.
    acks.push((await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: ACTIONS.leadHot, channelId: hot.channel, messageTs: hot.ts, value: hot.id })).json);
    acks.push((await app.slack.command('/hotlead', `new@analytical.example 14d Note ${HOSTILE}`, { userId: PEOPLE.rep.id })).json);
    acks.push((await app.slack.command('/hotlead', HOSTILE, { userId: PEOPLE.rep.id })).json);
    acks.push((await app.slack.command('/hotlead', 'list', { userId: PEOPLE.rep.id })).json);
    acks.push((await app.slack.command('/campaign', `show ${HOSTILE}`, { userId: PEOPLE.marketer.id })).json);
    acks.push((await app.slack.command('/campaign', 'show hostile-campaign', { userId: PEOPLE.marketer.id })).json);
    acks.push((await app.slack.command('/campaign', 'list', { userId: PEOPLE.marketer.id })).json);
    acks.push((await app.slack.command('/handoff', HOSTILE, { userId: PEOPLE.rep.id })).json);
    acks.push((await app.slack.command('/handoff', 'mql', { userId: PEOPLE.rep.id })).json);

    // The brief's edit form, submitted with hostile text in a field that is refused.
    const { view } = await openFormByCommand(app, PEOPLE.marketer.id, 'edit hostile-campaign');
    acks.push((await submitForm(app, PEOPLE.marketer.id, view, { assets: `${HOSTILE}` })).json);
    acks.push((await submitForm(app, PEOPLE.marketer.id, view, { startsOn: '2026-12-10', endsOn: '2026-12-01' })).json);

    // A rating with a hostile comment.
    const assetId = brief.json.campaign.assets[0].id;
    await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: `${ACTIONS.rateUseful}:${assetId}`, channelId: rejected.channel, messageTs: rejected.ts });
    acks.push((await app.slack.viewSubmission({ userId: PEOPLE.rep.id, callbackId: VIEWS.ratingComment, privateMetadata: JSON.stringify({ a: assetId }), values: { rating_comment: { rating_comment_text: { type: 'plain_text_input', value: `Rating ${HOSTILE}` } } } })).json);

    // The Homes, the digest, the held-lead summary.
    await openHome(app, PEOPLE.rep.id);
    await openHome(app, PEOPLE.marketer.id);
    await openHome(app, PEOPLE.admin.id);
    acks.push((await app.slack.command('/handoff', 'digest here', { userId: PEOPLE.admin.id, channelId: 'CDIGEST001' })).json);
    clock.set(new Date('2026-11-23T17:30:00Z'));
    await heldSummaryJob().run(app.handoff.deps);
    // The unanswered lead's reminder and escalation, then the pauses' end-of-pause warnings.
    clock.set(new Date('2026-11-25T12:00:00Z'));
    await leadSlaJob.run(app.handoff.deps);
    clock.set(new Date('2026-12-22T09:00:00Z'));
    await hotleadExpiryJob.run(app.handoff.deps);
    await outboxDrained(app.handoff.deps.db);
    expect(app.standIn.messages(SALES_CHANNEL).length).toBeGreaterThan(0);

    const texts = sentMrkdwn(app, acks);
    // The walk reached every surface: the DM, marketing's notices, the Home, the modal, the digest.
    const all = texts.join('\n');
    for (const seen of ['Ada', 'Comment', 'Note', 'Campaign', 'unknown', 'Guide', 'is saved']) expect(all).toContain(seen);
    expect(app.standIn.messages(MARKETING_CHANNEL).length).toBeGreaterThan(2);
    expect(app.standIn.messages('CDIGEST001')).toHaveLength(1);

    const leaked = texts.filter((t) => LEAKS.some((l) => t.includes(l)));
    expect(leaked.map((t) => t.split('\n').filter((line) => LEAKS.some((l) => line.includes(l))).join('\n'))).toEqual([]);
  });
});
