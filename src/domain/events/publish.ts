// Records lead events in the outbox, one row per receiving URL, in the transaction of the change
// they report: the change and its events commit together or not at all.

import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import { enqueueMany, type OutboxItem, type WebhookPayload } from '../../delivery/outbox.ts';
import type { EventType } from './catalogue.ts';

export type EventRoutes = Pick<Config, 'outboundWebhookUrls' | 'outboundEvents'>;

export interface OutboundEvent {
  type: EventType;
  /** Unique per change (e.g. the timeline entry's id): recording it again adds nothing. */
  key: string;
  data: Record<string, unknown>;
  /** The timeline entry it reports, so `GET /api/leads/:id` can show where it went. */
  timelineId?: number;
}

/** The body every receiver gets, as Standard Webhooks recommends: type, timestamp, data. */
export interface EventBody {
  type: EventType;
  timestamp: string;
  data: Record<string, unknown>;
}

export function wantsEvent(routes: EventRoutes, type: EventType): boolean {
  return routes.outboundWebhookUrls.length > 0 && routes.outboundEvents.includes(type);
}

/** A short stable digest (of a URL, for dedupe keys and buttons: the URL may hold a token). */
export function urlTag(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

/** Queues each wanted event once per receiving URL (not those stopped by a 410). Returns how many rows it added. */
export async function publishEvents(db: Kysely<Database>, now: Date, routes: EventRoutes, events: OutboundEvent[]): Promise<number> {
  const wanted = events.filter((e) => wantsEvent(routes, e.type));
  if (wanted.length === 0) return 0;
  const stopped = new Set(
    (await db.selectFrom('stopped_endpoints').select('url').where('url', 'in', routes.outboundWebhookUrls).execute()).map((r) => r.url),
  );
  const urls = routes.outboundWebhookUrls.filter((u) => !stopped.has(u));
  if (urls.length === 0) return 0;
  const timestamp = now.toISOString();
  const items: OutboxItem[] = wanted.flatMap((event) => {
    // One id per event, the same for every URL and every retry: receivers drop repeats by it.
    const payload: WebhookPayload = { eventId: `evt_${randomUUID()}`, body: { type: event.type, timestamp, data: event.data } satisfies EventBody };
    return urls.map((url) => ({
      kind: 'webhook' as const,
      target: url,
      payload,
      dedupeKey: `event:${event.key}:${urlTag(url)}`,
      ...(event.timelineId !== undefined ? { refType: 'lead_event', refId: String(event.timelineId) } : {}),
    }));
  });
  return enqueueMany(db, now, items);
}
