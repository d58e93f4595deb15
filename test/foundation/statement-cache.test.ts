import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src/db/statement-cache.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

describe('prepared statements kept by SQL text', () => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => { await handle?.close(); handle = undefined; });

  it('prepares a query once and hands back the same statement for the same text', () => {
    const sqlite = new SQLite(':memory:');
    const db = withStatementCache(sqlite);
    const first = db.prepare('select 1 as one');
    expect(db.prepare('select 1 as one')).toBe(first);
    expect(db.prepare('select 2 as two')).not.toBe(first);
    db.close();
    expect(sqlite.open).toBe(false);
  });

  it('gives a statement that is still being iterated a separate twin', () => {
    const sqlite = new SQLite(':memory:');
    const db = withStatementCache(sqlite);
    const sql = 'select value from json_each(\'[1,2,3]\')';
    const iterating = db.prepare(sql);
    const rows = iterating.iterate([]);
    rows.next();
    const twin = db.prepare(sql);
    expect(twin).not.toBe(iterating);
    expect(twin.all([])).toHaveLength(3);
    rows.return?.();
    expect(db.prepare(sql)).toBe(iterating);
    db.close();
  });

  it('answers queries through Kysely with the same rows as before, reads and writes alike', async () => {
    handle = openDatabase(':memory:');
    await migrateToLatest(handle.db);
    for (let n = 0; n < 3; n++) {
      await handle.db.insertInto('slack_events').values({ event_id: `Ev${n}`, received_at: '2026-12-01T00:00:00.000Z' }).execute();
    }
    const again = await handle.db.insertInto('slack_events').values({ event_id: 'Ev0', received_at: 'x' })
      .onConflict((oc) => oc.column('event_id').doNothing()).executeTakeFirst();
    expect(Number(again.numInsertedOrUpdatedRows)).toBe(0);
    const rows = await handle.db.selectFrom('slack_events').select('event_id').orderBy('event_id').execute();
    expect(rows.map((r) => r.event_id)).toEqual(['Ev0', 'Ev1', 'Ev2']);
  });
});
