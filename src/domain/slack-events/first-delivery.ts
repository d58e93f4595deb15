import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * Records a Slack event id; true the first time it is seen, on any replica. Slack redelivers an
 * event it thinks failed, and the retention job forgets the ids after a day.
 */
export async function firstDelivery(db: Kysely<Database>, eventId: string, now: Date): Promise<boolean> {
  const inserted = await db
    .insertInto('slack_events')
    .values({ event_id: eventId, received_at: now.toISOString() })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
}
