import { resolvePendingOwners } from '../domain/campaigns/owners.ts';
import type { Job } from './index.ts';

/** Briefs pushed while Slack was unreachable (or before their owner joined) get their owner's Slack user. */
export const campaignOwnersJob: Job = {
  name: 'campaign-owners',
  schedule: '*/15 * * * *',
  runAtStart: true,
  async run(deps) {
    const found = await resolvePendingOwners(deps);
    if (found > 0) deps.logger.info({ found }, 'resolved campaign owners by email');
  },
};
