import type { Kysely } from 'kysely';
import { takesRowLocks } from '../db/locks.ts';
import type { Database, OutboxRow } from '../db/schema.ts';

const iso = (d: Date) => d.toISOString();

/**
 * Rows that may be sent now, oldest first: pending, due, not held by a live claim, and the
 * oldest pending row of their target (a target's messages go out in id order, so a row
 * waiting out a 429 or a backoff holds back the ones behind it, and only those).
 */
export async function dueRows(db: Kysely<Database>, now: Date, limit: number): Promise<OutboxRow[]> {
  const at = iso(now);
  return db
    .selectFrom('outbox as o')
    .selectAll('o')
    .where('o.status', '=', 'pending')
    .where('o.next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('o.claimed_until', 'is', null), eb('o.claimed_until', '<', at)]))
    .where(({ not, exists, selectFrom }) =>
      not(exists(
        selectFrom('outbox as earlier')
          .select('earlier.id')
          .whereRef('earlier.target', '=', 'o.target')
          .where('earlier.status', '=', 'pending')
          .whereRef('earlier.id', '<', 'o.id'),
      )),
    )
    .orderBy('o.id')
    .limit(limit)
    .execute();
}

/**
 * Takes a row for this sender, atomically: the update only matches while nobody holds a live
 * claim and the row is as we read it (attempts unchanged), so of two senders racing for it,
 * exactly one sees a row affected. Counts the attempt now, so a crash mid-send still counts.
 */
export async function claimRow(db: Kysely<Database>, row: OutboxRow, claimer: string, now: Date, leaseMs: number): Promise<boolean> {
  const at = iso(now);
  const result = await db
    .updateTable('outbox')
    .set({ claimed_by: claimer, claimed_until: iso(new Date(now.getTime() + leaseMs)), attempts: row.attempts + 1 })
    .where('id', '=', row.id)
    // On PostgreSQL a row another replica is claiming this instant is passed over at once (SKIP
    // LOCKED) instead of waited for; the conditions below then settle who has it.
    .$if(takesRowLocks(db), (q) => q.where('id', 'in', db.selectFrom('outbox').select('id').where('id', '=', row.id).forUpdate().skipLocked()))
    .where('status', '=', 'pending')
    .where('attempts', '=', row.attempts)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives back this sender's claims on rows it is not sending (at stop), so another sender need not wait out the lease. */
export async function releaseClaims(db: Kysely<Database>, claimer: string, keepIds: number[]): Promise<number> {
  let query = db
    .updateTable('outbox')
    .set({ claimed_by: null, claimed_until: null })
    .where('claimed_by', '=', claimer)
    .where('status', '=', 'pending');
  if (keepIds.length > 0) query = query.where('id', 'not in', keepIds);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Ends at once the claims of senders on this machine whose process is gone (kill -9, a crash):
 * their rows need not wait out the lease, which is what held a restarted Handoff's last DMs
 * for two minutes. A sender id is `host:pid:random`; only this host's pids can be checked, so
 * other machines' claims lapse as before. The claimer stays written, so the row still counts as
 * uncertain and its retry asks Slack's history before posting. Returns how many rows it freed.
 */
export async function expireClaimsOfDeadSenders(db: Kysely<Database>, host: string, now: Date): Promise<number> {
  const at = iso(now);
  const claimers = await db.selectFrom('outbox').select('claimed_by').distinct().where('status', '=', 'pending').where('claimed_until', '>', at).execute();
  const dead = claimers
    .map((r) => r.claimed_by)
    .filter((c): c is string => c !== null && c.startsWith(`${host}:`) && !processAlive(Number(c.split(':')[1])));
  if (dead.length === 0) return 0;
  const result = await db.updateTable('outbox').set({ claimed_until: at }).where('claimed_by', 'in', dead).where('status', '=', 'pending').where('claimed_until', '>', at).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
