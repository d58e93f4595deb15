import type { Kysely } from 'kysely';
import type { Database, OutboxRow } from '../db/schema.ts';
import type { CrmWrite } from '../domain/crm/write-back.ts';
import { crmRefusedNotice } from '../views/crm-refused.ts';
import { deliveryFailedNotice } from '../views/delivery-failed.ts';
import { urlTag } from '../domain/events/publish.ts';
import { enqueue, type SlackPostPayload } from './outbox.ts';

const iso = (d: Date) => d.toISOString();

/** Records a delivery. True when this call moved the row (so its hook is told exactly once per sender). */
export async function markSent(db: Kysely<Database>, row: OutboxRow, result: unknown, now: Date): Promise<boolean> {
  const updated = await db
    .updateTable('outbox')
    .set({ status: 'sent', result: JSON.stringify(result), sent_at: iso(now), last_error: null, claimed_by: null, claimed_until: null })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Puts the row back in the queue for a later attempt and gives up this sender's claim. */
export async function reschedule(
  db: Kysely<Database>,
  row: OutboxRow,
  claimer: string,
  change: { nextAttemptAt: Date; error: string; uncertainAt: Date | undefined },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      next_attempt_at: iso(change.nextAttemptAt),
      last_error: change.error.slice(0, 2000),
      claimed_by: null,
      claimed_until: null,
      ...(change.uncertainAt ? { uncertain_at: eb.fn.coalesce('uncertain_at', eb.val(iso(change.uncertainAt))) } : {}),
    }))
    .where('id', '=', row.id)
    .where('claimed_by', '=', claimer)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * Gives up on a row and, in the same transaction, tells marketing once (dedupe key per row),
 * unless the row was itself a message to the marketing channel (telling it would fail too).
 */
export async function markFailed(
  db: Kysely<Database>,
  row: OutboxRow,
  error: string,
  now: Date,
  marketingChannel: string | undefined,
): Promise<{ changed: boolean; noticeQueued: boolean }> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('outbox')
      .set({ status: 'failed', failed_at: iso(now), last_error: error.slice(0, 2000), claimed_by: null, claimed_until: null })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { changed: false, noticeQueued: false };
    if (!marketingChannel || targetsChannel(row, marketingChannel)) return { changed: true, noticeQueued: false };
    const write = row.kind === 'crm' ? crmWriteOf(row) : undefined;
    const notice = write
      ? crmRefusedNotice(write, error)
      : deliveryFailedNotice({
          outboxId: row.id,
          kind: row.kind,
          target: row.target,
          error,
          refType: row.ref_type,
          refId: row.ref_id,
          preview: previewOf(row),
        });
    const payload: SlackPostPayload = { channel: marketingChannel, ...notice };
    // Events to one receiver fail together (it is down): marketing hears once a day per receiver.
    // A wrong status map fails every answer the same way: marketing hears once a day per CRM and cause.
    const day = iso(now).slice(0, 10);
    const dedupeKey = row.kind === 'webhook'
      ? `delivery-failed:webhook:${urlTag(row.target)}:${day}`
      : write
        ? `crm-refused:${write.crm}:${write.op}:${urlTag(error.replace(/:.*$/, ''))}:${day}`
        : `delivery-failed:${row.id}`;
    const queued = await enqueue(trx, now, { kind: 'slack.post', target: marketingChannel, payload, dedupeKey });
    return { changed: true, noticeQueued: queued.created };
  });
}

function crmWriteOf(row: OutboxRow): CrmWrite | undefined {
  try {
    return JSON.parse(row.payload) as CrmWrite;
  } catch {
    return undefined;
  }
}

function targetsChannel(row: OutboxRow, channel: string): boolean {
  if (row.target === channel) return true;
  try {
    return (JSON.parse(row.payload) as { channel?: unknown }).channel === channel;
  } catch {
    return false;
  }
}

function previewOf(row: OutboxRow): string | undefined {
  try {
    const payload = JSON.parse(row.payload) as { text?: unknown; eventId?: unknown; body?: { type?: unknown; data?: { lead?: { id?: unknown } | null } } };
    if (typeof payload.text === 'string') return payload.text;
    const type = payload.body?.type;
    const lead = payload.body?.data?.lead?.id;
    if (typeof type === 'string') return `${type}${typeof lead === 'string' ? ` for lead ${lead}` : ''} (${String(payload.eventId)})`;
    if (typeof payload.eventId === 'string') return `event ${payload.eventId}`;
  } catch {
    // A payload we cannot read is reported without a preview.
  }
  return undefined;
}
