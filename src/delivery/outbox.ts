import type { KnownBlock } from '@slack/types';
import type { Insertable, Kysely } from 'kysely';
import { powerOfTwoChunks } from '../db/chunks.ts';
import type { Database, OutboxKind, OutboxTable } from '../db/schema.ts';

export interface OutboxItem {
  kind: OutboxKind;
  /** Channel or user id for Slack messages, URL for webhooks: the unit Slack's pace applies to. */
  target: string;
  payload: unknown;
  /** At most one row ever exists per key: enqueueing it again is a no-op. */
  dedupeKey?: string;
  refType?: string;
  refId?: string;
}

// The transactions that queued a row, so whoever commits one knows to wake the sender, whatever
// queued it (a notice, an event, a CRM write-back). Weak: a finished transaction is forgotten.
const queuedIn = new WeakSet<object>();

/** Whether `db` (a transaction) has queued an outbox row: after its commit the sender has work. */
export function queuedRowsIn(db: Kysely<Database>): boolean {
  return queuedIn.has(db);
}

/**
 * Records a message to send. Call it inside the same transaction as the change it reports,
 * so the change and its message are committed together or not at all.
 */
export async function enqueue(db: Kysely<Database>, now: Date, item: OutboxItem): Promise<{ id: number | null; created: boolean }> {
  const inserted = await db
    .insertInto('outbox')
    .values(outboxRow(now, item))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) queuedIn.add(db);
  return { id: inserted?.id ?? null, created: Boolean(inserted) };
}

/** enqueue for many items in a few statements (lead intake); returns how many were new. */
export async function enqueueMany(db: Kysely<Database>, now: Date, items: OutboxItem[]): Promise<number> {
  let created = 0;
  for (const chunk of powerOfTwoChunks(items)) {
    const result = await db
      .insertInto('outbox')
      .values(chunk.map((item) => outboxRow(now, item)))
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    created += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  if (created > 0) queuedIn.add(db);
  return created;
}

function outboxRow(now: Date, item: OutboxItem): Insertable<OutboxTable> {
  const at = now.toISOString();
  return {
    kind: item.kind,
    target: item.target,
    payload: JSON.stringify(item.payload),
    dedupe_key: item.dedupeKey ?? null,
    status: 'pending',
    attempts: 0,
    next_attempt_at: at,
    claimed_by: null,
    claimed_until: null,
    last_error: null,
    result: null,
    ref_type: item.refType ?? null,
    ref_id: item.refId ?? null,
    created_at: at,
    sent_at: null,
  };
}

/** payload of kind 'slack.post' (target = channel or user id). The sender adds Slack message metadata carrying the outbox id. */
export interface SlackPostPayload {
  channel: string;
  text: string;
  blocks?: KnownBlock[];
  thread_ts?: string;
}

/** payload of kind 'slack.update' (target = channel). */
export interface SlackUpdatePayload {
  channel: string;
  ts: string;
  text: string;
  blocks?: KnownBlock[];
}

/** payload of kind 'webhook' (target = URL): POSTed as JSON, signed like intake (v1 HMAC), with the event id for dedup. */
export interface WebhookPayload {
  eventId: string;
  body: unknown;
}
