import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/clock.ts';
import { hotleadExpiryJob } from '../../src/jobs/hotlead-expiry.ts';
import { ACTIONS } from '../../src/views/ids.ts';
import { MARKETING_CHANNEL, PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { hotlead, insertLead, outbox, pauses, timeline } from './support.ts';

const { rep, rep2, admin, stranger } = PEOPLE;
const WEBHOOK_URL = 'http://127.0.0.1:9/handoff-events';

describe('pauses end on time', () => {
  let app: TestApp;
  let clock: ManualClock;
  const runJob = () => hotleadExpiryJob.run(app.handoff.deps);
  const warningsTo = async (user: string) => (await outbox(app)).filter((r) => r.kind === 'slack.post' && r.target === user);
  const pauseOf = async (email: string) => (await pauses(app)).filter((p) => p.email_lower === email);
  const responses = (text: string) => app.standIn.calls.filter((c) => c.method === 'response_url' && String(c.args.text).includes(text));
  const click = (userId: string, actionId: string, value: string, messageTs = '1764000000.000100') =>
    app.slack.blockAction({ userId, actionId, value, channelId: `D${userId.slice(1)}`, messageTs });

  beforeAll(async () => {
    app = await startTestApp({ env: { HANDOFF_ADMINS: admin.id, HANDOFF_OUTBOUND_WEBHOOK_URL: WEBHOOK_URL } });
    clock = app.clock as ManualClock;
    await insertLead(app, { id: 'crm-warn', email: 'warn@customer.example', name: 'Wanda Warn', owner_slack_id: rep.id });
    await hotlead(app, rep.id, 'warn@customer.example 3d'); // through Thu 26 Nov: ends 2026-11-27T00:00Z
    await hotlead(app, rep2.id, 'letend@customer.example 3d');
  });
  afterAll(() => app.stop());

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
    expect(warning.body.text).toBe(':hourglass_flowing_sand: The pause on marketing emails to Wanda Warn (warn@customer.example) ends after Thu 26 Nov 2026. Still working the deal?');
    const buttons = warning.body.blocks[1].elements;
    expect(buttons.map((b: any) => [b.action_id, b.text.text])).toEqual([[ACTIONS.hotleadExtend, 'Extend 14 days'], [ACTIONS.hotleadLetEnd, 'Let it end']]);
    expect(warning.dedupe_key).toBe(`hotlead-warn:${(await pauseOf('warn@customer.example'))[0].id}:2026-11-27T00:00:00.000Z`);
    expect(await warningsTo(rep2.id)).toHaveLength(1);
  });

  it('refuses the buttons to someone who may not change the pause, and unreadable values', async () => {
    const [warning] = await warningsTo(rep.id);
    const value = warning.body.blocks[1].elements[0].value;
    await click(stranger.id, ACTIONS.hotleadExtend, value);
    await click(rep.id, ACTIONS.hotleadExtend, 'not-a-pause');
    await app.standIn.waitFor('response_url', (c) => String(c.args.text).startsWith('Only whoever paused it'));
    await app.standIn.waitFor('response_url', (c) => String(c.args.text).startsWith('This button is not one Handoff can read'));
    expect((await pauseOf('warn@customer.example'))[0].paused_until).toBe('2026-11-27T00:00:00.000Z');
  });

  it('extends by 14 days on Extend, updates the warning, tells marketing and the webhook, and ignores a second click', async () => {
    const [warning] = await warningsTo(rep.id);
    const value = warning.body.blocks[1].elements[0].value;
    await click(rep.id, ACTIONS.hotleadExtend, value);
    const [pause] = await pauseOf('warn@customer.example');
    expect(pause).toMatchObject({ status: 'active', paused_until: '2026-12-11T00:00:00.000Z', extended_by: rep.id });

    const rows = await outbox(app);
    const update = rows.find((r) => r.kind === 'slack.update');
    expect(update?.body).toMatchObject({ channel: 'DREP00001', ts: '1764000000.000100', text: `:fire: <@${rep.id}> extended the pause on marketing emails to Wanda Warn (warn@customer.example) until Thu 10 Dec 2026.` });
    expect(update?.body.blocks.some((b: any) => b.type === 'actions')).toBe(false);
    const notice = rows.filter((r) => r.target === MARKETING_CHANNEL).at(-1);
    expect(notice?.body.text).toBe(`:fire: Keep pausing marketing emails to Wanda Warn (warn@customer.example) until Thu 10 Dec 2026 (was Thu 26 Nov 2026) — extended by <@${rep.id}>`);
    const event = rows.filter((r) => r.kind === 'webhook').at(-1);
    expect(event?.body.body).toMatchObject({ type: 'lead.extended', data: { email: 'warn@customer.example', paused_until: '2026-12-11T00:00:00.000Z', previous_paused_until: '2026-11-27T00:00:00.000Z', actor: rep.id } });
    expect((await timeline(app, 'crm-warn')).map((e) => e.type)).toEqual(['hot_paused', 'hot_extended']);

    await click(rep.id, ACTIONS.hotleadExtend, value);
    await app.standIn.waitFor('response_url', (c) => String(c.args.text).includes('was already changed: it now runs until *Thu 10 Dec 2026*'));
    expect((await pauseOf('warn@customer.example'))[0].paused_until).toBe('2026-12-11T00:00:00.000Z');
  });

  it('on Let it end keeps the end date and updates the warning', async () => {
    const [warning] = await warningsTo(rep2.id);
    await click(rep2.id, ACTIONS.hotleadLetEnd, warning.body.blocks[1].elements[1].value, '1764000000.000200');
    const [pause] = await pauseOf('letend@customer.example');
    expect(pause).toMatchObject({ status: 'active', paused_until: '2026-11-27T00:00:00.000Z', let_end_by: rep2.id });
    const update = (await outbox(app)).filter((r) => r.kind === 'slack.update').at(-1);
    expect(update?.body.text).toBe(`:ok_hand: <@${rep2.id}> let the pause on marketing emails to letend@customer.example end after Thu 26 Nov 2026; #marketing will be told then.`);
  });

  it('lifts a pause exactly once at its end, with one resume notice, one lead.resumed event and a timeline entry', async () => {
    clock.set('2026-11-27T00:00:00Z');
    await Promise.all([runJob(), runJob()]);
    await runJob();
    const [pause] = await pauseOf('letend@customer.example');
    expect(pause).toMatchObject({ status: 'expired', active_email: null, end_reason: 'expired', ended_at: '2026-11-27T00:00:00.000Z' });
    const rows = await outbox(app);
    const resumes = rows.filter((r) => r.target === MARKETING_CHANNEL && String(r.body.text).includes('letend@customer.example may resume'));
    expect(resumes.map((r) => r.body.text)).toEqual([`:white_check_mark: Marketing emails to letend@customer.example may resume — the pause ended on Thu 26 Nov 2026 (worked by <@${rep2.id}>)`]);
    const events = rows.filter((r) => r.kind === 'webhook' && r.body.body.data.email === 'letend@customer.example').map((r) => r.body.body.type);
    expect(events).toEqual(['lead.paused', 'lead.resumed']);
    expect((await pauseOf('warn@customer.example'))[0].status).toBe('active');
  });

  it('answers a click on the warning of an ended pause with what happened', async () => {
    const [warning] = await warningsTo(rep2.id);
    await click(rep2.id, ACTIONS.hotleadExtend, warning.body.blocks[1].elements[0].value, '1764000000.000200');
    await app.standIn.waitFor('response_url', (c) => String(c.args.text).includes('has already ended; pause again with `/hotlead letend@customer.example`'));
    expect((await pauseOf('letend@customer.example'))[0].status).toBe('expired');
  });

  it('warns again before an extended end, and lifts it then, recording the expiry in the timeline', async () => {
    clock.set('2026-12-10T00:00:00Z');
    await runJob();
    await runJob();
    const warnings = await warningsTo(rep.id);
    expect(warnings.map((w) => w.body.text)).toEqual([
      expect.stringContaining('ends after Thu 26 Nov 2026'),
      expect.stringContaining('ends after Thu 10 Dec 2026'),
    ]);
    clock.set('2026-12-11T00:05:00Z');
    await runJob();
    expect((await pauseOf('warn@customer.example'))[0].status).toBe('expired');
    expect((await timeline(app, 'crm-warn')).map((e) => [e.type, e.actor])).toEqual([['hot_paused', rep.id], ['hot_extended', rep.id], ['hot_expired', null]]);
    expect(responses('extended').length).toBe(0);
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
    const warned = (await warningsTo(rep.id)).slice(before).map((w) => w.body.text);
    expect(warned).toEqual([expect.stringContaining('two-days@customer.example')]);
    expect((await pauseOf('short@customer.example'))[0].status).toBe('expired');
  });
});
