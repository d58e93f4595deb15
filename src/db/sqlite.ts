import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteAdapter, SqliteDialect, type DialectAdapter, type Driver } from 'kysely';
import { AckFirstTurns } from './ack-first-turns.ts';
import { withoutFsync } from './durability.ts';
import type { Database } from './schema.ts';
import { SqliteStatementDriver } from './sqlite-driver.ts';
import { WalSync } from './wal-sync.ts';
import type { DatabaseHandle } from './handle.ts';

/** The SQLite handle also exposes the raw connection, for the few things Kysely does not model (pragmas in tests). */
export interface SqliteHandle extends DatabaseHandle {
  sqlite: SQLite.Database;
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

export function openSqliteDatabase(path: string): SqliteHandle {
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
    engine: 'sqlite',
    turns: new AckFirstTurns(),
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
    async backup(target) {
      // SQLite's online backup: a consistent copy while the bot keeps running, as private as the database.
      createPrivately(target);
      await sqlite.backup(target);
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
