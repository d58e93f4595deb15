import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { enqueue } from '../../src/delivery/outbox.ts';
import { retentionJob } from '../../src/jobs/retention.ts';
import { deliveredLead, openHome } from '../leads/support.ts';
import { PEOPLE, startTestApp, type TestApp } from '../support/harness.ts';

const DAY = 86_400_000;

// Nothing grows for ever: delivery and deduplication bookkeeping goes once past its use; the
// leads, their timelines and anything still to send stay.

describe('the nightly retention job', () => {
  let app: TestApp;
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  let leadId: string;

  beforeAll(async () => {
    app = await startTestApp({ clock, env: { RETENTION_DAYS: '30' } });
    leadId = (await deliveredLead(app, { name: 'Kept Forever' })).id;
    await openHome(app, PEOPLE.rep.id);
    // A message still waiting its turn (a long backoff): it must survive any purge.
    const { id } = await enqueue(app.handoff.deps.db, clock.now(), { kind: 'webhook', target: 'http://127.0.0.1:9/down', payload: { eventId: 'evt_waiting', body: {} } });
    await app.handoff.deps.db.updateTable('outbox').set({ next_attempt_at: '2030-01-01T00:00:00.000Z' }).where('id', '=', id!).execute();
  });
  afterAll(async () => { await app.stop(); });

  const count = async (table: 'outbox' | 'slack_events' | 'leads' | 'lead_events', where?: (q: any) => any) => {
    let q = app.handoff.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (where) q = where(q);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };

  it('drops Slack event ids after a day, and sent messages only after RETENTION_DAYS, keeping leads and what is still to send', async () => {
    expect(await count('slack_events')).toBeGreaterThan(0);
    const sentBefore = await count('outbox', (q) => q.where('status', '=', 'sent'));
    expect(sentBefore).toBeGreaterThan(0);

    clock.advance(2 * DAY);
    await retentionJob.run(app.handoff.deps);
    expect(await count('slack_events')).toBe(0);
    expect(await count('outbox', (q) => q.where('status', '=', 'sent'))).toBe(sentBefore);

    clock.advance(29 * DAY);
    await retentionJob.run(app.handoff.deps);
    expect(await count('outbox', (q) => q.where('status', '=', 'sent'))).toBe(0);
    expect(await count('outbox', (q) => q.where('status', '=', 'pending'))).toBe(1);
    expect(await count('leads', (q) => q.where('id', '=', leadId))).toBe(1);
    expect(await count('lead_events', (q) => q.where('lead_id', '=', leadId))).toBe(2);
    // Run again: nothing more to do, nothing breaks.
    await retentionJob.run(app.handoff.deps);
    expect((await app.get(`/api/leads/${leadId}`)).json.timeline.map((e: any) => e.type)).toEqual(['received', 'delivered']);
  });
});
