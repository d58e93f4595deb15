import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/views/ids.ts';
import { HOT_BUTTON_REFUSED, LEAD_GONE, PAUSE_BUTTON_UNREADABLE } from '../../src/views/hotlead-replies.ts';
import { MARKETING_CHANNEL, PEOPLE, type TestApp } from '../support/harness.ts';
import { insertLead, noticesTo, pauses, timeline, startHotleadApp } from './support.ts';

const { rep, admin, stranger } = PEOPLE;

describe("the lead DM's Hot — pause emails button", () => {
  let app: TestApp;
  const clickHot = (userId: string, value: string) =>
    app.slack.blockAction({ userId, actionId: ACTIONS.leadHot, value, channelId: 'DREP00001', messageTs: '1764000000.000300' });
  const reply = async (text: string) => (await app.standIn.waitFor('response_url', (c) => String(c.args.text).includes(text)))[0].args;

  beforeAll(async () => {
    app = await startHotleadApp({ env: { HANDOFF_ADMINS: admin.id } });
    await insertLead(app, { id: 'crm-ada', email: 'ada@analytical.example', name: 'Ada Lovelace', company: 'Analytical Engines', owner_slack_id: rep.id });
    await insertLead(app, { id: 'crm-grace', email: 'grace@navy.example', name: 'Grace Hopper', owner_slack_id: rep.id });
  });
  afterAll(() => app.stop());

  it("refuses someone who is neither the lead's owner nor an admin, ephemerally, and pauses nothing", async () => {
    await clickHot(stranger.id, 'crm-ada');
    const answer = await reply(HOT_BUTTON_REFUSED);
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(await pauses(app)).toHaveLength(0);
  });

  it('pauses for the default days when the owner clicks, and confirms until when and what happens next', async () => {
    const res = await clickHot(rep.id, 'crm-ada');
    expect(res.status).toBe(200);
    const answer = await reply('Paused marketing emails to Ada Lovelace');
    expect(answer.text).toContain('Paused marketing emails to Ada Lovelace (ada@analytical.example) until *Wed 23 Dec 2026*.');
    expect(answer.text).toContain("DM you a day before the pause ends");
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect((await pauses(app))[0]).toMatchObject({ email_lower: 'ada@analytical.example', lead_id: 'crm-ada', source: 'button', paused_by: rep.id });
    expect(await noticesTo(app, MARKETING_CHANNEL)).toEqual([`:fire: Pause marketing emails to Ada Lovelace (ada@analytical.example) until Wed 23 Dec 2026 — worked by <@${rep.id}>\n> Company: Analytical Engines`]);
    expect((await timeline(app, 'crm-ada')).map((e) => e.type)).toContain('hot_paused');
  });

  it('keeps the pause when clicked again and says so', async () => {
    await clickHot(rep.id, 'crm-ada');
    await reply('is already paused by');
    expect(await pauses(app)).toHaveLength(1);
  });

  it('lets an admin click it on a lead they do not own', async () => {
    await clickHot(admin.id, 'crm-grace');
    await reply('Paused marketing emails to Grace Hopper');
    expect((await pauses(app)).map((p) => p.paused_by)).toEqual([rep.id, admin.id]);
  });

  it('answers a lead Handoff does not have, or a value it did not write, without pausing', async () => {
    await clickHot(rep.id, 'crm-gone');
    await reply(LEAD_GONE);
    await clickHot(rep.id, '   ');
    await reply(PAUSE_BUTTON_UNREADABLE);
    expect(await pauses(app)).toHaveLength(2);
  });
});
