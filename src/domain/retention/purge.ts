import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

// What Handoff keeps only for a while: the bookkeeping of deliveries and deduplication. Leads,
// their timelines, pauses, briefs and ratings are kept.

const DAY_MS = 86_400_000;
/** Rows deleted per statement: short writes, so acks and intake never wait long behind a purge. */
const BATCH = 500;

export interface PurgeCounts {
  slackEvents: number;
  outbox: number;
  intakeSignatures: number;
  crmNotifications: number;
  jobRuns: number;
}

async function inBatches(run: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await run();
    total += n;
    if (n < BATCH) return total;
  }
}

/**
 * Slack event ids after a day (Slack retries within an hour), intake signatures past their
 * window, Salesforce notification ids and job periods after a week (it retries for a day), and sent or given-up
 * outbox rows after `retentionDays`. Pending rows are never touched.
 */
export async function purgeExpired(db: Kysely<Database>, now: Date, retentionDays: number): Promise<PurgeCounts> {
  const dayAgo = new Date(now.getTime() - DAY_MS).toISOString();
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  const keptFrom = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  const slackEvents = await inBatches(async () => Number((await db.deleteFrom('slack_events')
    .where('event_id', 'in', (eb) => eb.selectFrom('slack_events').select('event_id').where('received_at', '<', dayAgo).limit(BATCH))
    .executeTakeFirst()).numDeletedRows));
  const intakeSignatures = await inBatches(async () => Number((await db.deleteFrom('intake_signatures')
    .where('signature', 'in', (eb) => eb.selectFrom('intake_signatures').select('signature').where('expires_at', '<', dayAgo).limit(BATCH))
    .executeTakeFirst()).numDeletedRows));
  const crmNotifications = await inBatches(async () => Number((await db.deleteFrom('crm_notifications')
    .where('id', 'in', (eb) => eb.selectFrom('crm_notifications').select('id').where('received_at', '<', weekAgo).limit(BATCH))
    .executeTakeFirst()).numDeletedRows));
  const outbox = await inBatches(async () => Number((await db.deleteFrom('outbox')
    .where('id', 'in', (eb) => eb.selectFrom('outbox').select('id')
      .where((w) => w.or([w.and([w('status', '=', 'sent'), w('sent_at', '<', keptFrom)]), w.and([w('status', '=', 'failed'), w('failed_at', '<', keptFrom)])]))
      .limit(BATCH))
    .executeTakeFirst()).numDeletedRows));
  // A period's row only has to outlive the replicas' clocks disagreeing about it.
  const jobRuns = Number((await db.deleteFrom('job_runs').where('started_at', '<', weekAgo).executeTakeFirst()).numDeletedRows);
  return { slackEvents, outbox, intakeSignatures, crmNotifications, jobRuns };
}
