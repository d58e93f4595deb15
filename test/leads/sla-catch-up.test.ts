import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { leadSlaJob } from '../../src/jobs/lead-sla.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { deliveredLead, leadRow } from './support.ts';

const HOUR = 3_600_000;
const BACKLOG = 1_500;

// After an outage, thousands of leads can be past their SLA at once. Catching up must not keep
// the app from answering: Slack gives up on an ack after 3 seconds, load balancers on /healthz.
describe('speed to lead after an outage', () => {
  let app: TestApp;
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  beforeAll(async () => { app = await startTestApp({ clock }); });
  afterAll(async () => { await app.stop(); });

  it('answers requests while it escalates a backlog of overdue leads, and escalates every one of them once', async () => {
    const first = await deliveredLead(app, { name: 'Backlog Lead' });
    const row = (await leadRow(app, first.id))!;
    const ids = Array.from({ length: BACKLOG }, (_, n) => `backlog-${String(n).padStart(5, '0')}`);
    await app.handoff.deps.db.transaction().execute(async (trx) => {
      for (const id of ids) await trx.insertInto('leads').values({ ...row, id }).execute();
    });
    clock.advance(100 * HOUR);

    let finished = false;
    const run = leadSlaJob.run(app.handoff.deps).then(() => { finished = true; });
    const health = await app.get('/healthz');
    const answeredDuringCatchUp = !finished;
    await run;

    expect(health.status).toBe(200);
    expect(answeredDuringCatchUp).toBe(true);
    const escalated = await app.handoff.deps.db.selectFrom('leads').select((eb) => eb.fn.countAll<number>().as('n')).where('escalated_at', 'is not', null).executeTakeFirstOrThrow();
    expect(Number(escalated.n)).toBe(BACKLOG + 1);
    // One roll-up per page of 100 rather than 1,501 messages in a row; together they count every lead.
    const notices = await app.handoff.deps.db.selectFrom('outbox').select(['dedupe_key', 'payload']).where('dedupe_key', 'like', 'lead-escalation%').execute();
    expect(notices.length).toBe(Math.ceil((BACKLOG + 1) / 100));
    expect(notices.every((n) => n.dedupe_key!.startsWith('lead-escalation-rollup:'))).toBe(true);
    const counted = notices.map((n) => Number(/\*(\d+) leads? ha(?:ve|s) waited past their SLA/.exec(JSON.parse(n.payload).text)?.[1]));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(BACKLOG + 1);
    expect(JSON.parse(notices[0].payload).text).toContain(`• <@${row.owner_slack_id}>: 100 leads, among them *Backlog Lead*`);

    // Run again: nothing is escalated or announced twice.
    await leadSlaJob.run(app.handoff.deps);
    expect(await app.handoff.deps.db.selectFrom('outbox').select('id').where('dedupe_key', 'like', 'lead-escalation%').execute()).toHaveLength(notices.length);
  });
});
