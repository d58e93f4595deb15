import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

// Past this many distinct SQL texts the oldest is dropped: `in (?, ?, …)` lists make texts
// that vary with their length, and an unbounded map would grow with them.
const MAX_STATEMENTS = 500;

/**
 * The database as Kysely's SQLite driver sees it, with prepared statements kept by SQL text.
 * The driver prepares every query it runs, and compiling the SQL again each time is a large
 * share of a short query's cost.
 */
export function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      const cached = statements.get(sql);
      // A statement still being iterated cannot run a second query; that one gets its own.
      if (cached && !cached.busy) {
        // Re-inserting keeps the map in least-recently-used order for eviction.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      if (cached) return statement;
      statements.set(sql, statement);
      if (statements.size > MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
  };
}
