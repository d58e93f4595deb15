import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Runs `work` holding the one connection with synchronous=NORMAL, then puts back FULL (what
 * openDatabase sets). With WAL, NORMAL commits survive a killed process and only a power loss
 * can take back the last of them; each costs no fsync. For writes that are no promise to anyone
 * and that the app can redo from what is durable, or that are promised only once
 * DatabaseHandle.synced() has fsynced them. `work` must use the `db` it is given: the
 * connection is held, so a query on another handle would wait for it forever.
 */
export async function withoutFsync<T>(db: Kysely<Database>, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`pragma synchronous = normal`.execute(connection);
    try {
      return await work(connection);
    } finally {
      await sql`pragma synchronous = full`.execute(connection);
    }
  });
}
