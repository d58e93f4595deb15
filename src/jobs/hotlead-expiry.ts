import type { Deps } from '../deps.ts';
import { liftEndedPauses, warnEndingPauses } from '../domain/hotleads/expiry.ts';
import type { Job } from './index.ts';

/** Lifts hot-lead pauses at their end and warns reps a day ahead; safe to run any number of times. */
export const hotleadExpiryJob: Job = {
  name: 'hotlead-expiry',
  schedule: '*/5 * * * *',
  runAtStart: true,
  async run(deps: Deps): Promise<void> {
    const lifted = await liftEndedPauses(deps);
    const warned = await warnEndingPauses(deps);
    if (lifted || warned) deps.logger.info({ lifted, warned }, 'hot-lead pauses checked');
  },
};
