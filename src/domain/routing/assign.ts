// Which rep of which pool takes a lead nobody owns: the first pool whose match fits, and in it the
// available rep furthest behind their weighted share. Database reads only, so it runs in the
// intake's transaction: availability here is `/handoff away` and the pool's cap.

import type { Kysely } from 'kysely';
import type { Database, Lead } from '../../db/schema.ts';
import { leadFields } from '../leads/model.ts';
import { lastDayCovered, localDateOf, readableDate } from '../hotleads/calendar.ts';
import { awayByStatus, presenceOf, type Presence } from './presence.ts';
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

/** The rep's wall clock in their own zone: day of week (0 = Sunday), minutes after midnight, "18:30". */
function localClock(now: Date, tz: string): { day: number; minutes: number; text: string } | undefined {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
    const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
    const hour = Number(get('hour'));
    const minute = Number(get('minute'));
    return { day, minutes: hour * 60 + minute, text: `${get('weekday')} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` };
  } catch {
    return undefined;
  }
}

/** Why Slack says a rep is not available now, or undefined. */
function slackReason(p: Presence | undefined, routing: Pick<Routing, 'workingHours'>, now: Date, slaMs: number, timeZone: string): string | undefined {
  if (!p) return undefined;
  if (awayByStatus(p, now)) {
    const status = [p.statusEmoji, p.statusText].filter(Boolean).join(' ');
    const until = p.statusUntil ? ` until ${readableDate(localDateOf(new Date(p.statusUntil), p.tz ?? timeZone))}` : '';
    return `out of office (“${status}”)${until}`;
  }
  if (p.snoozeUntil && Date.parse(p.snoozeUntil) > now.getTime() + slaMs) return `notifications snoozed past the SLA`;
  const hours = routing.workingHours;
  const clock = hours && p.tz ? localClock(now, p.tz) : undefined;
  if (hours && clock && (!hours.days.includes(clock.day) || clock.minutes < hours.start || clock.minutes >= hours.end)) {
    return `outside working hours (${clock.text} in ${p.tz})`;
  }
  return undefined;
}

/** Each rep of a pool, available or why not (unknown to Slack, away, out of office, outside working hours, at the cap). */
export async function poolReps(db: Kysely<Database>, routing: Pick<Routing, 'workingHours'>, pool: RoutingPool, now: Date, timeZone: string, slaMs: number): Promise<RepState[]> {
  const emails = pool.reps.filter((r) => r.includes('@')).map((r) => r.toLowerCase());
  const known = new Map(
    emails.length === 0 ? [] : (await db.selectFrom('slack_people').select(['email', 'user_id']).where('email', 'in', emails).where('user_id', 'is not', null).execute()).map((r) => [r.email, r.user_id as string]),
  );
  const ids = pool.reps.map((r) => (r.includes('@') ? known.get(r.toLowerCase()) : r));
  const present = ids.filter((id): id is string => Boolean(id));
  const away = new Map(present.length === 0 ? [] : (await db.selectFrom('rep_away').selectAll().where('user_id', 'in', present).where('until', '>', now.toISOString()).execute()).map((r) => [r.user_id, r.until]));
  const open = new Map(present.length === 0 ? [] : (await db.selectFrom('leads').select('owner_slack_id').select((eb) => eb.fn.countAll<number>().as('n')).where('owner_slack_id', 'in', present).where('status', '=', 'new').groupBy('owner_slack_id').execute()).map((r) => [r.owner_slack_id as string, Number(r.n)]));
  const presence = new Map(present.length === 0 ? [] : (await db.selectFrom('rep_presence').selectAll().where('user_id', 'in', present).execute()).map((r) => [r.user_id, presenceOf(r)]));
  const counts = new Map(present.length === 0 ? [] : (await db.selectFrom('routing_counts').select(['user_id', 'assigned']).where('pool', '=', pool.name).where('user_id', 'in', present).execute()).map((r) => [r.user_id, Number(r.assigned)]));
  return pool.reps.map((rep, i): RepState => {
    const userId = ids[i];
    if (!userId) return { rep, userId: undefined, available: false, reason: 'not known in Slack yet' };
    const until = away.get(userId);
    if (until) return { rep, userId, available: false, reason: until === AWAY_UNTIL_BACK ? 'away until they are back' : `away through ${readableDate(lastDayCovered(new Date(until), timeZone))}` };
    const fromSlack = slackReason(presence.get(userId), routing, now, slaMs, timeZone);
    if (fromSlack) return { rep, userId, available: false, reason: fromSlack };
    const mine = open.get(userId) ?? 0;
    if (pool.maxOpenPerRep !== undefined && mine >= pool.maxOpenPerRep) return { rep, userId, available: false, reason: `has ${mine} unanswered leads (the cap is ${pool.maxOpenPerRep})` };
    return { rep, userId, available: true, open: mine, assigned: counts.get(userId) ?? 0, weight: pool.weights[rep] ?? 1 };
  });
}

type AvailableRep = Extract<RepState, { available: true }>;

/** Weighted round robin: the rep whose share of assignments is furthest behind their weight; ties in list order. */
function furthestBehind(reps: AvailableRep[]): AvailableRep | undefined {
  return reps.reduce<AvailableRep | undefined>((best, r) => (!best || (r.assigned + 1) / r.weight < (best.assigned + 1) / best.weight ? r : best), undefined);
}

/**
 * The owner of a new lead is away (in a pool that lists them): the next available rep of that
 * pool, to offer the lead to, and how the owner is away. Undefined when the owner is available.
 */
export async function coverForAwayOwner(db: Kysely<Database>, routing: Routing, lead: Lead, now: Date, timeZone: string, slaMs: number): Promise<{ userId: string; ownerAway: string } | undefined> {
  const owner = lead.owner_slack_id;
  if (!owner) return undefined;
  // The usual case, an owner who is here, costs two key lookups: the pools are read only for an owner who is not.
  const away = await db.selectFrom('rep_away').select('until').where('user_id', '=', owner).where('until', '>', now.toISOString()).executeTakeFirst();
  const presence = away ? undefined : await db.selectFrom('rep_presence').selectAll().where('user_id', '=', owner).executeTakeFirst();
  if (!away && !slackReason(presence && presenceOf(presence), routing, now, slaMs, timeZone)) return undefined;
  for (const pool of routing.pools) {
    const reps = await poolReps(db, routing, pool, now, timeZone, slaMs);
    const mine = reps.find((r) => r.userId === owner);
    if (!mine) continue;
    if (mine.available || /unanswered leads/.test(mine.reason)) return undefined;
    const cover = furthestBehind(reps.filter((r): r is AvailableRep => r.available && r.userId !== owner));
    return cover ? { userId: cover.userId, ownerAway: mine.reason } : undefined;
  }
  return undefined;
}

/** Picks the rep for a lead nobody owns and counts the assignment; undefined when no pool fits or nobody is available. */
export async function assignFromPools(db: Kysely<Database>, routing: Routing, lead: Lead, now: Date, timeZone: string, slaMs: number, exclude?: string): Promise<Assignment | { pool: string; nobody: string } | undefined> {
  const pool = routing.pools.find((p) => poolMatches(p, lead));
  if (!pool) return undefined;
  const reps = await poolReps(db, routing, pool, now, timeZone, slaMs);
  const skipped = reps.filter((r) => !r.available).map((r) => `${r.userId ? `<@${r.userId}>` : r.rep} ${(r as { reason: string }).reason}`);
  const chosen = furthestBehind(reps.filter((r): r is AvailableRep => r.available && r.userId !== exclude));
  if (!chosen) return { pool: pool.name, nobody: skipped.join('; ') };
  await db
    .insertInto('routing_counts')
    .values({ pool: pool.name, user_id: chosen.userId, assigned: 1 })
    .onConflict((oc) => oc.columns(['pool', 'user_id']).doUpdateSet((eb) => ({ assigned: eb('routing_counts.assigned', '+', 1) })))
    .execute();
  const why = `pool ${pool.name}, round robin${skipped.length ? `; skipped ${skipped.join('; ')}` : ''}`;
  return { pool: pool.name, userId: chosen.userId, why };
}
