import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

// Refused intake requests, counted for the admin's Home: a CRM that gets a 4xx usually never
// retries, so a refused lead is a lost lead unless someone sees it.

/** The paths of the problems a refusal names (at most 20), never their values. */
export function problemPaths(body: Record<string, unknown> | undefined): string[] | undefined {
  const problems = body?.problems;
  if (!Array.isArray(problems)) return undefined;
  return problems.map((p: { path?: unknown }) => String(p?.path ?? '?')).slice(0, 20);
}

/** Why a request was refused, in a few words: the error and the first field named, never a value. */
export function refusalReason(body: Record<string, unknown> | undefined): string {
  const error = typeof body?.error === 'string' ? body.error : 'refused';
  const first = problemPaths(body)?.[0];
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
