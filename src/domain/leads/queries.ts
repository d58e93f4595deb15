import { forUpdate } from '../../db/locks.ts';
import type { Kysely } from 'kysely';
import { powerOfTwoChunks } from '../../db/chunks.ts';
import type { Database, Lead, LeadEvent, LeadStatus } from '../../db/schema.ts';
import type { LeadAnswerView } from './model.ts';
import type { EventDelivery } from './model.ts';
import { urlWithoutQuery } from '../../url-without-query.ts';
import { leadEventData, OUTBOUND_NAME } from '../events/lead-data.ts';
import { publishEvents, wantsEvent, type EventRoutes, type OutboundEvent } from '../events/publish.ts';

export type LeadEventType = 'received' | 'held' | 'delivered' | 'delivery_failed' | 'released' | 'reminded' | 'escalated' | 'accepted' | 'rejected' | 'hot' | 'claimed' | 'reassigned' | 'updated' | 'offered';

export async function findLead(db: Kysely<Database>, id: string): Promise<Lead | undefined> {
  return db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * findLead for a change that depends on more than the columns its update is conditional on (the
 * DM's ts, its answer): on PostgreSQL a concurrent change of the lead on another connection (the
 * DM's delivery, a claim, an answer) waits for this transaction, or this read waits for it.
 */
export async function findLeadForUpdate(db: Kysely<Database>, id: string): Promise<Lead | undefined> {
  return forUpdate(db, db.selectFrom('leads').selectAll().where('id', '=', id)).executeTakeFirst();
}

/**
 * Adds an entry to the lead's timeline and, when it is one of the lead events (`lead.accepted`…)
 * and someone receives it, queues the event for each receiving URL in the same transaction.
 */
export async function addLeadEvent(
  db: Kysely<Database>,
  now: Date,
  routes: EventRoutes,
  event: { leadId: string; type: LeadEventType; actor?: string | null; detail?: unknown },
): Promise<void> {
  const at = now.toISOString();
  const inserted = await db
    .insertInto('lead_events')
    .values({ lead_id: event.leadId, type: event.type, actor: event.actor ?? null, detail: event.detail === undefined ? null : JSON.stringify(event.detail), at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const name = OUTBOUND_NAME[event.type];
  if (!name || !wantsEvent(routes, name)) return;
  const lead = await findLead(db, event.leadId);
  if (!lead) return;
  const entry = { type: event.type, actor: event.actor ?? null, detail: detailObject(event.detail), at };
  await publishEvents(db, now, routes, [{ type: name, key: `lead:${inserted.id}`, timelineId: inserted.id, data: leadEventData(lead, entry) }]);
}

/** addLeadEvent for many events in a few statements (lead intake); `leads` holds every lead named, as stored. */
export async function addLeadEvents(
  db: Kysely<Database>,
  now: Date,
  routes: EventRoutes,
  events: { leadId: string; type: LeadEventType; detail?: unknown }[],
  leads: ReadonlyMap<string, Lead>,
): Promise<void> {
  const at = now.toISOString();
  const outbound: OutboundEvent[] = [];
  for (const chunk of powerOfTwoChunks(events)) {
    // RETURNING's row order is not promised: match rows by lead and type (one of each per lead here).
    const rows = await db
      .insertInto('lead_events')
      .values(chunk.map((event) => ({ lead_id: event.leadId, type: event.type, actor: null, detail: event.detail === undefined ? null : JSON.stringify(event.detail), at })))
      .returning(['id', 'lead_id', 'type'])
      .execute();
    const idOf = new Map(rows.map((r) => [`${r.lead_id}\n${r.type}`, r.id]));
    for (const event of chunk) {
      const name = OUTBOUND_NAME[event.type];
      const lead = leads.get(event.leadId);
      const id = idOf.get(`${event.leadId}\n${event.type}`);
      if (!name || !lead || id === undefined || !wantsEvent(routes, name)) continue;
      const entry = { type: event.type, actor: null, detail: detailObject(event.detail), at };
      outbound.push({ type: name, key: `lead:${id}`, timelineId: id, data: leadEventData(lead, entry) });
    }
  }
  await publishEvents(db, now, routes, outbound);
}

function detailObject(detail: unknown): Record<string, unknown> {
  return detail && typeof detail === 'object' && !Array.isArray(detail) ? (detail as Record<string, unknown>) : {};
}

/** The events sent for these timeline entries, by entry id. */
export async function eventDeliveries(db: Kysely<Database>, timelineIds: number[]): Promise<Map<number, EventDelivery[]>> {
  const byEntry = new Map<number, EventDelivery[]>();
  if (timelineIds.length === 0) return byEntry;
  const rows = await db
    .selectFrom('outbox')
    .select(['ref_id', 'target', 'payload', 'status', 'attempts', 'sent_at', 'failed_at', 'next_attempt_at', 'last_error'])
    .where('ref_type', '=', 'lead_event')
    .where('ref_id', 'in', timelineIds.map(String))
    .orderBy('id')
    .execute();
  for (const r of rows) {
    let payload: { eventId?: string; body?: { type?: string } } = {};
    try {
      payload = JSON.parse(r.payload) as typeof payload;
    } catch {
      // Shown without its id and type.
    }
    const list = byEntry.get(Number(r.ref_id)) ?? [];
    list.push({
      url: urlWithoutQuery(r.target) ?? '(invalid url)',
      event_type: payload.body?.type ?? null,
      event_id: payload.eventId ?? null,
      status: r.status,
      attempts: r.attempts,
      taken_at: r.sent_at,
      failed_at: r.failed_at,
      next_attempt_at: r.status === 'pending' ? r.next_attempt_at : null,
      last_error: r.last_error,
    });
    byEntry.set(Number(r.ref_id), list);
  }
  return byEntry;
}


export async function leadTimeline(db: Kysely<Database>, id: string): Promise<LeadEvent[]> {
  return db.selectFrom('lead_events').selectAll().where('lead_id', '=', id).orderBy('id').execute();
}

/** The answers reps gave, oldest first, as the DM shows them. */
export async function leadAnswers(db: Kysely<Database>, id: string): Promise<LeadAnswerView[]> {
  const rows = await db
    .selectFrom('lead_events')
    .select(['type', 'actor', 'at', 'detail'])
    .where('lead_id', '=', id)
    .where('type', 'in', ['accepted', 'rejected', 'hot'])
    .orderBy('id')
    .execute();
  return rows.map((r) => {
    let detail: { reason?: string; comment?: string } = {};
    try {
      detail = r.detail ? (JSON.parse(r.detail) as typeof detail) : {};
    } catch {
      detail = {};
    }
    return { type: r.type as LeadAnswerView['type'], actor: r.actor, at: r.at, reason: detail.reason ?? null, comment: detail.comment ?? null };
  });
}

export interface LeadListQuery {
  status?: LeadStatus;
  /** Received at or after this ISO time. */
  since?: string;
  limit: number;
}

/** Newest first. */
export async function listLeads(db: Kysely<Database>, query: LeadListQuery): Promise<Lead[]> {
  let q = db.selectFrom('leads').selectAll();
  if (query.status) q = q.where('status', '=', query.status);
  if (query.since) q = q.where('received_at', '>=', query.since);
  return q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
}
