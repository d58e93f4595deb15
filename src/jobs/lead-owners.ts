import { reconcileLeadDeliveries } from '../domain/leads/delivery.ts';
import { resolveOwners } from '../domain/leads/owners.ts';
import type { Job } from './index.ts';

/**
 * Leads whose owner Slack did not know (or could not be asked about) are retried every minute;
 * DMs the outbox delivered without their hook having run (a kill in between) are recorded.
 */
export const leadOwnersJob: Job = {
  name: 'lead-owners',
  schedule: '* * * * *',
  runAtStart: true,
  async run(deps) {
    const summary = await resolveOwners(deps);
    if (summary.handedOver > 0) deps.logger.info(summary, 'handed waiting leads to their owners');
    const reconciled = await reconcileLeadDeliveries(deps);
    if (reconciled > 0) deps.logger.info({ reconciled }, 'recorded lead DMs delivered before a restart');
  },
};
