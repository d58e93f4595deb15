import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { leadSlaJob } from '../../src/jobs/lead-sla.ts';
import { ACTIONS } from '../../src/views/ids.ts';
import { PEOPLE, SALES_CHANNEL, startTestApp, type TestApp } from '../support/harness.ts';
import { deliveredLead, eventually, leadRow } from './support.ts';

const HOUR = 3_600_000;

describe('speed to lead', () => {
  let app: TestApp;
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  beforeAll(async () => { app = await startTestApp({ clock }); });
  afterAll(async () => { await app.stop(); });

  const run = () => leadSlaJob.run(app.handoff.deps);
  const reminders = (name: string) => app.standIn.messages(app.standIn.dmChannelFor(PEOPLE.rep.id)).filter((m) => m.text?.startsWith('⏳') && m.text.includes(name));
  const escalations = (name: string) => app.standIn.messages(SALES_CHANNEL).filter((m) => m.text?.includes(name));
  const sent = async (dedupeKey: string) => {
    await eventually(async () => {
      const row = await app.handoff.deps.db.selectFrom('outbox').select('status').where('dedupe_key', '=', dedupeKey).executeTakeFirst();
      return row?.status === 'sent';
    }, 8000, `${dedupeKey} to be sent`);
  };

  it('reminds the owner once at half the SLA and escalates once to SALES_CHANNEL at all of it, even when run twice', async () => {
    const lead = await deliveredLead(app, { name: 'Sla Tester', stage: 'consideration' });
    clock.advance(12 * HOUR - 60_000);
    await run();
    expect(await leadRow(app, lead.id)).toMatchObject({ reminded_at: null });

    clock.advance(60_000);
    await Promise.all([run(), run()]);
    await run();
    await sent(`lead-reminder:${lead.id}`);
    expect(reminders('Sla Tester')).toHaveLength(1);
    expect(reminders('Sla Tester')[0].text).toContain('*Sla Tester (CTO, Analytical Engines)* is still waiting for your answer. Leads at this stage should be answered within 24 h');
    expect(await leadRow(app, lead.id)).toMatchObject({ reminded_at: clock.now().toISOString(), escalated_at: null });

    clock.advance(12 * HOUR);
    await Promise.all([run(), run()]);
    await run();
    await sent(`lead-escalation:${lead.id}`);
    const escalated = escalations('Sla Tester');
    expect(escalated).toHaveLength(1);
    expect(escalated[0].text).toBe(`🚨 *Sla Tester* (Analytical Engines) has waited more than 24 h (consideration stage, SLA) and nobody has answered — <@${PEOPLE.rep.id}>, it's your lead; or anyone in sales can *Claim* it.`);
    expect(escalated[0].text).not.toContain('ada@analytical.example');
    expect(reminders('Sla Tester')).toHaveLength(1);

    clock.advance(48 * HOUR);
    await run();
    const timeline = (await app.get(`/api/leads/${lead.id}`)).json.timeline.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(['received', 'delivered', 'reminded', 'escalated']);
  });

  it('uses the stage\'s SLA: a decision-stage lead is reminded after 30 minutes', async () => {
    const lead = await deliveredLead(app, { name: 'Decision Maker', stage: 'decision' });
    clock.advance(30 * 60_000);
    await run();
    await sent(`lead-reminder:${lead.id}`);
    expect(reminders('Decision Maker')[0].text).toContain('within 1 h');
  });

  it('leaves answered leads alone', async () => {
    const lead = await deliveredLead(app, { name: 'Quick Answer' });
    await app.slack.blockAction({ userId: PEOPLE.rep.id, actionId: ACTIONS.leadAccept, channelId: lead.channel, messageTs: lead.ts });
    await eventually(async () => (await leadRow(app, lead.id))?.status === 'accepted');
    clock.advance(100 * HOUR);
    await run();
    expect(await leadRow(app, lead.id)).toMatchObject({ reminded_at: null, escalated_at: null });
    expect(escalations('Quick Answer')).toHaveLength(0);
  });
});
