import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/views/ids.ts';
import { LEAD_REPLIES } from '../../src/views/lead-notices.ts';
import { MARKETING_CHANNEL, PEOPLE, type TestApp } from '../support/harness.ts';
import { buttonIds, deliveredLead, dmMessage, leadRow, openHome, readable, seedCampaign } from '../leads/support.ts';
import { eventually, hotlead, noticesTo, pauses, startHotleadApp } from './support.ts';

const { rep, rep2, admin, stranger } = PEOPLE;
type Delivered = Awaited<ReturnType<typeof deliveredLead>>;

describe("the lead DM's Hot — pause emails button", () => {
  let app: TestApp;
  const clickHot = (lead: Delivered, userId: string, value?: string) =>
    app.slack.blockAction({ userId, actionId: ACTIONS.leadHot, channelId: lead.channel, messageTs: lead.ts, ...(value !== undefined ? { value } : {}) });
  const ephemeral = async (text: string) => (await app.standIn.waitFor('response_url', (c) => String(c.args.text).includes(text)))[0].args;
  const dmShows = (lead: Delivered, text: string) =>
    eventually(() => {
      const dm = dmMessage(app, lead);
      return dm && readable(dm).includes(text) ? dm : undefined;
    }, `the DM to show "${text}"`);

  beforeAll(async () => {
    app = await startHotleadApp({ env: { HANDOFF_ADMINS: admin.id } });
    await seedCampaign(app);
  });
  afterAll(() => app.stop());

  it('pauses for the default days when the owner clicks, confirms until when and what happens next, and marks the lead hot in its DM', async () => {
    const lead = await deliveredLead(app, { email: 'Ada@Analytical.example' });
    expect(buttonIds(dmMessage(app, lead))).toContain(ACTIONS.leadHot);
    const res = await clickHot(lead, rep.id);
    expect(res.status).toBe(200);

    const answer = await ephemeral('Paused marketing emails to Ada Lovelace');
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(answer.text).toContain('Paused marketing emails to Ada Lovelace (Ada@Analytical.example) through *Wed 23 Dec 2026*.');
    expect(answer.text).toContain('DM you a day before the pause ends');
    expect(answer.text).toContain('Marked your open lead with this email as hot.');

    const dm = await dmShows(lead, 'Marked hot by you');
    expect(buttonIds(dm).filter((id) => !id.startsWith('rate_'))).toEqual([]);
    expect(await leadRow(app, lead.id)).toMatchObject({ status: 'hot', answered_by: rep.id });
    expect((await pauses(app))[0]).toMatchObject({ email_lower: 'ada@analytical.example', lead_id: lead.id, source: 'button', paused_by: rep.id });

    const [notice] = await noticesTo(app, MARKETING_CHANNEL).then((all) => all.filter((t) => t.includes('Pause marketing emails')));
    expect(notice).toBe([
      `:fire: Pause marketing emails to Ada Lovelace (Ada@Analytical.example) through Wed 23 Dec 2026 — worked by <@${rep.id}>`,
      '> Company: Analytical Engines',
      '> Campaign: Q4 AI Readiness Webinar (`q4-ai-webinar`)',
    ].join('\n'));

    const timeline = (await app.get(`/api/leads/${lead.id}`)).json.timeline.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(expect.arrayContaining(['hot', 'hot_paused']));
    expect((await app.get('/api/suppressions')).json.suppressions.map((s: { email: string }) => s.email)).toEqual(['ada@analytical.example']);
  });

  it("refuses someone who is neither the lead's owner nor an admin, ephemerally, and pauses nothing", async () => {
    const lead = await deliveredLead(app, { email: 'grace@navy.example', name: 'Grace Hopper' });
    await clickHot(lead, stranger.id);
    const answer = await ephemeral(LEAD_REPLIES.notYours(rep.id));
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect((await pauses(app)).map((p) => p.email_lower)).not.toContain('grace@navy.example');
    expect((await leadRow(app, lead.id))?.status).toBe('new');
  });

  it('lets an admin click it on a lead they do not own', async () => {
    const lead = await deliveredLead(app, { email: 'katherine@nasa.example', name: 'Katherine Johnson' });
    await clickHot(lead, admin.id);
    await ephemeral('Paused marketing emails to Katherine Johnson');
    expect((await pauses(app)).find((p) => p.email_lower === 'katherine@nasa.example')?.paused_by).toBe(admin.id);
    expect((await leadRow(app, lead.id))?.status).toBe('hot');
  });

  it('answers a click from an old copy of an answered DM, or on a lead Handoff does not have, without pausing again', async () => {
    const lead = await deliveredLead(app, { email: 'ada@analytical.example' });
    await clickHot(lead, rep.id);
    await dmShows(lead, 'Marked hot by');
    await clickHot(lead, rep.id, lead.id);
    await ephemeral('This lead was already marked hot by');
    await clickHot(lead, rep.id, 'crm-that-never-was');
    await ephemeral(LEAD_REPLIES.gone);
    expect((await pauses(app)).filter((p) => p.email_lower === 'ada@analytical.example')).toHaveLength(1);
  });
});

describe('/hotlead on an email with leads', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startHotleadApp(); });
  afterAll(() => app.stop());

  it("answers the caller's open leads with that email as hot, and leaves other reps' leads alone", async () => {
    const mine = await deliveredLead(app, { email: 'linus@kernel.example', name: 'Linus T' });
    const theirs = await deliveredLead(app, { email: 'linus@kernel.example', name: 'Linus T', owner: { slack_user_id: rep2.id } });
    const reply = await hotlead(app, rep.id, 'LINUS@kernel.example 10d');
    expect(reply).toContain('Paused marketing emails to Linus T (linus@kernel.example) through *Thu 3 Dec 2026*');
    expect(reply).toContain('Marked your open lead with this email as hot.');
    await dmShows(mine, 'Marked hot by you');
    expect(await leadRow(app, mine.id)).toMatchObject({ status: 'hot', answered_by: rep.id });
    expect((await leadRow(app, theirs.id))?.status).toBe('new');
    // Both leads' timelines show the pause: it is about the person, whoever owns the lead.
    for (const id of [mine.id, theirs.id]) {
      expect((await app.get(`/api/leads/${id}`)).json.timeline.map((e: { type: string }) => e.type)).toContain('hot_paused');
    }
  });

  it("lists the rep's pauses on their App Home, and drops one when it is released", async () => {
    // The rep has the Home tab open: it follows the pause and its release.
    await openHome(app, rep.id);
    await hotlead(app, rep.id, 'home@customer.example until 2026-12-21');
    const homeShows = (text: string, present: boolean) =>
      eventually(() => {
        const home = app.standIn.homeView(rep.id);
        return home && readable(home).includes(text) === present ? home : undefined;
      }, `the Home to ${present ? 'show' : 'drop'} "${text}"`);
    await homeShows('home@customer.example', true);
    expect(readable(app.standIn.homeView(rep.id))).toContain('Your hot leads');
    await hotlead(app, rep.id, 'release home@customer.example');
    await homeShows('home@customer.example', false);
  });

  it('answers /hotlead well within 3 seconds while Slack is slow to publish the Home, and still marks the lead hot', async () => {
    const lead = await deliveredLead(app, { email: 'slowhome@customer.example', name: 'Sol Home' });
    app.standIn.addFault({ method: 'views.publish', fault: { kind: 'delay', ms: 3_500 }, times: 3 });
    const started = Date.now();
    const reply = await hotlead(app, rep.id, 'slowhome@customer.example');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(reply).toContain('Paused marketing emails to Sol Home');
    await eventually(async () => (await leadRow(app, lead.id))?.status === 'hot', 'the lead to be answered hot');
    app.standIn.clearFaults();
  });

  function dmShows(lead: Delivered, text: string) {
    return eventually(() => {
      const dm = dmMessage(app, lead);
      return dm && readable(dm).includes(text) ? dm : undefined;
    }, `the DM to show "${text}"`);
  }
});
