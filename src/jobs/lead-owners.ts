import { resolveOwners } from '../domain/leads/owners.ts';
import type { Job } from './index.ts';

/** Leads whose owner Slack did not know (or could not be asked about) are retried every minute. */
export const leadOwnersJob: Job = {
  name: 'lead-owners',
  schedule: '* * * * *',
  runAtStart: true,
  async run(deps) {
    const summary = await resolveOwners(deps);
    if (summary.handedOver > 0) deps.logger.info(summary, 'handed waiting leads to their owners');
  },
};
