import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/jobs/index.ts';
import { startScheduler } from '../../src/jobs/scheduler.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

// Two replicas on one database, each with its scheduler, as `handoff start` runs them.
describe('scheduled jobs across replicas', () => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0).reverse()) await app.stop();
  });

  it('run each scheduled time once, on whichever replica claims it first', async () => {
    const first = await startTestApp();
    apps.push(first);
    const second = await startTestApp({ databaseUrl: first.databaseUrl, reuseStandIn: first.standIn });
    apps.push(second);
    const runs: string[] = [];
    const job = (replica: string): Job => ({
      name: 'every-second',
      schedule: '* * * * * *',
      async run() {
        runs.push(replica);
      },
    });
    const schedulers = [startScheduler(first.handoff.deps, [job('first')]), startScheduler(second.handoff.deps, [job('second')])];
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    for (const s of schedulers) await s.stop();

    const periods = await first.handoff.deps.db.selectFrom('job_runs').selectAll().where('job', '=', 'every-second').execute();
    expect(periods.length).toBeGreaterThanOrEqual(3);
    // One run per period: without the claim each replica would run every second.
    expect(runs).toHaveLength(periods.length);
    expect(new Set(periods.map((p) => p.period)).size).toBe(periods.length);
    expect(periods.every((p) => p.finished_at !== null)).toBe(true);
  });
});
