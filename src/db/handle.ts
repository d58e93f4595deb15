import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { DurabilityLost } from './wal-sync.ts';

export type Engine = 'sqlite' | 'postgres';

/** Where the data lives, from DATABASE_URL. */
export type DatabaseTarget = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string; poolSize?: number };

/**
 * The database as features see it. Each engine keeps its own ways of being durable and fast
 * behind these methods, so no feature knows which one it runs on.
 */
export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  /**
   * Runs `work` (which must use the `db` it is given) and resolves once what it committed is
   * durable. On SQLite the fsync runs off the JavaScript thread and commits made meanwhile share
   * it; on PostgreSQL every commit is durable when it returns.
   */
  durably<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  /** The first half of durably: commits that nothing may rely on before `synced()`. */
  deferSync<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  /** The second half: resolves once every commit made so far is durable. */
  synced(): Promise<void>;
  /** Set once a write could not be made durable: no write may be answered as stored after that. */
  readonly durabilityLost: DurabilityLost | undefined;
  /** Called once, with the first failed fsync; the process should stop and be restarted. */
  onDurabilityLost(listener: (error: DurabilityLost) => void): void;
  /**
   * Turns for work that can wait for Slack's acks. SQLite's work holds the event loop, so work
   * past an ack and background work take turns behind requests already waiting to be acked; on
   * PostgreSQL the database waits off the event loop and every turn is granted at once.
   */
  turns: WorkTurns;
  /** A consistent copy into a file while the app runs; undefined where the engine has its own tools. */
  backup?(target: string): Promise<void>;
  close(): Promise<void>;
}

export interface WorkTurns {
  /** For a listener past its ack. */
  turn(): Promise<void>;
  /** For work no request is waiting on (the outbox, jobs, Home refreshes). */
  backgroundTurn(): Promise<void>;
}

/** DATABASE_URL → target: `sqlite:PATH`, or `postgres://…` (also `postgresql://`). */
export function parseDatabaseUrl(url: string, poolSize?: number): DatabaseTarget {
  return url.startsWith('sqlite:') ? { engine: 'sqlite', path: url.slice('sqlite:'.length) } : { engine: 'postgres', url, poolSize };
}

/** How the target is named in messages: a PostgreSQL URL without its password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.engine === 'sqlite') return target.path;
  const url = new URL(target.url);
  if (url.password) url.password = '***';
  return url.toString();
}
