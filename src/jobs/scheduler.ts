import { hostname } from 'node:os';
import cron from 'node-cron';
import type { Deps } from '../deps.ts';
import type { Job } from './index.ts';
import { periodClaims } from './periods.ts';

export interface Scheduler {
  stop(): Promise<void>;
}

/**
 * Runs each job on its schedule in TZ, once per scheduled time across replicas; a run still going
 * when the next is due is not doubled. Start-up catch-ups run on every replica: each job's own
 * dedupe keeps them from doing anything twice.
 */
export function startScheduler(deps: Deps, jobs: Job[]): Scheduler {
  const running = new Map<string, Promise<void>>();
  const runOnce = (job: Job, atStart = false): Promise<void> => {
    const current = running.get(job.name);
    if (current) return current;
    const run = (atStart && job.startRun ? job.startRun(deps) : job.run(deps))
      .catch((error: unknown) => deps.logger.error({ err: error, job: job.name }, 'a job failed'))
      .finally(() => running.delete(job.name));
    running.set(job.name, run);
    return run;
  };
  // Each scheduled time runs on one replica: the first to claim its period in the database.
  const runCoordinator = periodClaims(deps.db, `${hostname()}:${process.pid}`, deps.logger);
  const tasks = jobs.map((job) => cron.schedule(job.schedule, () => runOnce(job), { timezone: deps.config.timeZone, name: job.name, distributed: true, runCoordinator }));
  for (const job of jobs) if (job.runAtStart) void runOnce(job, true);
  return {
    async stop() {
      for (const task of tasks) await task.stop();
      await Promise.all(running.values());
    },
  };
}
