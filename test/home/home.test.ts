import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { ACTIONS } from '../../src/views/ids.ts';
import { encodeRatingValue } from '../../src/views/rating-buttons.ts';
import { HOME_TEXT } from '../../src/views/home.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { eventually, leadBody, openHome, readable, seedCampaign } from '../leads/support.ts';

let app: TestApp | undefined;
afterEach(async () => { await app?.stop(); app = undefined; });

async function sendLead(a: TestApp, overrides: Record<string, unknown>): Promise<string> {
  const body = leadBody({ owner: { slack_user_id: PEOPLE.rep.id }, ...overrides });
  const res = await a.post('/webhooks/leads', body);
  expect(res.status).toBe(202);
  return body.id;
}

function buttonsIn(view: any): string[] {
  return view.blocks.filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements.map((e: any) => e.action_id));
}

describe('the App Home', () => {
  it('shows a rep their unanswered leads first, oldest first, with time left and the DM buttons', async () => {
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    app = await startTestApp({ clock });
    await sendLead(app, { name: 'Grace Hopper', stage: 'decision' });
    // The rep's time runs from the DM's arrival: let it arrive before ten minutes pass.
    const db = app.handoff.deps.db;
    await eventually(async () => (await db.selectFrom('leads').select('delivery').executeTakeFirst())?.delivery === 'delivered', 5000, 'the DM delivered');
    clock.advance(10 * 60_000);
    await sendLead(app, { name: 'Ada Lovelace', stage: 'consideration' });
    const view = await openHome(app, PEOPLE.rep.id);
    const text = readable(view);
    expect(view.blocks[0].text.text).toBe('Waiting for your answer (2)');
    expect(text.indexOf('Grace Hopper')).toBeLessThan(text.indexOf('Ada Lovelace'));
    expect(text).toContain('50 min left to answer');
    expect(text).toContain('24 h left to answer');
    expect(buttonsIn(view).filter((id) => id === ACTIONS.leadAccept)).toHaveLength(2);
    expect(buttonsIn(view)).toEqual(expect.arrayContaining([ACTIONS.leadHot, ACTIONS.leadReject]));
    expect(text).toContain('How to use Handoff');
  });

  it('says when a lead is past its SLA, and lists accepted leads of the last 14 days', async () => {
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    app = await startTestApp({ clock });
    const accepted = await sendLead(app, { name: 'Katherine Johnson' });
    await sendLead(app, { name: 'Dorothy Vaughan', stage: 'decision' });
    const db = app.handoff.deps.db;
    await eventually(async () => (await db.selectFrom('leads').select('id').where('delivery', '=', 'delivered').execute()).length === 2, 5000, 'both DMs delivered');
    await openHome(app, PEOPLE.rep.id);
    const res = await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: ACTIONS.leadAccept, value: accepted });
    expect(res.status).toBe(200);
    // The accept refreshes the Home; let that land before the clock moves.
    await app.standIn.waitFor('views.publish', (c) => c.args.user_id === PEOPLE.rep.id, { count: 2 });
    clock.advance(2 * 3_600_000);
    const view = await openHome(app, PEOPLE.rep.id);
    const text = readable(view);
    expect(text).toContain('Waiting for your answer (1)');
    expect(text).toMatch(/Dorothy Vaughan[\s\S]*past the SLA/);
    expect(text).toContain('Accepted in the last 14 days (1)');
    const row = view.blocks.find((b: any) => b.type === 'section' && b.text.text.includes('Katherine Johnson'));
    expect(row.accessory).toMatchObject({ action_id: ACTIONS.leadHot, value: accepted });

    // An accepted lead can still turn hot from the Home, as from its DM.
    const hot = await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: ACTIONS.leadHot, value: accepted, view: { id: 'VHOME0001', type: 'home', blocks: [], private_metadata: '', callback_id: '', hash: '1.a' } });
    expect(hot.status).toBe(200);
    await eventually(async () => (await db.selectFrom('leads').select('status').where('id', '=', accepted).executeTakeFirst())?.status === 'hot', 5000, 'the lead to turn hot');
  });

  it("lists a rep's hot leads with the last day their emails stay paused", async () => {
    app = await startTestApp();
    await sendLead(app, { name: 'Ada Lovelace', email: 'ada@analytical.example' });
    const res = await app.slack.command('/hotlead', 'ada@analytical.example', { userId: PEOPLE.rep.id });
    expect(res.status).toBe(200);
    const view = await openHome(app, PEOPLE.rep.id);
    const text = readable(view);
    expect(text).toContain('Your hot leads');
    expect(text).toContain('🔥 Ada Lovelace (ada@analytical.example) — emails paused through Wed 23 Dec 2026');
  });

  it('tells a rep with no leads that nothing is waiting', async () => {
    app = await startTestApp();
    const view = await openHome(app, PEOPLE.rep2.id);
    expect(readable(view)).toContain(HOME_TEXT.noOpenLeads);
    expect(readable(view)).not.toContain('Your campaigns');
  });

  it("shows a marketer their campaigns with this week's leads counted by where each is, top rejection and asset ratings", async () => {
    app = await startTestApp();
    const { assetIds } = await seedCampaign(app);
    const first = await sendLead(app, { campaign: 'q4-ai-webinar' });
    const second = await sendLead(app, { campaign: 'q4-ai-webinar' });
    await app.handoff.deps.db.updateTable('leads').set({ status: 'accepted', answered_at: '2026-11-23T10:05:00.000Z' }).where('id', '=', first).execute();
    await app.handoff.deps.db.updateTable('leads').set({ status: 'rejected', answered_at: '2026-11-23T10:06:00.000Z', reject_reason: 'too_early' }).where('id', '=', second).execute();
    await app.standIn.waitFor('chat.postMessage', (c) => JSON.stringify(c.args.blocks ?? '').includes(`rate_useful:${assetIds[0]}`));
    const rated = await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: `${ACTIONS.rateUseful}:${assetIds[0]}`, value: encodeRatingValue({ assetId: assetIds[0], leadId: first }) });
    expect(rated.status).toBe(200);
    await eventually(async () => (await app!.handoff.deps.db.selectFrom('content_ratings').select('id').execute()).length === 1, 5000, 'the rating');
    const view = await openHome(app, PEOPLE.marketer.id);
    const text = readable(view);
    expect(text).toContain('Your campaigns');
    expect(text).toMatch(/AI Buyer's Guide.*: 👍 1 · 👎 0/);
    expect(text).toContain('Q4 AI Readiness Webinar');
    expect(text).toContain('2 leads this week · 1 accepted · 1 not qualified');
    expect(text).toMatch(/top rejection: too early \(1\)/i);
    expect(buttonsIn(view)).toContain(ACTIONS.homeNewBrief);
  });

  it('never counts a hot lead as accepted, and says how many still wait', async () => {
    app = await startTestApp();
    await seedCampaign(app);
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push(await sendLead(app, { campaign: 'q4-ai-webinar' }));
    await app.handoff.deps.db.updateTable('leads').set({ status: 'hot', answered_at: '2026-11-23T10:05:00.000Z' }).where('id', '=', ids[0]).execute();
    const text = readable(await openHome(app, PEOPLE.marketer.id));
    expect(text).toContain('3 leads this week · 0 accepted · 1 hot · 2 waiting for an answer');
    expect(text).not.toContain('%');
  });

  it('shows system health to admins only when HANDOFF_ADMINS names them', async () => {
    app = await startTestApp({ env: { HANDOFF_ADMINS: PEOPLE.admin.id, DIGEST_CHANNELS: 'CDIGEST001' } });
    const adminView = readable(await openHome(app, PEOPLE.admin.id));
    expect(adminView).toContain('System health');
    expect(adminView).toMatch(/Outbox:\* \d+ waiting/);
    expect(adminView).toContain('Failed deliveries (24 h):* 0');
    expect(adminView).toContain('Last digest:* <#CDIGEST001>: not yet');
    const repView = readable(await openHome(app, PEOPLE.rep.id));
    expect(repView).not.toContain('System health');
  });

  it('stays within 100 blocks however many leads and campaigns there are', async () => {
    app = await startTestApp();
    const leads = Array.from({ length: 120 }, (_, i) => leadBody({ id: `bulk-${i}`, name: `Lead ${i}`, owner: { slack_user_id: PEOPLE.rep.id } }));
    expect((await app.post('/webhooks/leads', { leads })).status).toBe(202);
    for (let i = 0; i < 14; i += 1) {
      const res = await app.post('/webhooks/campaigns', { key: `camp-${i}`, name: `Campaign ${i}`, owner: { slack_user_id: PEOPLE.rep.id } });
      expect(res.status).toBe(201);
    }
    const view = await openHome(app, PEOPLE.rep.id);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = readable(view);
    expect(text).toContain('Waiting for your answer (120)');
    const shown = buttonsIn(view).filter((id) => id === ACTIONS.leadAccept).length;
    expect(text).toContain(`…and ${120 - shown} more in your DMs`);
    expect(text).toContain('Your campaigns');
  });

  it('answers a refused click on the Home in a small modal, since the Home has no place for a private reply', async () => {
    app = await startTestApp();
    const id = await sendLead(app, { name: 'Hedy Lamarr' });
    const res = await app.slack.blockAction({ userId: PEOPLE.stranger.id, actionId: ACTIONS.leadAccept, value: id, view: { id: 'VHOME0001', type: 'home', blocks: [], private_metadata: '', callback_id: '', hash: '1.a' } });
    expect(res.status).toBe(200);
    const [open] = await app.standIn.waitFor('views.open');
    expect(open.args.view.title.text).toBe('Handoff');
    expect(readable(open.args.view)).toContain(`<@${PEOPLE.rep.id}>`);
    const lead = await app.handoff.deps.db.selectFrom('leads').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(lead.status).toBe('new');
  });

  it('refreshes after the rep accepts a lead', async () => {
    app = await startTestApp();
    const id = await sendLead(app, { name: 'Hedy Lamarr' });
    await app.standIn.waitFor('chat.postMessage');
    await openHome(app, PEOPLE.rep.id);
    const before = app.standIn.okCalls('views.publish').length;
    await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: ACTIONS.leadAccept, value: id });
    const calls = await app.standIn.waitFor('views.publish', (c) => c.args.user_id === PEOPLE.rep.id, { count: 2 });
    expect(app.standIn.okCalls('views.publish').length).toBeGreaterThan(before);
    const text = readable(calls.at(-1)!.args.view);
    expect(text).toContain('Waiting for your answer (0)');
    expect(text).toContain('Hedy Lamarr');
  });
});
