import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteAdapter, SqliteDialect, sql, type DialectAdapter, type Driver } from 'kysely';
import { withoutFsync } from './durability.ts';
import type { Database } from './schema.ts';
import { SqliteStatementDriver } from './sqlite-driver.ts';
import { WalSync, type DurabilityLost } from './wal-sync.ts';

export interface DatabaseHandle {
  db: Kysely<Database>;
  /** The raw connection, for the few things Kysely does not model (backup, pragmas). */
  sqlite: SQLite.Database;
  /**
   * Runs `work` (which must use the `db` it is given) and resolves once what it committed is on
   * disk, as with synchronous=FULL, but with the fsync off the JavaScript thread; commits made
   * meanwhile share it. For the busiest durable writes (lead intake, outbox claims).
   */
  durably<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  /** The first half of durably: commits without waiting for the disk. Nothing may rely on them before `synced()`. */
  deferSync<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  /** The second half: resolves once every commit made so far is on disk. */
  synced(): Promise<void>;
  /** Set once an fsync of the log has failed: no write may be answered as stored after that. */
  readonly durabilityLost: DurabilityLost | undefined;
  /** Called once, with the first failed fsync; the process should stop and be restarted. */
  onDurabilityLost(listener: (error: DurabilityLost) => void): void;
  close(): Promise<void>;
}

/**
 * SQLite does run DDL in transactions; saying so makes Kysely's migrator apply all pending
 * migrations in one (immediate) transaction, so two processes starting on a new file at the
 * same moment take turns instead of both creating the same tables.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class StatementCachingSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: SQLite.Database) {
    super({ database: sqlite });
  }
  override createDriver(): Driver {
    return new SqliteStatementDriver(this.sqlite);
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

export function openDatabase(path: string): DatabaseHandle {
  if (path !== ':memory:') createPrivately(path);
  const sqlite = new SQLite(path);
  const wal = sqlite.pragma('journal_mode = WAL', { simple: true }) === 'wal' ? new WalSync(`${resolve(path)}-wal`) : undefined;
  // FULL: a 202 tells the CRM it may forget the lead, so the commit must survive a power loss.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Another process (a second replica, `handoff digest --now`) may hold the write lock briefly.
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new StatementCachingSqliteDialect(sqlite) });
  let closed = false;
  return {
    db,
    sqlite,
    deferSync(work) {
      // Without a write-ahead log (an in-memory database) commits keep the default, synchronous=FULL.
      return wal ? withoutFsync(db, work) : work(db);
    },
    async synced() {
      await wal?.sync();
    },
    get durabilityLost() {
      return wal?.durabilityLost;
    },
    onDurabilityLost(listener) {
      wal?.onDurabilityLost(listener);
    },
    async durably(work) {
      const result = await this.deferSync(work);
      await this.synced();
      return result;
    },
    async close() {
      if (closed) return;
      closed = true;
      await wal?.close();
      await db.destroy();
    },
  };
}

/**
 * The database holds prospects' personal data: the folder Handoff creates for it is 0700 and the
 * file 0600, and SQLite gives its -wal and -shm files the database's own mode. A file an earlier
 * version left readable to others is narrowed; a folder that already existed is left as it is.
 */
export function createPrivately(path: string): void {
  const dir = dirname(resolve(path));
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}

export async function databaseAnswers(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
