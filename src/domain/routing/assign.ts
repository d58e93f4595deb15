// Which rep of which pool takes a lead nobody owns: the first pool whose match fits, and in it the
// available rep furthest behind their weighted share. Database reads only, so it runs in the
// intake's transaction: availability here is `/handoff away` and the pool's cap.

import type { Kysely } from 'kysely';
import type { Database, Lead } from '../../db/schema.ts';
import { leadFields } from '../leads/model.ts';
import { lastDayCovered, readableDate } from '../hotleads/calendar.ts';
import { AWAY_UNTIL_BACK } from './away.ts';
import type { Routing, RoutingPool } from './rules.ts';

export interface Assignment {
  pool: string;
  userId: string;
  /** Why, for the timeline and the event: `pool emea-inbound, round robin; Ada away until 2026-12-14`. */
  why: string;
}

export type RepState =
  | { rep: string; userId: string; available: true; open: number; assigned: number; weight: number }
  | { rep: string; userId: string | undefined; available: false; reason: string };

function valueOf(lead: Lead, key: string): string | undefined {
  if (key.startsWith('fields.')) {
    const v = leadFields(lead)[key.slice('fields.'.length)];
    return v === undefined || v === null ? undefined : String(v);
  }
  const column = key === 'campaign' ? lead.campaign_key : (lead as unknown as Record<string, unknown>)[key];
  return column === null || column === undefined ? undefined : String(column);
}

export function poolMatches(pool: RoutingPool, lead: Lead): boolean {
  return Object.entries(pool.match).every(([key, values]) => {
    const v = valueOf(lead, key);
    return v !== undefined && values.includes(v.trim().toLowerCase());
  });
}

/** Each rep of a pool, available or why not (unknown to Slack, away, at the cap). */
export async function poolReps(db: Kysely<Database>, pool: RoutingPool, now: Date, timeZone: string): Promise<RepState[]> {
  const emails = pool.reps.filter((r) => r.includes('@')).map((r) => r.toLowerCase());
  const known = new Map(
    emails.length === 0 ? [] : (await db.selectFrom('slack_people').select(['email', 'user_id']).where('email', 'in', emails).where('user_id', 'is not', null).execute()).map((r) => [r.email, r.user_id as string]),
  );
  const ids = pool.reps.map((r) => (r.includes('@') ? known.get(r.toLowerCase()) : r));
  const present = ids.filter((id): id is string => Boolean(id));
  const away = new Map(present.length === 0 ? [] : (await db.selectFrom('rep_away').selectAll().where('user_id', 'in', present).where('until', '>', now.toISOString()).execute()).map((r) => [r.user_id, r.until]));
  const open = new Map(present.length === 0 ? [] : (await db.selectFrom('leads').select('owner_slack_id').select((eb) => eb.fn.countAll<number>().as('n')).where('owner_slack_id', 'in', present).where('status', '=', 'new').groupBy('owner_slack_id').execute()).map((r) => [r.owner_slack_id as string, Number(r.n)]));
  const counts = new Map(present.length === 0 ? [] : (await db.selectFrom('routing_counts').select(['user_id', 'assigned']).where('pool', '=', pool.name).where('user_id', 'in', present).execute()).map((r) => [r.user_id, Number(r.assigned)]));
  return pool.reps.map((rep, i): RepState => {
    const userId = ids[i];
    if (!userId) return { rep, userId: undefined, available: false, reason: 'not known in Slack yet' };
    const until = away.get(userId);
    if (until) return { rep, userId, available: false, reason: until === AWAY_UNTIL_BACK ? 'away until they are back' : `away through ${readableDate(lastDayCovered(new Date(until), timeZone))}` };
    const mine = open.get(userId) ?? 0;
    if (pool.maxOpenPerRep !== undefined && mine >= pool.maxOpenPerRep) return { rep, userId, available: false, reason: `has ${mine} unanswered leads (the cap is ${pool.maxOpenPerRep})` };
    return { rep, userId, available: true, open: mine, assigned: counts.get(userId) ?? 0, weight: pool.weights[rep] ?? 1 };
  });
}

/** Picks the rep for a lead nobody owns and counts the assignment; undefined when no pool fits or nobody is available. */
export async function assignFromPools(db: Kysely<Database>, routing: Routing, lead: Lead, now: Date, timeZone: string): Promise<Assignment | { pool: string; nobody: string } | undefined> {
  const pool = routing.pools.find((p) => poolMatches(p, lead));
  if (!pool) return undefined;
  const reps = await poolReps(db, pool, now, timeZone);
  const available = reps.filter((r): r is Extract<RepState, { available: true }> => r.available);
  const skipped = reps.filter((r) => !r.available).map((r) => `${r.userId ? `<@${r.userId}>` : r.rep} ${(r as { reason: string }).reason}`);
  if (available.length === 0) return { pool: pool.name, nobody: skipped.join('; ') };
  // Weighted round robin: the rep whose share of assignments is furthest behind their weight; ties in list order.
  const chosen = available.reduce((best, r) => ((r.assigned + 1) / r.weight < (best.assigned + 1) / best.weight ? r : best));
  await db
    .insertInto('routing_counts')
    .values({ pool: pool.name, user_id: chosen.userId, assigned: 1 })
    .onConflict((oc) => oc.columns(['pool', 'user_id']).doUpdateSet((eb) => ({ assigned: eb('routing_counts.assigned', '+', 1) })))
    .execute();
  const why = `pool ${pool.name}, round robin${skipped.length ? `; skipped ${skipped.join('; ')}` : ''}`;
  return { pool: pool.name, userId: chosen.userId, why };
}
