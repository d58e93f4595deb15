import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { findCampaignByKey } from '../../src/domain/campaigns/queries.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { createBriefInSlack, laterAnswer, openFormByCommand, submitForm } from './support.ts';

describe('a brief edited while leads reference it', () => {
  let app: TestApp;
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  const marketer = PEOPLE.marketer.id;

  const insertLead = (id: string, campaignKey: string) =>
    app.handoff.deps.db
      .insertInto('leads')
      .values({
        id,
        email: `${id}@analytical.example`,
        email_lower: `${id}@analytical.example`,
        name: 'Ada Lovelace',
        title: 'CTO',
        company: 'Analytical Engines',
        owner_email: PEOPLE.rep.email,
        owner_slack_id: PEOPLE.rep.id,
        campaign_key: campaignKey,
        stage: 'consideration',
        score: 72,
        activities: '[]',
        fields: '{}',
        status: 'new',
        delivery: 'delivered',
        qualification: null,
        received_at: clock.now().toISOString(),
        delivered_at: null,
        answered_at: null,
        answered_by: null,
        reject_reason: null,
        reject_comment: null,
        reminded_at: null,
        escalated_at: null,
        dm_channel: null,
        dm_ts: null,
        updated_at: clock.now().toISOString(),
      })
      .execute();

  const briefOfLead = async (leadId: string) => {
    const lead = await app.handoff.deps.db.selectFrom('leads').select('campaign_key').where('id', '=', leadId).executeTakeFirstOrThrow();
    return findCampaignByKey(app.handoff.deps.db, lead.campaign_key!);
  };

  beforeAll(async () => {
    app = await startTestApp({ clock });
  });
  afterAll(() => app.stop());

  it('still resolves each lead to the updated brief, edited in Slack, through the intake and archived', async () => {
    await createBriefInSlack(app, marketer, {
      key: 'q4-ai-webinar',
      name: 'Q4 AI Webinar',
      goal: 'Old goal',
      assets: 'Guide | https://example.com/guide | ebook\nDeck | https://example.com/deck',
    });
    const original = (await findCampaignByKey(app.handoff.deps.db, 'q4-ai-webinar'))!;
    await insertLead('crm-00Q5e00001', 'q4-ai-webinar');

    clock.advance(60_000);
    const { view } = await openFormByCommand(app, marketer, 'edit q4-ai-webinar');
    const res = await submitForm(app, marketer, view, {
      goal: 'New goal',
      offer: 'Free assessment',
      assets: 'Guide, 2nd edition | https://example.com/guide | ebook\nCase study | https://example.com/case',
    });
    expect(res.json.response_action).toBe('update');

    const edited = (await briefOfLead('crm-00Q5e00001'))!;
    expect(edited).toMatchObject({ id: original.id, key: 'q4-ai-webinar', goal: 'New goal', offer: 'Free assessment' });
    expect(edited.assets.map((a) => a.title)).toEqual(['Guide, 2nd edition', 'Case study']);
    // The rating buttons in the lead's DM point at asset ids: the kept asset's id did not change.
    expect(edited.assets[0].id).toBe(original.assets[0].id);

    await insertLead('crm-00Q5e00002', 'q4-ai-webinar');
    await app.post('/webhooks/campaigns', { key: 'q4-ai-webinar', name: 'Q4 AI Webinar (extended)', ends_on: '2027-01-31' });
    for (const leadId of ['crm-00Q5e00001', 'crm-00Q5e00002']) {
      expect(await briefOfLead(leadId)).toMatchObject({ id: original.id, name: 'Q4 AI Webinar (extended)', goal: 'New goal', ends_on: '2027-01-31' });
    }

    await app.slack.command('/campaign', 'archive q4-ai-webinar', { userId: marketer });
    await laterAnswer(app, 'Archived');
    expect(await briefOfLead('crm-00Q5e00001')).toMatchObject({ id: original.id, status: 'archived', goal: 'New goal' });
  });
});
