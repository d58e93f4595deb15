import { SqliteAdapter, sql, type Kysely, type SelectQueryBuilder } from 'kysely';

/**
 * For a read-modify-write inside a transaction: locks the rows read until the commit, so a
 * concurrent transaction on another replica waits instead of writing over the change.
 * PostgreSQL takes row locks (FOR UPDATE); SQLite needs none, because its transactions take the
 * database's one write lock when they begin (BEGIN IMMEDIATE) and so never interleave.
 */
export function forUpdate<Q extends SelectQueryBuilder<any, any, any>>(db: Kysely<any>, query: Q): Q {
  return takesRowLocks(db) ? (query.forUpdate() as Q) : query;
}

/** Like forUpdate, but a row another transaction holds is passed over rather than waited for. */
export function forUpdateSkipLocked<Q extends SelectQueryBuilder<any, any, any>>(db: Kysely<any>, query: Q): Q {
  return takesRowLocks(db) ? (query.forUpdate().skipLocked() as Q) : query;
}

/** Whether the engine locks rows (PostgreSQL) rather than the whole database for a transaction (SQLite). */
export function takesRowLocks(db: Kysely<any>): boolean {
  return !(db.getExecutor().adapter instanceof SqliteAdapter);
}

/**
 * Makes transactions that name the same key take turns until they commit, for a
 * read-modify-write whose row may not exist yet (nothing to lock FOR UPDATE). PostgreSQL: a
 * transaction-level advisory lock; SQLite: already so (see forUpdate).
 */
export async function takeTurnsOn(trx: Kysely<any>, key: string): Promise<void> {
  if (takesRowLocks(trx)) await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}
