import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { leadSlaJob } from '../../src/jobs/lead-sla.ts';
import { deliveredLead, dmMessage, eventually, leadRow } from '../leads/support.ts';
import { PEOPLE, SALES_CHANNEL, startTestApp, type TestApp } from '../support/harness.ts';

const HOUR = 3_600_000;
const { rep, rep2 } = PEOPLE;

// The SLA ladder from ROUTING: remind, escalate, then hand the lead to the next rep of its pool;
// each step once, also across a restart.

const dir = mkdtempSync(join(tmpdir(), 'handoff-ladder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the SLA ladder with reassign_at', () => {
  it('reminds at half the SLA, escalates at all of it, and moves the lead to the next rep at twice it, each once', async () => {
    const routing = join(dir, 'routing.yaml');
    writeFileSync(routing, `pools:\n  - name: inbound\n    reps: [${rep.id}, ${rep2.id}]\nsla_ladder:\n  - remind_at: 0.5\n  - escalate_at: 1.0\n  - reassign_at: 2.0\n`);
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const env = { ROUTING: routing };
    let app: TestApp = await startTestApp({ clock, env });
    const databaseUrl = app.databaseUrl;
    const standIn = app.standIn;
    try {
      const lead = await deliveredLead(app, { name: 'Lad Der', stage: 'decision' });
      const run = () => leadSlaJob.run(app.handoff.deps);
      const rep2Dms = () => standIn.messages(standIn.dmChannelFor(rep2.id)).filter((m) => m.text?.includes('Lad Der'));

      clock.advance(HOUR / 2);
      await run();
      await run();
      clock.advance(HOUR / 2);
      await run();
      await eventually(() => standIn.messages(SALES_CHANNEL).some((m) => m.text?.includes('Lad Der')), 5000, 'the escalation');
      expect(standIn.messages(standIn.dmChannelFor(rep.id)).filter((m) => m.text?.startsWith('⏳'))).toHaveLength(1);

      // A restart between the steps changes nothing about them.
      await app.stopApp();
      app = await startTestApp({ clock, env, databaseUrl, reuseStandIn: standIn });
      clock.advance(HOUR - 60_000);
      await leadSlaJob.run(app.handoff.deps);
      expect((await leadRow(app, lead.id))?.owner_slack_id).toBe(rep.id);
      clock.advance(60_000);
      await Promise.all([leadSlaJob.run(app.handoff.deps), leadSlaJob.run(app.handoff.deps)]);
      const moved = await eventually(async () => {
        const row = await leadRow(app, lead.id);
        return row?.owner_slack_id === rep2.id && row.delivery === 'delivered' ? row : undefined;
      }, 8000, 'the lead to move to the next rep');
      expect(rep2Dms()).toHaveLength(1);
      const old = await eventually(() => {
        const m = dmMessage(app, lead);
        return m?.text?.startsWith('↪️') ? m : undefined;
      }, 5000, 'the old DM to say where it went');
      expect(old.text).toBe(`↪️ *Lad Der (CTO, Analytical Engines)* moved to <@${rep2.id}>: it went unanswered well past its SLA, so its pool gave it to them. Nothing for you to do.`);
      const timeline = (await app.get(`/api/leads/${lead.id}`)).json.timeline;
      const reassigned = timeline.filter((e: any) => e.type === 'reassigned');
      expect(reassigned).toHaveLength(1);
      expect(reassigned[0].detail.why).toBe(`unanswered past 2× its SLA with <@${rep.id}>; pool inbound, round robin`);

      // The new owner's clock starts at their DM: no second move at once.
      await leadSlaJob.run(app.handoff.deps);
      expect((await leadRow(app, lead.id))?.owner_slack_id).toBe(rep2.id);
      expect(moved.reminded_at).toBeNull();
    } finally {
      await app.stop();
    }
  });

  it('refuses a ladder whose steps are out of order', async () => {
    const routing = join(dir, 'bad-ladder.yaml');
    writeFileSync(routing, `pools:\n  - name: a\n    reps: [${rep.id}]\nsla_ladder:\n  - escalate_at: 1.0\n  - reassign_at: 0.8\n`);
    const { loadRouting } = await import('../../src/domain/routing/rules.ts');
    expect(() => loadRouting(routing)).toThrow('sla_ladder: reassign_at must come after escalate_at');
  });
});

describe('business-hours SLA clocks', () => {
  it('count only working hours: a lead from Friday evening is escalated on Monday morning, not over the weekend', async () => {
    const routing = join(dir, 'business.yaml');
    writeFileSync(routing, `working_hours: "Mon-Fri 09:00-18:00"\nbusiness_hours_sla: true\npools:\n  - name: inbound\n    reps: [${rep.id}]\n`);
    const clock = new ManualClock('2026-11-27T17:30:00Z'); // Friday, half an hour before closing (TZ is UTC)
    const app = await startTestApp({ clock, env: { ROUTING: routing } });
    try {
      const lead = await deliveredLead(app, { name: 'Fri Day', stage: 'decision' }); // SLA 1 h
      const run = () => leadSlaJob.run(app.handoff.deps);
      clock.set('2026-11-27T18:01:00Z');
      await run();
      expect(await leadRow(app, lead.id)).toMatchObject({ reminded_at: '2026-11-27T18:01:00.000Z', escalated_at: null });
      const reminder = await eventually(() => app.standIn.messages(app.standIn.dmChannelFor(rep.id)).find((m) => m.text?.startsWith('⏳')), 5000, 'the reminder');
      // "by" the working-hours due time: Monday 09:30.
      expect(reminder.text).toContain('<!date^1796031000^');
      clock.set('2026-11-28T12:00:00Z'); // Saturday: 18.5 h of wall time, 30 min of working time
      await run();
      clock.set('2026-11-30T09:29:00Z');
      await run();
      expect((await leadRow(app, lead.id))?.escalated_at).toBeNull();
      clock.set('2026-11-30T09:31:00Z');
      await run();
      expect((await leadRow(app, lead.id))?.escalated_at).toBe('2026-11-30T09:31:00.000Z');
    } finally {
      await app.stop();
    }
  });

  it('needs working hours to count', async () => {
    const routing = join(dir, 'no-hours.yaml');
    writeFileSync(routing, `business_hours_sla: true\npools:\n  - name: a\n    reps: [${rep.id}]\n`);
    const { loadRouting } = await import('../../src/domain/routing/rules.ts');
    expect(() => loadRouting(routing)).toThrow('business_hours_sla: needs working_hours, the hours its clocks count');
  });
});
