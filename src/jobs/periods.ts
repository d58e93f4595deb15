import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Logger } from '../logger.ts';

/**
 * node-cron's run coordinator, kept in the database: before a job runs for a scheduled time,
 * its (job, period) row is inserted; the replica whose insert lands runs it and the others pass.
 * node-cron names the period `<job>:<scheduled time ISO>`, the same on every replica whose clock
 * is within the minute. A replica that dies mid-run leaves the period to the next one; every job
 * is written to catch up on what an earlier period left.
 */
export function periodClaims(db: Kysely<Database>, claimer: string, logger: Logger) {
  const ISO_LENGTH = '2026-01-01T00:00:00.000Z'.length;
  const split = (key: string) => ({ job: key.slice(0, -ISO_LENGTH - 1), period: key.slice(-ISO_LENGTH) });
  return {
    async shouldRun(key: string): Promise<boolean> {
      const { job, period } = split(key);
      const inserted = await db
        .insertInto('job_runs')
        .values({ job, period, claimed_by: claimer, started_at: new Date().toISOString(), finished_at: null })
        .onConflict((oc) => oc.columns(['job', 'period']).doNothing())
        .executeTakeFirst();
      const mine = Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
      if (!mine) logger.debug({ job, period }, 'another replica runs this period of the job');
      return mine;
    },
    async onComplete(key: string): Promise<void> {
      const { job, period } = split(key);
      await db.updateTable('job_runs').set({ finished_at: new Date().toISOString() }).where('job', '=', job).where('period', '=', period).where('claimed_by', '=', claimer).execute();
    },
  };
}
