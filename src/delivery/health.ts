import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface OutboxHealth {
  /** rows waiting to be sent (including ones backing off) */
  backlog: number;
  /** created_at of the oldest of them, null when none wait */
  oldestPendingAt: string | null;
  /** rows given up on in the 24 hours before now */
  failedLastDay: number;
}

/** How the outbox is doing, for the App Home and admin health. */
export async function outboxHealth(db: Kysely<Database>, now: Date): Promise<OutboxHealth> {
  const pending = await db
    .selectFrom('outbox')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const dayAgo = new Date(now.getTime() - 24 * 3_600_000).toISOString();
  const failed = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', '=', 'failed')
    .where('failed_at', '>=', dayAgo)
    .executeTakeFirstOrThrow();
  return {
    backlog: Number(pending.n),
    oldestPendingAt: pending.oldest ?? null,
    failedLastDay: Number(failed.n),
  };
}
