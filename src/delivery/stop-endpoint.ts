import type { Kysely } from 'kysely';
import type { Database, OutboxRow } from '../db/schema.ts';
import { urlTag } from '../domain/events/publish.ts';
import { endpointStoppedNotice } from '../views/endpoint-stopped.ts';
import { enqueue } from './outbox.ts';

/**
 * A receiver answered 410 Gone: records the stop (every replica then queues nothing more for it),
 * drops what was waiting for it, and tells marketing once, all in one transaction. True when this
 * call made the stop (and so queued the notice).
 */
export async function stopEndpoint(db: Kysely<Database>, row: OutboxRow, now: Date, marketingChannel: string | undefined): Promise<boolean> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const dropped = await trx
      .updateTable('outbox')
      .set({ status: 'failed', failed_at: at, last_error: 'http_410: the receiver is gone; events to it stopped', claimed_by: null, claimed_until: null })
      .where('kind', '=', 'webhook')
      .where('target', '=', row.target)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    const inserted = await trx
      .insertInto('stopped_endpoints')
      .values({ url: row.target, reason: 'http_410', dropped: Math.max(0, Number(dropped.numUpdatedRows) - 1), stopped_at: at })
      .onConflict((oc) => oc.column('url').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0 || !marketingChannel) return false;
    const notice = endpointStoppedNotice({ url: row.target, tag: urlTag(row.target), dropped: Math.max(0, Number(dropped.numUpdatedRows) - 1) });
    await enqueue(trx, now, { kind: 'slack.post', target: marketingChannel, payload: { channel: marketingChannel, ...notice }, dedupeKey: `endpoint-stopped:${urlTag(row.target)}:${at}` });
    return true;
  });
}
