import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { digestJob } from '../../src/jobs/digest.ts';
import { outboxDrained } from '../support/content-fixtures.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

// A fresh install must not open with an all-zero digest: the start-up catch-up is for a digest
// time Handoff was down for, not one that passed before it existed.

const CHANNEL = 'CDIGEST001';
const env = { DIGEST_CHANNELS: CHANNEL, DIGEST_CRON: '0 9 * * 1', TZ: 'UTC' };

describe('the digest of a fresh install', () => {
  const apps: TestApp[] = [];
  afterEach(async () => { for (const app of apps.splice(0).reverse()) await app.stop(); });

  it('posts nothing at the first start after this week’s digest time, then goes out on the next Monday', async () => {
    const clock = new ManualClock('2026-11-25T13:00:00Z'); // Wednesday: Monday 09:00 has passed
    const app = await startTestApp({ clock, env, scheduler: true });
    apps.push(app);
    // The start-up run has had its turn: it looked and let this week be.
    await new Promise((r) => setTimeout(r, 300));
    await outboxDrained(app.handoff.deps.db);
    expect(app.standIn.messages(CHANNEL)).toHaveLength(0);
    expect(await app.handoff.deps.db.selectFrom('digest_posts').selectAll().execute()).toHaveLength(0);

    clock.set('2026-11-30T09:00:00Z');
    await digestJob(app.handoff.deps).run(app.handoff.deps);
    await outboxDrained(app.handoff.deps.db);
    expect(app.standIn.messages(CHANNEL).map((m) => m.blocks![0].text.text)).toEqual(['📬 Handoff weekly digest · Mon 23 Nov – Mon 30 Nov']);
  });

  it.each([
    ['Monday, a minute before the digest time', '2026-11-23T08:59:00Z', '2026-11-23T09:00:00Z'],
    ['Monday, a minute after it', '2026-11-23T09:01:00Z', '2026-11-30T09:00:00Z'],
    ['Friday afternoon', '2026-11-27T16:30:00Z', '2026-11-30T09:00:00Z'],
    ['Sunday, just before midnight', '2026-11-29T23:59:00Z', '2026-11-30T09:00:00Z'],
  ])('starting on %s posts nothing at once, and the first digest at the next scheduled time', async (_when, start, next) => {
    const clock = new ManualClock(start);
    const app = await startTestApp({ clock, env, scheduler: true });
    apps.push(app);
    await new Promise((r) => setTimeout(r, 300));
    await outboxDrained(app.handoff.deps.db);
    expect(app.standIn.messages(CHANNEL)).toHaveLength(0);
    clock.set(next);
    await digestJob(app.handoff.deps).run(app.handoff.deps);
    await outboxDrained(app.handoff.deps.db);
    expect(app.standIn.messages(CHANNEL).map((m) => String(m.blocks![0].text.text).split(' · ')[0])).toEqual(['📬 Handoff weekly digest']);
  });
});
