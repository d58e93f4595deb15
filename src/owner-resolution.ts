import type { Deps } from './deps.ts';
import { resolveOwnerEmail, waitingOwnerEmails, type OwnerResolution } from './domain/leads/owners.ts';
import type { Logger } from './logger.ts';
import { LookupQueue } from './slack/lookup-queue.ts';

/**
 * Owner resolution, one per process: emails from new leads, from start-up and from the minute
 * job go through one queue that keeps going under Slack's rate limits (see LookupQueue).
 */
export function createOwnerResolution(deps: () => Deps, logger: Logger): OwnerResolution {
  const queue = new LookupQueue((email) => resolveOwnerEmail(deps(), email), logger);
  return {
    kick: (emails) => queue.add([...emails].map((e) => e.trim().toLowerCase())),
    async resolveWaiting() {
      queue.add(await waitingOwnerEmails(deps().db));
      await queue.idle();
    },
    stop: () => queue.stop(),
  };
}
