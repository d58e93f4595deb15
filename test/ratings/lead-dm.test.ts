import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { leadBody, seedCampaign } from '../leads/support.ts';

const DM = 'DREP00001';

describe('rating content from a real lead DM', () => {
  let app: TestApp;
  let assetIds: number[];
  let leadId: string;
  let dm: { ts: string; blocks?: any[] };

  beforeAll(async () => {
    app = await startTestApp();
    ({ assetIds } = await seedCampaign(app));
    const lead = leadBody();
    leadId = lead.id;
    expect((await app.post('/webhooks/leads', lead)).status).toBe(202);
    await app.standIn.waitFor('chat.postMessage', (c) => c.args.channel === PEOPLE.rep.id || c.args.channel === DM);
    dm = app.standIn.messages(DM)[0];
  });
  afterAll(() => app.stop());

  async function clickInDm(userId: string, actionId: string) {
    const before = app.standIn.okCalls('response_url').length;
    await app.slack.blockAction({ userId, actionId, channelId: DM, messageTs: dm.ts });
    return (await app.standIn.waitFor('response_url', () => true, { count: before + 1 }))[before].args;
  }

  it('stores the rating with the lead it came from and answers with the tally', async () => {
    const reply = await clickInDm(PEOPLE.rep.id, `rate_useful:${assetIds[0]}`);
    expect(reply.text).toBe("You rated *AI Buyer's Guide* useful — 1 👍 · 0 👎 so far");
    const row = await app.handoff.deps.db.selectFrom('content_ratings').selectAll().where('asset_id', '=', assetIds[0]).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_id: PEOPLE.rep.id, lead_id: leadId, verdict: 'useful' });
  });

  it('keeps the ratings when marketing sends the brief again with the same links', async () => {
    await seedCampaign(app);
    const content = await app.get('/api/content?campaign=q4-ai-webinar');
    expect(content.json.assets.map((a: any) => [a.title, a.useful, a.not_useful])).toEqual([
      ["AI Buyer's Guide", 1, 0],
      ['ROI Calculator', 0, 0],
    ]);
  });

  it('refuses ratings once the campaign is archived, and keeps the earlier ones', async () => {
    const archived = await app.post('/webhooks/campaigns', { key: 'q4-ai-webinar', name: 'Q4 AI Readiness Webinar', status: 'archived' });
    expect(archived.status).toBe(200);
    const reply = await clickInDm(PEOPLE.rep.id, `rate_not_useful:${assetIds[0]}`);
    expect(reply.text).toContain('this campaign is archived');
    const rows = await app.handoff.deps.db.selectFrom('content_ratings').select('verdict').where('asset_id', '=', assetIds[0]).execute();
    expect(rows).toEqual([{ verdict: 'useful' }]);
  });
});
