import type { Kysely } from 'kysely';
import { powerOfTwoChunks } from '../../db/chunks.ts';
import type { Database, Lead, LeadEvent, LeadStatus } from '../../db/schema.ts';
import type { LeadAnswerView } from '../../views/lead-dm.ts';

export type LeadEventType = 'received' | 'held' | 'delivered' | 'delivery_failed' | 'released' | 'reminded' | 'escalated' | 'accepted' | 'rejected' | 'hot' | 'claimed' | 'reassigned' | 'updated';

export async function findLead(db: Kysely<Database>, id: string): Promise<Lead | undefined> {
  return db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function addLeadEvent(
  db: Kysely<Database>,
  now: Date,
  event: { leadId: string; type: LeadEventType; actor?: string | null; detail?: unknown },
): Promise<void> {
  await db
    .insertInto('lead_events')
    .values({
      lead_id: event.leadId,
      type: event.type,
      actor: event.actor ?? null,
      detail: event.detail === undefined ? null : JSON.stringify(event.detail),
      at: now.toISOString(),
    })
    .execute();
}

/** addLeadEvent for many events in a few statements (lead intake). */
export async function addLeadEvents(db: Kysely<Database>, now: Date, events: { leadId: string; type: LeadEventType; detail?: unknown }[]): Promise<void> {
  const at = now.toISOString();
  for (const chunk of powerOfTwoChunks(events)) {
    await db
      .insertInto('lead_events')
      .values(chunk.map((event) => ({ lead_id: event.leadId, type: event.type, actor: null, detail: event.detail === undefined ? null : JSON.stringify(event.detail), at })))
      .execute();
  }
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
