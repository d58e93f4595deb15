import { HELD_SUMMARY_HOUR, postHeldSummary } from '../domain/mql/held.ts';
import type { Job } from './index.ts';

/** Daily at 08:00 in TZ, and at start to catch up a day the app was down at that hour. */
export function heldSummaryJob(): Job {
  return {
    name: 'held-summary',
    schedule: `0 ${HELD_SUMMARY_HOUR} * * *`,
    runAtStart: true,
    async run(deps) {
      await postHeldSummary(deps);
    },
  };
}
