import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseHandle } from './handle.ts';
import type { Database } from './schema.ts';

// pg returns bigint (count(*)) and numeric (sum()) as strings, so that no value loses precision.
// Handoff's counts are far below 2^53; numbers keep every feature the same on both engines.
const INT8 = 20;
const NUMERIC = 1700;
const toNumber = (value: string) => Number(value);

export interface PostgresOptions {
  /** Connections this process may hold (DATABASE_POOL_SIZE). */
  poolSize?: number;
  /** Told when an idle connection breaks (a restart of PostgreSQL, a failover); the pool replaces it. */
  onIdleError?: (error: Error) => void;
}

/**
 * Opens a pool on PostgreSQL. Every commit is durable when it returns (synchronous_commit is
 * PostgreSQL's to keep), so the SQLite handle's deferred fsync has nothing to do here.
 */
export function openPostgresDatabase(url: string, options: PostgresOptions = {}): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    application_name: 'handoff',
    connectionTimeoutMillis: 10_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 || oid === NUMERIC ? toNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // Without a listener an idle connection's error would end the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    engine: 'postgres',
    turns: { turn: () => Promise.resolve(), backgroundTurn: () => Promise.resolve() },
    durably: (work) => work(db),
    deferSync: (work) => work(db),
    synced: () => Promise.resolve(),
    durabilityLost: undefined,
    onDurabilityLost() {},
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
