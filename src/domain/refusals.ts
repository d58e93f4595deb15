import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

// Refused intake requests, counted for the admin's Home: a CRM that gets a 4xx usually never
// retries, so a refused lead is a lost lead unless someone sees it.

/** Why a request was refused, in a few words: the error and the first field named, never a value. */
export function refusalReason(body: Record<string, unknown> | undefined): string {
  const error = typeof body?.error === 'string' ? body.error : 'refused';
  const problems = Array.isArray(body?.problems) ? (body.problems as { path?: unknown }[]) : [];
  const first = problems.length > 0 ? String(problems[0]?.path ?? '') : '';
  return (first ? `${error}: ${first}` : error).slice(0, 128);
}

export async function countRefusal(db: Kysely<Database>, now: Date, route: string, status: number, reason: string): Promise<void> {
  const hour = now.toISOString().slice(0, 13);
  await db
    .insertInto('refused_requests')
    .values({ hour, route: route.slice(0, 64), status, reason, count: 1 })
    .onConflict((oc) => oc.columns(['hour', 'route', 'status', 'reason']).doUpdateSet({ count: sql`refused_requests.count + 1` }))
    .execute();
}

export interface RefusalSummary {
  total: number;
  /** Most frequent first. */
  reasons: { reason: string; count: number }[];
}

/** Refusals in the last 24 hours (by whole hours), most frequent reason first. */
export async function refusalsLastDay(db: Kysely<Database>, now: Date): Promise<RefusalSummary> {
  const since = new Date(now.getTime() - 24 * 60 * 60_000).toISOString().slice(0, 13);
  const rows = await db
    .selectFrom('refused_requests')
    .select(['reason', (eb) => eb.fn.sum<number | string>('count').as('n')])
    .where('hour', '>=', since)
    .groupBy('reason')
    .execute();
  const reasons = rows.map((r) => ({ reason: r.reason, count: Number(r.n) })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return { total: reasons.reduce((n, r) => n + r.count, 0), reasons };
}
