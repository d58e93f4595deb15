import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, CAMPAIGN_BRIEF_BLOCKS as B, VIEWS } from '../../src/views/ids.ts';
import { MARKETING_CHANNEL, PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { deliveredLead, dmMessage, eventually, leadRow, readable } from './support.ts';

// Leads name their campaign as their tool does. Marketo's webhook token {{program.Name}} sends the
// program's name ("Q4 AI Readiness Webinar"; Marketo's "Tokens Overview": program tokens); a
// HubSpot UTM property sends whatever the link carried. A brief is found by key, name or alias.

describe('campaigns named the way CRMs name them', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { HANDOFF_ADMINS: PEOPLE.admin.id } });
    const brief = await app.post('/webhooks/campaigns', {
      key: 'q4-ai-webinar',
      name: 'Q4 AI Readiness Webinar',
      goal: 'Book discovery calls',
      aliases: ['utm_q4_ai', '701Dn000001ABCD'],
      owner: { slack_user_id: PEOPLE.marketer.id },
    });
    expect(brief.status).toBe(201);
    expect(brief.json.campaign.aliases).toEqual(['utm_q4_ai', '701Dn000001ABCD']);
  });
  afterAll(async () => { await app.stop(); });

  it("brings the brief to the rep whether the lead gives the brief's key, its name or an alias", async () => {
    for (const named of ['Q4 AI Readiness Webinar', 'q4_ai_webinar', 'UTM-Q4-AI', '701dn000001abcd']) {
      const lead = await deliveredLead(app, { campaign: named });
      expect([named, (await leadRow(app, lead.id))?.campaign_key]).toEqual([named, 'q4-ai-webinar']);
      expect(readable(dmMessage(app, lead))).toContain('*Goal:* Book discovery calls');
    }
    expect(app.standIn.messages(MARKETING_CHANNEL).filter((m) => m.text?.includes('no brief yet'))).toHaveLength(0);
  });

  it('offers marketing a brief with a valid key made from an unknown name, and the button opens the form with it', async () => {
    const lead = await deliveredLead(app, { campaign: 'Spring Launch: EMEA!' });
    expect((await leadRow(app, lead.id))?.campaign_key).toBe('spring-launch-emea');
    const notice = await eventually(() => app.standIn.messages(MARKETING_CHANNEL).find((m) => m.text?.includes('spring-launch-emea')), 5000, 'the notice');
    expect(notice.text).toContain('Leads are arriving for campaign `spring-launch-emea` (sent as “Spring Launch: EMEA!”), which has no brief yet');
    const button = notice.blocks!.find((b: any) => b.type === 'actions').elements[0];
    expect(button.action_id).toBe(ACTIONS.briefFromNotice);

    const before = app.standIn.okCalls('views.open').length;
    await app.slack.blockAction({ userId: PEOPLE.marketer.id, actionId: button.action_id, value: button.value, channelId: MARKETING_CHANNEL, messageTs: notice.ts });
    await app.standIn.waitFor('views.open', () => true, { count: before + 1 });
    const form = app.standIn.views().filter((v) => v.callback_id === VIEWS.campaignBrief).at(-1);
    const initial = (id: string) => form.blocks.find((b: any) => b.block_id === id)?.element?.initial_value;
    expect(initial(B.key)).toBe('spring-launch-emea');
    expect(initial(B.name)).toBe('Spring Launch: EMEA!');

    // A brief saved with that key is what the next leads find, whatever they call it.
    await app.post('/webhooks/campaigns', { key: 'spring-launch-emea', name: 'Spring Launch EMEA', goal: 'Fill the EMEA pipeline' });
    const next = await deliveredLead(app, { campaign: 'Spring Launch: EMEA!' });
    expect(readable(dmMessage(app, next))).toContain('Fill the EMEA pipeline');
  });
});
