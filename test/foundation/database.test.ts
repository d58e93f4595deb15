import { mkdtempSync, rmSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase as openDatabase, type SqliteHandle as DatabaseHandle } from '../../src/db/sqlite.ts';
import { withoutFsync } from '../../src/db/durability.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { WalSync } from '../../src/db/wal-sync.ts';

const FULL = 2;
const NORMAL = 1;

describe('the database connection', () => {
  let dir: string;
  let handle: DatabaseHandle;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'handoff-db-'));
    handle = openDatabase(join(dir, 'handoff.db'));
    await migrateToLatest(handle.db);
  });
  afterEach(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const synchronous = () => handle.sqlite.pragma('synchronous', { simple: true });

  it('runs writes without an fsync only inside withoutFsync, and is back to FULL after, even when the work fails', async () => {
    expect(synchronous()).toBe(FULL);
    const inside = await withoutFsync(handle.db, async () => synchronous());
    expect(inside).toBe(NORMAL);
    expect(synchronous()).toBe(FULL);
    await expect(withoutFsync(handle.db, async () => { throw new Error('the work failed'); })).rejects.toThrow('the work failed');
    expect(synchronous()).toBe(FULL);
  });

  it('makes a transaction that starts meanwhile wait, so it never commits without an fsync', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const relaxed = withoutFsync(handle.db, async () => { await held; });
    await new Promise((r) => setTimeout(r, 5));
    let seen: unknown;
    const other = handle.db.transaction().execute(async () => { seen = synchronous(); });
    await new Promise((r) => setTimeout(r, 5));
    expect(seen).toBeUndefined();
    release();
    await Promise.all([relaxed, other]);
    expect(seen).toBe(FULL);
  });

  it('gives the same answers from a statement it has prepared before, and streams rows too', async () => {
    // Only the columns without a default: the rest do not matter here.
    const insert = (key: string) => handle.db.insertInto('campaigns').values({ key, name: key, created_at: 'now', updated_at: 'now' } as never).execute();
    for (const key of ['a', 'b', 'c']) await insert(key);
    const keys = async () => (await handle.db.selectFrom('campaigns').select('key').orderBy('key').execute()).map((r) => r.key);
    expect(await keys()).toEqual(['a', 'b', 'c']);
    await insert('d');
    expect(await keys()).toEqual(['a', 'b', 'c', 'd']);
    const streamed: string[] = [];
    for await (const row of handle.db.selectFrom('campaigns').select('key').orderBy('key').stream()) streamed.push(row.key);
    expect(streamed).toEqual(['a', 'b', 'c', 'd']);
  });

  it('commits durably with the fsync off the thread: the data is there when durably() resolves, FULL is back, and other writes wait', async () => {
    const insert = (db: typeof handle.db, key: string) => db.insertInto('campaigns').values({ key, name: key, created_at: 'now', updated_at: 'now' } as never).execute();
    const modes: unknown[] = [];
    // Many at once share fsyncs; each resolves only after its own commit is synced.
    await Promise.all(['a', 'b', 'c', 'd'].map((key) => handle.durably(async (db) => { modes.push(synchronous()); await insert(db, key); })));
    expect(modes).toEqual([NORMAL, NORMAL, NORMAL, NORMAL]);
    expect(synchronous()).toBe(FULL);
    const other = new SQLiteReader(join(dir, 'handoff.db'));
    expect(other.keys()).toEqual(['a', 'b', 'c', 'd']);
    other.close();
  });

  it('fails a durable write whose log cannot be synced, so nobody is told it is stored', async () => {
    const wal = new WalSync(join(dir, 'no-such-dir', 'x.db-wal'));
    await expect(wal.sync()).rejects.toThrow(/ENOENT/);
    await wal.close();
    await expect(wal.sync()).rejects.toThrow('the database is closed');
  });
});

/** A second connection, as another process would open the file. */
class SQLiteReader {
  private readonly db: import('better-sqlite3').Database;
  constructor(path: string) { this.db = new SQLite(path, { readonly: true }); }
  keys(): string[] { return (this.db.prepare('select key from campaigns order by key').all() as { key: string }[]).map((r) => r.key); }
  close(): void { this.db.close(); }
}
