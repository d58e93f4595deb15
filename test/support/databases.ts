import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The suite runs on SQLite by default, and on PostgreSQL when TEST_DATABASE_URL names a server
 * the tests may create databases on (e.g. postgres://postgres@127.0.0.1:5432/postgres). Each
 * test app then gets a database of its own, created here and dropped when its file ends.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

export const onPostgres = TEST_DATABASE_URL !== undefined;

export const HOW_TO_RUN_ON_POSTGRES = 'set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (a server where the tests may create databases) to run it';

const created = new Set<string>();

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  if (!TEST_DATABASE_URL) throw new Error(`no PostgreSQL server: ${HOW_TO_RUN_ON_POSTGRES}`);
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL database; returns its URL. Dropped by `dropCreatedDatabases`. */
export async function createPostgresDatabase(): Promise<string> {
  const name = `handoff_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  created.add(name);
  return withDatabase(TEST_DATABASE_URL!, name);
}

export async function dropPostgresDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^handoff_test_[0-9a-f]+$/.test(name)) throw new Error(`not a test database: ${name}`);
  // WITH (FORCE): a process the test killed may have left its connections for the server to notice.
  await admin((c) => c.query(`drop database if exists ${name} with (force)`));
  created.delete(name);
}

export async function dropCreatedDatabases(): Promise<void> {
  for (const name of [...created]) await dropPostgresDatabase(withDatabase(TEST_DATABASE_URL!, name));
}

/** Runs a query on a test database from outside the app (to look at what it stored). */
export async function queryDatabase<R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** DATABASE_URL for a database of the test's own: an SQLite file in `dir`, or a new PostgreSQL database. */
export async function freshDatabaseUrl(dir: string, file = 'handoff.db'): Promise<string> {
  return onPostgres ? createPostgresDatabase() : `sqlite:${dir.replace(/\/$/, '')}/${file}`;
}
