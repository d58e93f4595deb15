import type SQLite from 'better-sqlite3';
import { CompiledQuery, IdentifierNode, RawNode, SelectQueryNode, createQueryId, type DatabaseConnection, type Driver, type QueryCompiler, type QueryResult } from 'kysely';

// Kysely's own SqliteDriver prepares every statement again on every execution. Preparing costs
// as much as running a small insert, and the app runs the same few dozen statements all day, so
// statements are kept by their SQL text. The cache is bounded because `in (…)` lists make new text.
const STATEMENT_CACHE_SIZE = 256;

class CachingSqliteConnection implements DatabaseConnection {
  private readonly statements = new Map<string, SQLite.Statement>();

  constructor(private readonly db: SQLite.Database) {}

  private statement(text: string): SQLite.Statement {
    const cached = this.statements.get(text);
    if (cached) return cached;
    const prepared = this.db.prepare(text);
    if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value!);
    this.statements.set(text, prepared);
    return prepared;
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.statement(compiledQuery.sql);
    const parameters = compiledQuery.parameters as unknown[];
    if (stmt.reader) return Promise.resolve({ rows: stmt.all(parameters) as R[] });
    const { changes, lastInsertRowid } = stmt.run(parameters);
    return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query)) throw new Error('Sqlite driver only supports streaming of select queries');
    // An iterating statement is busy until it ends, so a stream gets a statement of its own.
    const stmt = this.db.prepare(compiledQuery.sql);
    for (const row of stmt.iterate(compiledQuery.parameters as unknown[])) yield { rows: [row as R] };
  }
}

/** As Kysely builds it: the name goes through the compiler, which quotes it. */
function savepointCommand(command: string, name: string): RawNode {
  return RawNode.createWithChildren([RawNode.createWithSql(`${command} `), IdentifierNode.create(name)]);
}

/**
 * SQLite has one connection; callers take turns in arrival order. A plain queue rather than
 * Kysely's mutex, which wakes every waiter on each release to let one of them in.
 */
class ConnectionTurns {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  take(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

/**
 * Transactions take the write lock when they begin (BEGIN IMMEDIATE). Kysely's plain BEGIN is
 * deferred: with a second process on the same file, a transaction that read first and then
 * writes fails at once with SQLITE_BUSY_SNAPSHOT, which the busy timeout does not retry.
 */
export class SqliteStatementDriver implements Driver {
  private readonly turns = new ConnectionTurns();
  private readonly connection: CachingSqliteConnection;

  constructor(private readonly db: SQLite.Database) {
    this.connection = new CachingSqliteConnection(db);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.turns.take();
    return this.connection;
  }

  async releaseConnection(): Promise<void> {
    this.turns.give();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compileQuery(savepointCommand('savepoint', name), createQueryId()));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compileQuery(savepointCommand('rollback to', name), createQueryId()));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compileQuery(savepointCommand('release', name), createQueryId()));
  }

  async destroy(): Promise<void> {
    this.db.close();
  }
}
