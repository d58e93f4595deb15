import type { Deps } from '../deps.ts';
import { runWeeklyDigests } from '../domain/digest/post.ts';
import type { Job } from './index.ts';

/**
 * The weekly digest on DIGEST_CRON in TZ. Also run at start-up: when the app was down at the
 * scheduled time, this week's digest goes out as soon as it is back (never last week's).
 */
export function digestJob(deps: Deps): Job {
  return {
    name: 'weekly-digest',
    schedule: deps.config.digestCron,
    runAtStart: true,
    async run(d) {
      if (d.config.digestChannels.length === 0) return;
      await runWeeklyDigests(d);
    },
    // A catch-up is for a digest time Handoff was down for, not one that passed before it was installed.
    async startRun(d) {
      if (d.config.digestChannels.length === 0) return;
      await runWeeklyDigests(d, { catchUp: true });
    },
  };
}
