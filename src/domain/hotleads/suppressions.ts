// The suppression list the email tool reads: who must not get marketing emails now.

import type { Kysely } from 'kysely';
import type { Database, HotPause } from '../../db/schema.ts';
import { lastDayCovered } from './calendar.ts';
import { pauseReason } from './webhook-events.ts';

export interface Suppression {
  email: string;
  /** When the pause ends: the first instant marketing may email again (UTC). */
  paused_until: string;
  /** The last day the pause covers, in Handoff's time zone (TZ): what Slack says ("through Wed 23 Dec"). */
  last_day: string;
  reason: string;
  paused_at: string;
  updated_at: string;
  paused_by: string;
  note: string | null;
  lead_id: string | null;
  name: string | null;
  company: string | null;
  campaign: string | null;
}

export interface Resumption {
  email: string;
  resumed_at: string;
  resumed_because: 'released' | 'expired';
}

/** The columns of the CSV, in order: what a suppression-list import maps. */
export const SUPPRESSION_COLUMNS: (keyof Suppression)[] = [
  'email', 'paused_until', 'reason', 'paused_at', 'updated_at', 'paused_by', 'note', 'lead_id', 'name', 'company', 'campaign',
  // Added last, so imports that map columns by position keep working.
  'last_day',
];

function toSuppression(p: HotPause, timeZone: string): Suppression {
  return {
    email: p.email_lower,
    paused_until: p.paused_until,
    last_day: lastDayCovered(new Date(p.paused_until), timeZone),
    reason: pauseReason(p),
    paused_at: p.paused_at,
    updated_at: p.updated_at,
    paused_by: p.paused_by,
    note: p.note,
    lead_id: p.lead_id,
    name: p.lead_name,
    company: p.company,
    campaign: p.campaign_key,
  };
}

/** Active pauses; with `since`, only those created or extended at or after it. */
export async function activeSuppressions(db: Kysely<Database>, now: Date, timeZone: string, since?: string): Promise<Suppression[]> {
  // A pause past its end is over even before the expiry job (every few minutes) marks it so.
  let q = db.selectFrom('hot_pauses').selectAll().where('status', '=', 'active').where('paused_until', '>', now.toISOString());
  if (since) q = q.where('updated_at', '>=', since);
  const rows = await q.orderBy('updated_at').orderBy('id').execute();
  return rows.map((p) => toSuppression(p, timeZone));
}

/** Emails whose pause ended at or after `since` and that are not paused again: to take off the list. */
export async function resumedSince(db: Kysely<Database>, since: string): Promise<Resumption[]> {
  const rows = await db
    .selectFrom('hot_pauses')
    .select(['email_lower', 'ended_at', 'end_reason'])
    .where('status', '<>', 'active')
    .where('ended_at', '>=', since)
    .where((eb) => eb.not(eb.exists(
      eb.selectFrom('hot_pauses as again').select('again.id').whereRef('again.active_email', '=', 'hot_pauses.email_lower'),
    )))
    .orderBy('ended_at')
    .orderBy('id')
    .execute();
  const latest = new Map<string, Resumption>();
  for (const r of rows) {
    latest.set(r.email_lower, { email: r.email_lower, resumed_at: r.ended_at ?? since, resumed_because: r.end_reason ?? 'expired' });
  }
  return [...latest.values()];
}
