import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { digestJob } from '../../src/jobs/digest.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { leadRow, outboxDrained, seedLeads } from '../support/content-fixtures.ts';

const CHANNELS = ['CDIGEST001', 'CDIGEST002'];
const env = { DIGEST_CHANNELS: CHANNELS.join(','), DIGEST_CRON: '0 9 * * 1', TZ: 'Europe/Paris' };

async function digestRows(app: TestApp) {
  return app.handoff.deps.db.selectFrom('outbox').select(['target', 'dedupe_key']).where('kind', '=', 'slack.post').orderBy('id').execute();
}

const runJob = (app: TestApp) => digestJob(app.handoff.deps).run(app.handoff.deps);

/** How many digests each channel has in Slack, once the outbox has sent all it holds. */
async function postedPerChannel(app: TestApp): Promise<number[]> {
  await outboxDrained(app.handoff.deps.db);
  return CHANNELS.map((c) => app.standIn.messages(c).length);
}

describe('the weekly digest goes out exactly once per channel per week', () => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0).reverse()) await app.stop();
  });

  it('posts once when the job is triggered twice at the same moment and again later that week', async () => {
    const clock = new ManualClock('2026-11-23T08:00:00Z'); // Monday 09:00 in Paris
    const app = await startTestApp({ clock, env });
    apps.push(app);
    await seedLeads(app.handoff.deps.db, [leadRow({ received_at: '2026-11-20T10:00:00.000Z' })]);
    await Promise.all([runJob(app), runJob(app)]);
    clock.set('2026-11-26T15:00:00Z');
    await runJob(app);
    expect(await digestRows(app)).toEqual(CHANNELS.map((c) => ({ target: c, dedupe_key: `digest:${c}:2026-W48` })));
    expect(await postedPerChannel(app)).toEqual([1, 1]);
    const weeks = await app.handoff.deps.db.selectFrom('digest_posts').select(['channel', 'week', 'period_start', 'period_end']).orderBy('id').execute();
    expect(weeks).toEqual(CHANNELS.map((channel) => ({ channel, week: '2026-W48', period_start: '2026-11-16T08:00:00.000Z', period_end: '2026-11-23T08:00:00.000Z' })));
  });

  it('does not post again after a restart on the same database, and posts the next week', async () => {
    const clock = new ManualClock('2026-11-23T08:00:00Z');
    const first = await startTestApp({ clock, env });
    await runJob(first);
    await first.stopApp();

    clock.set('2026-11-23T08:05:00Z');
    const second = await startTestApp({ clock, env, databaseUrl: first.databaseUrl, reuseStandIn: first.standIn });
    apps.push(first, second);
    await runJob(second);
    expect(await digestRows(second)).toHaveLength(2);
    expect(await postedPerChannel(second)).toEqual([1, 1]);

    clock.set('2026-11-30T08:00:00Z');
    await runJob(second);
    expect((await digestRows(second)).map((r) => r.dedupe_key)).toEqual([
      ...CHANNELS.map((c) => `digest:${c}:2026-W48`),
      ...CHANNELS.map((c) => `digest:${c}:2026-W49`),
    ]);
    expect(await postedPerChannel(second)).toEqual([2, 2]);
  });
});

describe('catching up after downtime', () => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0).reverse()) await app.stop();
  });

  it('waits for the scheduled time of the week, in TZ', async () => {
    const clock = new ManualClock('2026-11-23T07:59:00Z'); // Monday 08:59 in Paris
    const app = await startTestApp({ clock, env });
    apps.push(app);
    await runJob(app);
    expect(await digestRows(app)).toEqual([]);
    clock.set('2026-11-23T08:00:00Z');
    await runJob(app);
    expect(await postedPerChannel(app)).toEqual([1, 1]);
  });

  it('posts at start-up when the app was down at the scheduled time, for this week only', async () => {
    const clock = new ManualClock('2026-11-20T10:00:00Z'); // Friday of W47: that week's digest went out before
    const before = await startTestApp({ clock, env });
    await runJob(before);
    const sent = (await digestRows(before)).length;
    await before.stopApp();

    // Down over the weekend and through Monday 09:00; back on Wednesday.
    clock.set('2026-11-25T13:00:00Z');
    const after = await startTestApp({ clock, env, databaseUrl: before.databaseUrl, reuseStandIn: before.standIn, scheduler: true });
    apps.push(before, after);
    const rows = await (async () => {
      for (let i = 0; i < 200; i++) {
        const r = await digestRows(after);
        if (r.length >= sent + 2) return r;
        await new Promise((res) => setTimeout(res, 25));
      }
      return digestRows(after);
    })();
    expect(rows.slice(sent).map((r) => r.dedupe_key)).toEqual(CHANNELS.map((c) => `digest:${c}:2026-W48`));
    const period = await after.handoff.deps.db.selectFrom('digest_posts').select(['period_end']).where('week', '=', '2026-W48').executeTakeFirstOrThrow();
    expect(period.period_end).toBe('2026-11-23T08:00:00.000Z');
    expect(await postedPerChannel(after)).toEqual([2, 2]);
    const latest = after.standIn.messages(CHANNELS[0]).at(-1)!;
    expect(latest.blocks![0].text.text).toBe('📬 Handoff weekly digest · Mon 16 Nov – Mon 23 Nov');
  });

  it('does not post last week’s digest when the app comes back after the week ended', async () => {
    const clock = new ManualClock('2026-11-30T07:00:00Z'); // Monday 08:00 in Paris: W49 not due, W48 is over
    const app = await startTestApp({ clock, env });
    apps.push(app);
    await runJob(app);
    expect(await digestRows(app)).toEqual([]);
  });
});
