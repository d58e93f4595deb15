import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, type TestApp } from '../support/harness.ts';
import { hotlead, insertLead, noticesTo, pauses, startHotleadApp, startReceiver, timeline } from './support.ts';
import { MARKETING_CHANNEL } from '../support/harness.ts';

const { rep, rep2, stranger } = PEOPLE;

// A deal closes early, or the rep picked too long a pause: the end date comes in, and everyone
// who was told of the pause is told of the new end.

describe('/hotlead shorten', () => {
  let app: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startHotleadApp({ env: { HANDOFF_OUTBOUND_WEBHOOK_URL: receiver.url, HANDOFF_OUTBOUND_EVENTS: 'lead.shortened' } });
    await insertLead(app, { id: 'crm-short', email: 'short@customer.example', name: 'Sho Rter', owner_slack_id: rep.id });
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  it('ends a pause sooner, tells marketing, the timeline and the email tool, and refuses to lengthen it', async () => {
    await hotlead(app, rep.id, 'short@customer.example a month');
    expect(await hotlead(app, rep.id, 'shorten short@customer.example 1w'))
      .toBe(':scissors: The pause on Sho Rter (short@customer.example) now ends after *Mon 30 Nov 2026* (was Wed 23 Dec 2026). #marketing has been told.');
    const [pause] = await pauses(app);
    expect(pause.paused_until).toBe('2026-12-01T00:00:00.000Z');
    const notices = await noticesTo(app, MARKETING_CHANNEL);
    expect(notices.at(-1)).toBe(`:scissors: The pause on marketing emails to Sho Rter (short@customer.example) now ends after Mon 30 Nov 2026 (was Wed 23 Dec 2026) — shortened by <@${rep.id}>`);
    expect((await timeline(app, 'crm-short')).map((e) => e.type)).toEqual(['hot_paused', 'hot_shortened']);
    const [event] = receiver.accepted();
    expect(event.json).toMatchObject({ type: 'lead.shortened', data: { email: 'short@customer.example', paused_until: '2026-12-01T00:00:00.000Z', last_day: '2026-11-30', previous_paused_until: '2026-12-24T00:00:00.000Z' } });

    expect(await hotlead(app, rep.id, 'shorten short@customer.example 3 months')).toContain('already ends after *Mon 30 Nov 2026*, no later than that: nothing changed');
    expect(await hotlead(app, stranger.id, 'shorten short@customer.example 2d')).toContain("You can't shorten the pause on Sho Rter");
    expect(await hotlead(app, rep2.id, 'shorten nobody@customer.example 2d')).toBe('nobody@customer.example is not paused, so there is nothing to shorten.');
    expect(await hotlead(app, rep.id, 'shorten short@customer.example')).toContain('`shorten` needs the email and the new length');
    expect((await pauses(app))[0].paused_until).toBe('2026-12-01T00:00:00.000Z');
  });
});
