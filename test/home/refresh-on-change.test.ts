import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/views/ids.ts';
import { encodeRatingValue } from '../../src/views/rating-buttons.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { leadBody, openHome, readable, seedCampaign } from '../leads/support.ts';

let app: TestApp | undefined;
afterEach(async () => { await app?.stop(); app = undefined; });

const publishedTo = (a: TestApp, userId: string, text: RegExp | string) =>
  a.standIn.waitFor('views.publish', (c) => c.args.user_id === userId && (typeof text === 'string' ? readable(c.args.view).includes(text) : text.test(readable(c.args.view))));

// Nobody re-opens the tab to see a change: the Home on screen follows what happens, not only clicks on it.
describe('the App Home follows changes it did not ask for', () => {
  it("shows a rep a new lead as soon as its DM is delivered", async () => {
    app = await startTestApp();
    await openHome(app, PEOPLE.rep.id);
    const res = await app.post('/webhooks/leads', leadBody({ name: 'Radia Perlman', owner: { slack_user_id: PEOPLE.rep.id } }));
    expect(res.status).toBe(202);
    const [call] = await publishedTo(app, PEOPLE.rep.id, 'Radia Perlman');
    expect(readable(call.args.view)).toContain('Waiting for your answer (1)');
  });

  it("shows a brief's owner a rating of its content, and a brief saved through the webhook", async () => {
    app = await startTestApp();
    await openHome(app, PEOPLE.marketer.id);
    const { assetIds } = await seedCampaign(app);
    await publishedTo(app, PEOPLE.marketer.id, 'Q4 AI Readiness Webinar');
    const body = leadBody({ owner: { slack_user_id: PEOPLE.rep.id } });
    expect((await app.post('/webhooks/leads', body)).status).toBe(202);
    await app.standIn.waitFor('chat.postMessage', (c) => JSON.stringify(c.args.blocks ?? '').includes(`rate_useful:${assetIds[0]}`));
    const rated = await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: `${ACTIONS.rateUseful}:${assetIds[0]}`, value: encodeRatingValue({ assetId: assetIds[0], leadId: body.id }) });
    expect(rated.status).toBe(200);
    await publishedTo(app, PEOPLE.marketer.id, /AI Buyer's Guide.*: 👍 1 · 👎 0/);
  });

  it('leaves alone the Home of someone who has not opened it (Slack allows ~100 publishes a minute)', async () => {
    app = await startTestApp();
    await openHome(app, PEOPLE.marketer.id);
    const body = leadBody({ name: 'Radia Perlman', owner: { slack_user_id: PEOPLE.rep.id } });
    expect((await app.post('/webhooks/leads', body)).status).toBe(202);
    await app.standIn.waitFor('chat.postMessage');
    await seedCampaign(app);
    // The marketer's Home follows the brief they saved; by then the rep's refresh would have gone too.
    await publishedTo(app, PEOPLE.marketer.id, 'Q4 AI Readiness Webinar');
    await new Promise((r) => setTimeout(r, 400));
    expect(app.standIn.okCalls('views.publish').filter((c) => c.args.user_id === PEOPLE.rep.id)).toEqual([]);
    const res = await app.slack.event({ type: 'app_home_opened', user: PEOPLE.rep.id, channel: 'D0HOME', tab: 'home', event_ts: '1.2' }, { eventId: 'EvOPENS' });
    expect(res.status).toBe(200);
    const [call] = await publishedTo(app, PEOPLE.rep.id, 'Radia Perlman');
    expect(readable(call.args.view)).toContain('Waiting for your answer (1)');
  });
});
