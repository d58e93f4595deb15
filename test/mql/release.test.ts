import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { heldSummaryJob } from '../../src/jobs/held-summary.ts';
import { ACTIONS } from '../../src/views/ids.ts';
import { RELEASE_BAD_VALUE, RELEASE_NOT_ADMIN } from '../../src/views/held-release.ts';
import { MARKETING_CHANNEL, PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';
import { drained, insertLead, outboxRows } from './support.ts';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** Starts the app with two held leads and their daily summary in the marketing channel. */
async function withSummary(): Promise<{ app: TestApp; message: { ts: string; text: string; blocks: any[] } }> {
  const clock = new ManualClock('2026-11-24T08:00:00Z');
  const started = await startTestApp({ clock, env: { HANDOFF_ADMINS: PEOPLE.admin.id } });
  app = started;
  const db = started.handoff.deps.db;
  await insertLead(db, { id: 'ada', name: 'Ada Lovelace', company: 'Analytical Engines', received_at: '2026-11-23T10:00:00.000Z' });
  await insertLead(db, { id: 'grace', name: 'Grace Hopper', received_at: '2026-11-23T11:00:00.000Z' });
  await heldSummaryJob().run(started.handoff.deps);
  await drained(started);
  const [posted] = started.standIn.messages(MARKETING_CHANNEL);
  return { app: started, message: { ts: posted.ts, text: posted.text ?? '', blocks: posted.blocks ?? [] } };
}

async function click(a: TestApp, userId: string, message: { ts: string; text: string; blocks: any[] }, value: string) {
  const before = a.standIn.callsTo('response_url').length;
  const res = await a.slack.blockAction({ userId, actionId: ACTIONS.heldRelease, value, channelId: MARKETING_CHANNEL, message: { type: 'message', ...message } });
  expect(res.status).toBe(200);
  const [answer] = (await a.standIn.waitFor('response_url', () => true, { count: before + 1 })).slice(before);
  return answer.args;
}

const leadRow = (a: TestApp, id: string) => a.handoff.deps.db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const events = (a: TestApp, id: string) => a.handoff.deps.db.selectFrom('lead_events').selectAll().where('lead_id', '=', id).where('type', '=', 'released').execute();
const updates = async (a: TestApp) => (await outboxRows(a.handoff.deps.db, MARKETING_CHANNEL)).filter((r) => r.kind === 'slack.update');

describe('releasing a held lead from the summary', () => {
  it('lets an admin hand the lead to its owner once, and marks it in the summary', async () => {
    const { app, message } = await withSummary();
    const answer = await click(app, PEOPLE.admin.id, message, 'ada');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.replace_original).toBe(false);
    expect(answer.text).toBe(`Released Ada Lovelace (Analytical Engines) to <@${PEOPLE.rep.id}>: their lead DM is on its way.`);

    const lead = await leadRow(app, 'ada');
    expect(lead.status).toBe('new');
    expect(lead.delivery).not.toBe('not_sent');
    const [event] = await events(app, 'ada');
    expect(event.actor).toBe(PEOPLE.admin.id);

    // The owner gets the lead's DM, and the summary in Slack shows the release.
    await drained(app);
    const dm = app.standIn.messages(app.standIn.dmChannelFor(PEOPLE.rep.id));
    expect(dm.map((m) => m.text)).toEqual(['New lead: Ada Lovelace (Analytical Engines)']);
    // The rep is told what the lead missed, not that it qualifies.
    expect(JSON.stringify(dm[0].blocks)).toContain('Released by an admin although it missed:* score 45 is below 60');
    expect(JSON.stringify(dm[0].blocks)).not.toContain('Qualified:');
    const summary = app.standIn.messages(MARKETING_CHANNEL).find((m) => m.ts === message.ts)!;
    expect(summary.updated).toBe(true);
    const ada = summary.blocks!.find((b: any) => b.block_id === 'held_lead:ada');
    expect(ada.accessory).toBeUndefined();
    expect(ada.text.text).toContain(`:white_check_mark: Released to <@${PEOPLE.rep.id}> by <@${PEOPLE.admin.id}> on Tue 24 Nov, 08:00`);
    const grace = summary.blocks!.find((b: any) => b.block_id === 'held_lead:grace');
    expect(grace.accessory.action_id).toBe(ACTIONS.heldRelease);

    // A double click (or a second admin) changes nothing more.
    const again = await click(app, PEOPLE.admin.id, message, 'ada');
    expect(again.text).toBe(`Ada Lovelace (Analytical Engines) was already released by <@${PEOPLE.admin.id}> (2026-11-24 08:00 UTC); nothing more to do.`);
    expect(await events(app, 'ada')).toHaveLength(1);
    expect(await updates(app)).toHaveLength(1);
    await drained(app);
    expect(app.standIn.messages(app.standIn.dmChannelFor(PEOPLE.rep.id))).toHaveLength(1);
  });

  it('keeps earlier releases marked when a second lead of the same summary is released', async () => {
    const { app, message } = await withSummary();
    await click(app, PEOPLE.admin.id, message, 'ada');
    // The second click comes from the summary as it was before Slack showed the first update.
    await click(app, PEOPLE.admin.id, message, 'grace');
    await drained(app);
    const summary = app.standIn.messages(MARKETING_CHANNEL).find((m) => m.ts === message.ts)!;
    const marked = summary.blocks!.filter((b: any) => String(b.text?.text).includes('Released'));
    expect(marked.map((b: any) => b.block_id)).toEqual(['held_lead:grace', 'held_lead:ada']);
  });

  it('refuses someone who is not an admin, and changes nothing', async () => {
    const { app, message } = await withSummary();
    const answer = await click(app, PEOPLE.marketer.id, message, 'ada');
    expect(answer.text).toBe(RELEASE_NOT_ADMIN);
    expect((await leadRow(app, 'ada')).status).toBe('held');
    expect(await events(app, 'ada')).toHaveLength(0);
    expect(await updates(app)).toHaveLength(0);
    await drained(app);
    expect(app.standIn.messages(app.standIn.dmChannelFor(PEOPLE.rep.id))).toHaveLength(0);
  });

  it('answers a forged, empty or not-held lead id without changing anything', async () => {
    const { app, message } = await withSummary();
    expect((await click(app, PEOPLE.admin.id, message, 'no-such-lead')).text).toBe('I could not find a lead with id `no-such-lead`, so nothing was released.');
    expect((await click(app, PEOPLE.admin.id, message, '   ')).text).toBe(RELEASE_BAD_VALUE);
    await insertLead(app.handoff.deps.db, { id: 'done', name: 'Done Deal', status: 'accepted', delivery: 'delivered' });
    expect((await click(app, PEOPLE.admin.id, message, 'done')).text).toBe('Done Deal is not held (it is accepted), so there is nothing to release.');
    expect((await leadRow(app, 'done')).status).toBe('accepted');
    expect(await updates(app)).toHaveLength(0);
  });
});
