import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/clock.ts';
import { hotleadExpiryJob } from '../../src/jobs/hotlead-expiry.ts';
import { ACTIONS } from '../../src/views/ids.ts';
import { MARKETING_CHANNEL, PEOPLE, type TestApp } from '../support/harness.ts';
import { hotlead, insertLead, messagesIn, noticesTo, pauses, startHotleadApp, startReceiver, timeline } from './support.ts';

const { rep, rep2, admin, stranger } = PEOPLE;

describe('pauses end on time', () => {
  let app: TestApp;
  let clock: ManualClock;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const runJob = () => hotleadExpiryJob.run(app.handoff.deps);
  const pauseOf = async (email: string) => (await pauses(app)).filter((p) => p.email_lower === email);
  const warningsTo = async (user: string) => (await messagesIn(app, user)).filter((m) => /the pause on marketing emails/i.test(String(m.text)));
  /** Clicks a button on a message that reached the stand-in, as the person in `userId` would. */
  const click = (userId: string, actionId: string, message: { channel: string; ts: string }) =>
    app.slack.blockAction({ userId, actionId, channelId: message.channel, messageTs: message.ts });
  const ephemeral = (text: string) => app.standIn.waitFor('response_url', (c) => String(c.args.text).includes(text));
  const eventsFor = (email: string) => receiver.accepted().filter((r) => r.json.data.email === email).map((r) => r.json.type);

  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startHotleadApp({ env: { HANDOFF_ADMINS: admin.id, HANDOFF_OUTBOUND_WEBHOOK_URL: receiver.url, HANDOFF_OUTBOUND_EVENTS: 'lead.paused,lead.extended,lead.resumed' } });
    clock = app.clock as ManualClock;
    await insertLead(app, { id: 'crm-warn', email: 'warn@customer.example', name: 'Wanda Warn', owner_slack_id: rep.id });
    await hotlead(app, rep.id, 'warn@customer.example 3d'); // through Thu 26 Nov: ends 2026-11-27T00:00Z
    await hotlead(app, rep2.id, 'letend@customer.example 3d');
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  it('does nothing while the end is more than a day away', async () => {
    clock.set('2026-11-25T23:59:00Z');
    await runJob();
    expect(await warningsTo(rep.id)).toHaveLength(0);
  });

  it('warns the rep once, a day before the end, with Extend 14 days / Let it end buttons', async () => {
    clock.set('2026-11-26T00:00:00Z');
    await runJob();
    await runJob();
    const [warning, ...more] = await warningsTo(rep.id);
    expect(more).toHaveLength(0);
    expect(warning.text).toBe(':hourglass_flowing_sand: The pause on marketing emails to Wanda Warn (warn@customer.example) ends after Thu 26 Nov 2026. Still working the deal?');
    const buttons = warning.blocks!.find((b) => b.type === 'actions').elements;
    expect(buttons.map((b: any) => [b.action_id, b.text.text])).toEqual([[ACTIONS.hotleadExtend, 'Extend 14 days'], [ACTIONS.hotleadLetEnd, 'Let it end']]);
    expect(await warningsTo(rep2.id)).toHaveLength(1);
  });

  it('refuses the buttons to someone who may not change the pause, and values Handoff did not write', async () => {
    const [warning] = await warningsTo(rep.id);
    await click(stranger.id, ACTIONS.hotleadExtend, warning);
    await ephemeral(`Only whoever paused it (<@${rep.id}>), the lead's owner or a Handoff admin may change this pause.`);
    await app.slack.blockAction({ userId: rep.id, actionId: ACTIONS.hotleadExtend, value: 'not-a-pause', channelId: warning.channel, messageTs: warning.ts });
    await ephemeral('This button is not one Handoff can read; nothing changed.');
    expect((await pauseOf('warn@customer.example'))[0].paused_until).toBe('2026-11-27T00:00:00.000Z');
  });

  it('extends by 14 days on Extend, replaces the buttons with what was done, tells marketing and the webhook, and ignores a second click', async () => {
    const [warning] = await warningsTo(rep.id);
    const extendValue = warning.blocks!.find((b) => b.type === 'actions').elements[0].value;
    await click(rep.id, ACTIONS.hotleadExtend, warning);
    const [pause] = await pauseOf('warn@customer.example');
    expect(pause).toMatchObject({ status: 'active', paused_until: '2026-12-11T00:00:00.000Z', extended_by: rep.id });

    const [updated] = await warningsTo(rep.id);
    expect(updated).toMatchObject({ ts: warning.ts, updated: true, text: `:fire: <@${rep.id}> extended the pause on marketing emails to Wanda Warn (warn@customer.example) through Thu 10 Dec 2026.` });
    expect(updated.blocks!.some((b) => b.type === 'actions')).toBe(false);
    expect((await noticesTo(app, MARKETING_CHANNEL)).at(-1)).toBe(`:fire: Keep pausing marketing emails to Wanda Warn (warn@customer.example) through Thu 10 Dec 2026 (was Thu 26 Nov 2026) — extended by <@${rep.id}>`);
    const extended = receiver.accepted().find((r) => r.json.type === 'lead.extended');
    expect(extended?.json.data).toMatchObject({ email: 'warn@customer.example', paused_until: '2026-12-11T00:00:00.000Z', previous_paused_until: '2026-11-27T00:00:00.000Z', by: { slack_user_id: rep.id } });
    expect((await timeline(app, 'crm-warn')).map((e) => e.type)).toEqual(['hot_paused', 'hot_extended']);

    // A second click from the old payload (e.g. a double click) changes nothing.
    await app.slack.blockAction({ userId: rep.id, actionId: ACTIONS.hotleadExtend, value: extendValue, channelId: warning.channel, messageTs: warning.ts });
    await ephemeral('was already changed: it now runs through *Thu 10 Dec 2026*');
    expect((await pauseOf('warn@customer.example'))[0].paused_until).toBe('2026-12-11T00:00:00.000Z');
    expect(eventsFor('warn@customer.example')).toEqual(['lead.paused', 'lead.extended']);
  });

  it('on Let it end keeps the end date and replaces the buttons', async () => {
    const [warning] = await warningsTo(rep2.id);
    await click(rep2.id, ACTIONS.hotleadLetEnd, warning);
    const [pause] = await pauseOf('letend@customer.example');
    expect(pause).toMatchObject({ status: 'active', paused_until: '2026-11-27T00:00:00.000Z', let_end_by: rep2.id });
    const [updated] = await warningsTo(rep2.id);
    expect(updated.text).toBe(`:ok_hand: <@${rep2.id}> let the pause on marketing emails to letend@customer.example end after Thu 26 Nov 2026; #marketing will be told then.`);
    expect(updated.blocks!.some((b) => b.type === 'actions')).toBe(false);
  });

  it('lifts a pause exactly once at its end, with one resume notice, one lead.resumed event and a timeline entry', async () => {
    clock.set('2026-11-27T00:00:00Z');
    await Promise.all([runJob(), runJob()]);
    await runJob();
    const [pause] = await pauseOf('letend@customer.example');
    expect(pause).toMatchObject({ status: 'expired', active_email: null, end_reason: 'expired', ended_at: '2026-11-27T00:00:00.000Z' });
    const resumes = (await noticesTo(app, MARKETING_CHANNEL)).filter((t) => t.includes('letend@customer.example may resume'));
    expect(resumes).toEqual([`:white_check_mark: Marketing emails to letend@customer.example may resume — the pause ended on Thu 26 Nov 2026 (worked by <@${rep2.id}>)`]);
    expect(eventsFor('letend@customer.example')).toEqual(['lead.paused', 'lead.resumed']);
    expect(receiver.accepted().find((r) => r.json.type === 'lead.resumed')?.json.data).toMatchObject({ resumed_because: 'expired', by: null });
    expect((await pauseOf('warn@customer.example'))[0].status).toBe('active');
  });

  it('answers a click on the warning of an ended pause with what happened', async () => {
    const [warning] = await warningsTo(rep2.id);
    await app.slack.blockAction({ userId: rep2.id, actionId: ACTIONS.hotleadExtend, value: `${(await pauseOf('letend@customer.example'))[0].id}|2026-11-27T00:00:00.000Z`, channelId: warning.channel, messageTs: warning.ts });
    await ephemeral('has already ended; pause again with `/hotlead letend@customer.example`');
    expect((await pauseOf('letend@customer.example'))[0].status).toBe('expired');
  });

  it('warns again before an extended end, and lifts it then, recording the expiry in the timeline', async () => {
    clock.set('2026-12-10T00:00:00Z');
    await runJob();
    await runJob();
    expect((await warningsTo(rep.id)).map((w) => w.text)).toEqual([
      expect.stringContaining('extended the pause on marketing emails to Wanda Warn'),
      expect.stringContaining('ends after Thu 10 Dec 2026'),
    ]);
    clock.set('2026-12-11T00:05:00Z');
    await runJob();
    expect((await pauseOf('warn@customer.example'))[0].status).toBe('expired');
    expect((await timeline(app, 'crm-warn')).map((e) => [e.type, e.actor])).toEqual([['hot_paused', rep.id], ['hot_extended', rep.id], ['hot_expired', null]]);
    expect((await noticesTo(app, MARKETING_CHANNEL)).filter((t) => t.includes('Wanda Warn (warn@customer.example) may resume'))).toHaveLength(1);
    expect(eventsFor('warn@customer.example')).toEqual(['lead.paused', 'lead.extended', 'lead.resumed']);
  });

  it('does not warn about a one-day pause, whose end the rep chose just now', async () => {
    clock.set('2026-12-20T12:00:00Z');
    await hotlead(app, rep.id, 'short@customer.example 1');
    await hotlead(app, rep.id, 'two-days@customer.example until 2026-12-22');
    const before = (await warningsTo(rep.id)).length;
    clock.set('2026-12-21T00:00:00Z');
    await runJob();
    clock.set('2026-12-22T00:00:00Z');
    await runJob();
    const warned = (await warningsTo(rep.id)).slice(before).map((w) => w.text);
    expect(warned).toEqual([expect.stringContaining('two-days@customer.example')]);
    expect((await pauseOf('short@customer.example'))[0].status).toBe('expired');
  });
});
