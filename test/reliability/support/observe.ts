// Watching the real app from a test without changing what it does: the errors its one sink logs,
// and whether any stored data changed.

import { createHash } from 'node:crypto';
import { sqliteOf, type TestApp } from '../../support/harness.ts';

export interface LoggedError { message: string; err?: unknown }

/** Records every error/fatal line the app logs (its listeners' and routes' one sink), still logging it. */
export function watchErrors(app: TestApp): LoggedError[] {
  const logger = app.handoff.deps.logger as any;
  const seen: LoggedError[] = [];
  for (const level of ['error', 'fatal'] as const) {
    const original = logger[level].bind(logger);
    logger[level] = (...args: any[]) => {
      const [first, second] = args;
      const message = typeof first === 'string' ? first : String(second ?? '');
      seen.push({ message, err: typeof first === 'object' ? first?.err : undefined });
      return original(...args);
    };
  }
  return seen;
}

export function describeErrors(errors: LoggedError[]): string {
  return errors.map((e) => `${e.message}: ${e.err instanceof Error ? e.err.stack : JSON.stringify(e.err)}`).join('\n');
}

// Bookkeeping that a refused input may legitimately touch: the event dedupe table, the migrator's.
const BOOKKEEPING = /^(slack_events|kysely_migration|kysely_migration_lock|sqlite_.*)$/;

/** A hash of every row of every domain table (the outbox included): equal before and after means nothing was stored. */
export function fingerprint(app: TestApp, opts: { except?: string[] } = {}): string {
  const sqlite = sqliteOf(app);
  const tables = (sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[])
    .map((t) => t.name)
    .filter((name) => !BOOKKEEPING.test(name) && !(opts.except ?? []).includes(name));
  const hash = createHash('sha256');
  for (const table of tables) {
    hash.update(table);
    for (const row of sqlite.prepare(`select * from "${table}"`).raw().iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

/** Row counts per domain table, for failure messages that say what changed. */
export function tableCounts(app: TestApp): Record<string, number> {
  const sqlite = sqliteOf(app);
  const tables = (sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[]).map((t) => t.name).filter((n) => !BOOKKEEPING.test(n));
  return Object.fromEntries(tables.map((t) => [t, (sqlite.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n]));
}
