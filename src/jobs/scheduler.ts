import cron from 'node-cron';
import type { Deps } from '../deps.ts';
import type { Job } from './index.ts';

export interface Scheduler {
  stop(): Promise<void>;
}

/** Runs each job on its schedule in TZ; a run still going when the next is due is not doubled. */
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
  const tasks = jobs.map((job) => cron.schedule(job.schedule, () => void runOnce(job), { timezone: deps.config.timeZone, name: job.name }));
  for (const job of jobs) if (job.runAtStart) void runOnce(job, true);
  return {
    async stop() {
      for (const task of tasks) await task.stop();
      await Promise.all(running.values());
    },
  };
}
