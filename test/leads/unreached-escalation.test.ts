import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { leadOwnersJob } from '../../src/jobs/lead-owners.ts';
import { leadSlaJob } from '../../src/jobs/lead-sla.ts';
import { MARKETING_CHANNEL, SALES_CHANNEL, startTestApp, type TestApp } from '../support/harness.ts';
import { eventually, leadBody, leadRow } from './support.ts';

const HOUR = 3_600_000;
const NEWHIRE = { id: 'UJANE0001', email: 'jane@yourco.example', real_name: 'Jane Newhire' };
const GONE = 'UGONE0001';

// Leads that never reached an owner: nobody but SALES_CHANNEL can act on them.
describe('speed to lead for a lead nobody received', () => {
  let app: TestApp;
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  beforeAll(async () => { app = await startTestApp({ clock }); });
  afterAll(async () => { await app.stop(); });

  const run = () => leadSlaJob.run(app.handoff.deps);
  const escalations = (name: string) => app.standIn.messages(SALES_CHANNEL).filter((m) => m.text?.includes(name));
  const sent = async (dedupeKey: string) => {
    await eventually(async () => {
      const row = await app.handoff.deps.db.selectFrom('outbox').select('status').where('dedupe_key', '=', dedupeKey).executeTakeFirst();
      return row?.status === 'sent';
    }, 8000, `${dedupeKey} to be sent`);
  };
  const timeline = async (id: string) => (await app.get(`/api/leads/${id}`)).json.timeline.map((e: { type: string }) => e.type);

  it('escalates a lead whose owner is not in Slack once at its full SLA, saying who is missing, and not again once that owner arrives', async () => {
    const body = leadBody({ name: 'Orphan Lead', owner: { email: NEWHIRE.email } });
    expect((await app.post('/webhooks/leads', body)).status).toBe(202);
    await eventually(() => app.standIn.messages(MARKETING_CHANNEL).some((m) => m.text?.includes(NEWHIRE.email)), 5000, 'the owner-not-found notice');

    clock.advance(24 * HOUR - 60_000);
    await run();
    expect(await leadRow(app, body.id)).toMatchObject({ delivery: 'awaiting_owner', reminded_at: null, escalated_at: null });

    clock.advance(60_000);
    await Promise.all([run(), run()]);
    await run();
    await sent(`lead-escalation:${body.id}`);
    const escalated = escalations('Orphan Lead');
    expect(escalated).toHaveLength(1);
    expect(escalated[0].text).toBe(
      `🚨 *Orphan Lead* (Analytical Engines) has waited more than 24 h (consideration stage, SLA) and nobody could answer it: ` +
      `its owner ${NEWHIRE.email} is not in this Slack workspace — the first to click *Claim* takes it (CRM id \`${body.id}\`).`,
    );
    expect(escalated[0].text).not.toContain('ada@analytical.example');
    expect(await leadRow(app, body.id)).toMatchObject({ reminded_at: null, escalated_at: clock.now().toISOString() });

    app.standIn.addUser(NEWHIRE);
    await leadOwnersJob.run(app.handoff.deps);
    await eventually(async () => (await leadRow(app, body.id))?.delivery === 'delivered', 8000, 'the DM to the new owner');
    clock.advance(48 * HOUR);
    await run();
    await run();
    expect(escalations('Orphan Lead')).toHaveLength(1);
    expect(app.standIn.messages(app.standIn.dmChannelFor(NEWHIRE.id)).filter((m) => m.text?.startsWith('⏳'))).toHaveLength(0);
    expect(await timeline(body.id)).toEqual(['received', 'escalated', 'delivered']);
  });

  it('escalates a lead whose DM Slack refused for good, naming the owner it could not reach', async () => {
    // What Slack answers for a deactivated or mistyped user: the DM can never be opened.
    app.standIn.addFault({ method: 'conversations.open', fault: { kind: 'slack_error', error: 'user_not_found' }, match: (a) => a.users === GONE });
    const body = leadBody({ name: 'Lost <!channel> DM', company: 'Acme & <Sons>', stage: 'decision', owner: { slack_user_id: GONE } });
    expect((await app.post('/webhooks/leads', body)).status).toBe(202);
    await eventually(async () => (await leadRow(app, body.id))?.delivery === 'failed', 8000, 'the DM to fail');

    clock.advance(30 * 60_000);
    await run();
    expect(await leadRow(app, body.id)).toMatchObject({ reminded_at: null, escalated_at: null });

    clock.advance(30 * 60_000);
    await Promise.all([run(), run()]);
    await sent(`lead-escalation:${body.id}`);
    const escalated = escalations('Lost &lt;!channel&gt; DM');
    expect(escalated).toHaveLength(1);
    expect(escalated[0].text).toBe(
      '🚨 *Lost &lt;!channel&gt; DM* (Acme &amp; &lt;Sons&gt;) has waited more than 1 h (decision stage, SLA) and nobody could answer it: ' +
      `its DM to <@${GONE}> could not be delivered — the first to click *Claim* takes it (CRM id \`${body.id}\`).`,
    );
    expect(await timeline(body.id)).toEqual(['received', 'delivery_failed', 'escalated']);
  });

  it('counts from the DM once an owner is found before the SLA: reminded at half of it, not escalated for the wait before', async () => {
    const late = { id: 'ULATE0001', email: 'late@yourco.example', real_name: 'Lee Late' };
    const body = leadBody({ name: 'Found Late', owner: { email: late.email } });
    expect((await app.post('/webhooks/leads', body)).status).toBe(202);
    await eventually(() => app.standIn.messages(MARKETING_CHANNEL).some((m) => m.text?.includes(late.email)), 5000, 'the owner-not-found notice');

    clock.advance(20 * HOUR);
    app.standIn.addUser(late);
    await leadOwnersJob.run(app.handoff.deps);
    await eventually(async () => (await leadRow(app, body.id))?.delivery === 'delivered', 8000, 'the DM to the owner');
    clock.advance(12 * HOUR);
    await run();
    await sent(`lead-reminder:${body.id}`);
    expect(await leadRow(app, body.id)).toMatchObject({ escalated_at: null });
    expect(escalations('Found Late')).toHaveLength(0);
  });
});
