import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { leadSlaJob } from '../../src/jobs/lead-sla.ts';
import { ACTIONS } from '../../src/views/ids.ts';
import { CLAIM_TEXT } from '../../src/views/lead-claim.ts';
import { PEOPLE, SALES_CHANNEL, startTestApp, type TestApp } from '../support/harness.ts';
import { buttonIds, deliveredLead, dmMessage, eventually, leadRow } from './support.ts';

const HOUR = 3_600_000;
const { rep, rep2 } = PEOPLE;

// A reminder a rep can act on where it lands, and an escalation anyone in sales can take.

describe('the SLA ladder, with something to click', () => {
  let app: TestApp;
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  beforeAll(async () => { app = await startTestApp({ clock }); });
  afterAll(async () => { await app.stop(); });

  const run = () => leadSlaJob.run(app.handoff.deps);
  const reminderFor = (name: string) => eventually(() => app.standIn.messages(app.standIn.dmChannelFor(rep.id)).find((m) => m.text?.startsWith('⏳') && m.text.includes(name)), 5000, `the reminder about ${name}`);
  const escalationFor = (name: string) => eventually(() => app.standIn.messages(SALES_CHANNEL).find((m) => m.text?.startsWith('🚨') && m.text.includes(name)), 5000, `the escalation of ${name}`);
  const answerAfter = async (before: number) => String((await app.standIn.waitFor('response_url', () => true, { count: before + 1 })).at(-1)!.args.text);

  it('puts the lead\'s own buttons in the reminder, and an answer there is the answer', async () => {
    const lead = await deliveredLead(app, { name: 'Remy Reminded', stage: 'decision', record_url: 'https://yourco.my.salesforce.com/lightning/r/Lead/00Q1/view' });
    clock.advance(HOUR / 2);
    await run();
    const reminder = await reminderFor('Remy Reminded');
    expect(reminder.text).not.toContain('Scroll up');
    expect(buttonIds(reminder)).toEqual([ACTIONS.leadAccept, ACTIONS.leadHot, ACTIONS.leadReject, ACTIONS.openInCrm]);
    const accept = reminder.blocks!.find((b: any) => b.type === 'actions').elements[0];
    await app.slack.blockAction({ userId: rep.id, actionId: accept.action_id, value: accept.value, channelId: reminder.channel, messageTs: reminder.ts });
    await eventually(async () => (await leadRow(app, lead.id))?.status === 'accepted', 5000, 'the lead to be accepted');
    // The lead's own DM shows the answer too.
    await eventually(() => JSON.stringify(dmMessage(app, lead)).includes('Accepted by'), 5000, 'the DM to show the answer');
  });

  it('lets another rep Claim an escalated lead: it moves to them, the old owner is told, and the escalation says who took it', async () => {
    const lead = await deliveredLead(app, { name: 'Esme Escalated', stage: 'decision' });
    clock.advance(HOUR);
    await run();
    const escalation = await escalationFor('Esme Escalated');
    expect(escalation.text).toContain("it's your lead; or anyone in sales can *Claim* it.");
    const claim = escalation.blocks!.find((b: any) => b.type === 'actions').elements[0];
    expect(claim).toMatchObject({ action_id: ACTIONS.leadClaim, value: lead.id });

    const before = app.standIn.callsTo('response_url').length;
    await Promise.all([rep2.id, PEOPLE.admin.id].map((userId) =>
      app.slack.blockAction({ userId, actionId: claim.action_id, value: claim.value, channelId: SALES_CHANNEL, messageTs: escalation.ts })));
    const answers = await eventually(() => {
      const got = app.standIn.callsTo('response_url').slice(before).map((c) => String(c.args.text));
      return got.length >= 2 ? got : undefined;
    }, 5000, 'both answers');
    const row = await eventually(async () => {
      const r = await leadRow(app, lead.id);
      return r?.delivery === 'delivered' ? r : undefined;
    }, 8000, 'the new DM');
    const winner = row.owner_slack_id!;
    expect([rep2.id, PEOPLE.admin.id]).toContain(winner);
    expect(answers.sort()).toEqual([CLAIM_TEXT.yours, CLAIM_TEXT.taken(winner)].sort());
    expect(app.standIn.messages(app.standIn.dmChannelFor(winner)).filter((m) => m.text?.includes('Esme Escalated'))).toHaveLength(1);

    const oldDm = await eventually(() => {
      const m = dmMessage(app, lead);
      return m?.text?.startsWith('↪️') ? m : undefined;
    }, 5000, 'the old owner\'s DM to say where the lead went');
    expect(oldDm.text).toBe(`↪️ *Esme Escalated (CTO, Analytical Engines)* moved to <@${winner}>: they claimed it in the sales channel after it waited past its SLA, so it is theirs now. Nothing for you to do.`);
    const updated = await eventually(() => app.standIn.messages(SALES_CHANNEL).find((m) => m.ts === escalation.ts && m.updated), 5000, 'the escalation to say who took it');
    expect(updated.text).toBe(`✋ <@${winner}> claimed *Esme Escalated* (CTO, Analytical Engines) from <@${rep.id}>: it is theirs now.`);
    const timeline = (await app.get(`/api/leads/${lead.id}`)).json.timeline.map((e: any) => [e.type, e.actor]);
    expect(timeline.slice(-3)).toEqual([['reassigned', winner], ['claimed', winner], ['delivered', null]]);

    // The old owner clicking Claim now is told who has it; an answer by the new owner works.
    const before2 = app.standIn.callsTo('response_url').length;
    await app.slack.blockAction({ userId: rep.id, actionId: claim.action_id, value: claim.value, channelId: SALES_CHANNEL, messageTs: escalation.ts });
    expect(await answerAfter(before2)).toBe(CLAIM_TEXT.taken(winner));

    // The new owner's clock started at their DM: they get their own reminder.
    clock.advance(HOUR / 2);
    await run();
    await eventually(() => app.standIn.messages(app.standIn.dmChannelFor(winner)).find((m) => m.text?.startsWith('⏳') && m.text.includes('Esme Escalated')), 5000, 'the new owner\'s reminder');
  });

  it('does not let anyone claim an escalated lead that has been answered since', async () => {
    const lead = await deliveredLead(app, { name: 'Ana Answered', stage: 'decision' });
    clock.advance(HOUR);
    await run();
    const escalation = await escalationFor('Ana Answered');
    await app.slack.blockAction({ userId: rep.id, actionId: ACTIONS.leadAccept, value: lead.id, channelId: lead.channel, messageTs: lead.ts });
    await eventually(async () => (await leadRow(app, lead.id))?.status === 'accepted', 5000, 'the answer');
    const before = app.standIn.callsTo('response_url').length;
    await app.slack.blockAction({ userId: rep2.id, actionId: ACTIONS.leadClaim, value: lead.id, channelId: SALES_CHANNEL, messageTs: escalation.ts });
    expect(await answerAfter(before)).toBe(CLAIM_TEXT.answered);
    expect(await leadRow(app, lead.id)).toMatchObject({ owner_slack_id: rep.id, status: 'accepted' });
  });
});
