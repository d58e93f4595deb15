import { reconcileLeadDeliveries } from '../domain/leads/delivery.ts';
import type { Job } from './index.ts';

/** People learned a day ago are confirmed with Slack a few at a time, in the background. */
const CONFIRMATIONS_PER_RUN = 20;

/**
 * Leads whose owner Slack did not know are looked up again every minute (a miss is kept a
 * minute); people learned long ago are confirmed; DMs the outbox delivered without their hook
 * having run (a kill in between) are recorded.
 */
export const leadOwnersJob: Job = {
  name: 'lead-owners',
  schedule: '* * * * *',
  runAtStart: true,
  async run(deps) {
    deps.owners.kick(await deps.directory.dueForCheck(CONFIRMATIONS_PER_RUN));
    await deps.owners.resolveWaiting();
    const reconciled = await reconcileLeadDeliveries(deps);
    if (reconciled > 0) deps.logger.info({ reconciled }, 'recorded lead DMs delivered before a restart');
  },
};
