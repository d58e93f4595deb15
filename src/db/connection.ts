import { sql, type Kysely } from 'kysely';
import { parseDatabaseUrl, type DatabaseHandle, type DatabaseTarget } from './handle.ts';
import { openPostgresDatabase } from './postgres.ts';
import type { Database } from './schema.ts';
import { openSqliteDatabase } from './sqlite.ts';

export type { DatabaseHandle, DatabaseTarget, Engine } from './handle.ts';
export { describeTarget, parseDatabaseUrl } from './handle.ts';
export { createPrivately } from './sqlite.ts';

/** Opens a target, or a DATABASE_URL (`sqlite:PATH`, `postgres://…`); a bare path is an SQLite file. */
export function openDatabase(target: DatabaseTarget | string, options: { onIdleError?: (error: Error) => void } = {}): DatabaseHandle {
  const t = typeof target !== 'string' ? target : /^(sqlite:|postgres(ql)?:\/\/)/.test(target) ? parseDatabaseUrl(target) : { engine: 'sqlite' as const, path: target };
  return t.engine === 'postgres' ? openPostgresDatabase(t.url, { poolSize: t.poolSize, onIdleError: options.onIdleError }) : openSqliteDatabase(t.path);
}

export async function databaseAnswers(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
