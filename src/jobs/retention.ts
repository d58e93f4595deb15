import { purgeExpired } from '../domain/retention/purge.ts';
import type { Job } from './index.ts';

/** Nightly: deletes delivery and deduplication bookkeeping past its use (see purgeExpired). Idempotent. */
export const retentionJob: Job = {
  name: 'retention',
  schedule: '17 3 * * *',
  async run(deps) {
    const purged = await purgeExpired(deps.db, deps.clock.now(), deps.config.retentionDays);
    if (Object.values(purged).some((n) => n > 0)) deps.logger.info({ purged }, 'purged bookkeeping past its retention');
  },
};
