import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, type Clock } from '../../src/clock.ts';
import type { OutboxSenderOptions } from '../../src/delivery/sender.ts';
import { createLogger } from '../../src/logger.ts';
import { startHandoff, type RunningHandoff } from '../../src/main.ts';
import { SlackSender } from '../../src/standin/slack-sender.ts';
import { SlackStandIn, type StandInOptions } from '../../src/standin/slack-standin.ts';
import { createPostgresDatabase, onPostgres } from './databases.ts';
import type SQLite from 'better-sqlite3';
import type { SqliteHandle } from '../../src/db/sqlite.ts';

export const SIGNING_SECRET = 'test-signing-secret-0000';
export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';
export const API_TOKEN = 'test-api-token-0123456789abcdef';
/** A Standard Webhooks secret: whsec_ and the base64 of 32 bytes. */
export const OUTBOUND_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

/**
 * Checks a Standard Webhooks signature as the spec (standardwebhooks.com) describes it, written
 * here from the spec rather than with the library Handoff signs with: HMAC-SHA256, keyed with the
 * base64-decoded secret, of "<webhook-id>.<webhook-timestamp>.<body>", base64, as "v1,<sig>",
 * space-separated when there are several.
 */
export function standardSignatureOk(headers: Record<string, string | string[] | undefined>, body: string, secret = OUTBOUND_SECRET): boolean {
  const id = String(headers['webhook-id'] ?? '');
  const timestamp = String(headers['webhook-timestamp'] ?? '');
  if (!id || !/^\d+$/.test(timestamp)) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = 'v1,' + createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return String(headers['webhook-signature'] ?? '').split(' ').includes(expected);
}
export const MARKETING_CHANNEL = 'CMARKETING1';
export const SALES_CHANNEL = 'CSALES0001';

/** People the stand-in knows; tests refer to them by role. */
export const PEOPLE = {
  rep: { id: 'UREP00001', email: 'rep@yourco.example', real_name: 'Riley Rep' },
  rep2: { id: 'UREP00002', email: 'sam@yourco.example', real_name: 'Sam Seller' },
  marketer: { id: 'UMKT00001', email: 'marketer@yourco.example', real_name: 'Morgan Marketer' },
  admin: { id: 'UADMIN001', email: 'admin@yourco.example', real_name: 'Ada Admin' },
  stranger: { id: 'USTRANGE1', email: 'stranger@yourco.example', real_name: 'Sol Stranger' },
} as const;

export interface TestAppOptions {
  /** Extra or overriding environment variables. */
  env?: Record<string, string | undefined>;
  clock?: Clock;
  standIn?: StandInOptions;
  /** Reuse an existing stand-in (e.g. across a restart). */
  reuseStandIn?: SlackStandIn;
  /** An SQLite file of the test's own (tests of SQLite itself: file modes, the log). */
  databasePath?: string;
  /** Reuse another app's database (restart tests): its `databaseUrl`. */
  databaseUrl?: string;
  /** Tests of SQLite itself (its file, triggers, pragmas) run on SQLite whatever TEST_DATABASE_URL says. */
  engine?: 'sqlite';
  scheduler?: boolean;
  /** Outbox sender timing; tests get a fast poll and backoff unless they say otherwise. */
  outbox?: OutboxSenderOptions;
}

/** Retries in milliseconds rather than seconds, so a 5xx-then-success test takes no time. */
export const TEST_OUTBOX: OutboxSenderOptions = { pollIntervalMs: 50, backoffBaseMs: 20, configRetryMs: 200 };

export interface TestApp {
  handoff: RunningHandoff;
  standIn: SlackStandIn;
  slack: SlackSender;
  clock: Clock;
  url: string;
  /** The SQLite file, when the app runs on SQLite. */
  databasePath: string;
  /** DATABASE_URL as the app got it: `sqlite:…`, or the test's own PostgreSQL database. */
  databaseUrl: string;
  dir: string;
  /** POSTs JSON to a route, with the bearer secret unless headers say otherwise. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any; text: string }>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; json: any; text: string; headers: Headers }>;
  /** Stops the app (and the stand-in unless it was passed in) and removes the temp folder. */
  stop(): Promise<void>;
  /** Stops only the app, keeping the database and stand-in for a restart. */
  stopApp(): Promise<void>;
}

/**
 * Starts the real app on an ephemeral port, against a fresh Slack stand-in, with a database of its
 * own: a temporary SQLite file, or a new PostgreSQL database when TEST_DATABASE_URL is set.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const standIn = options.reuseStandIn ?? (await SlackStandIn.start({ users: Object.values(PEOPLE), ...options.standIn }));
  const dir = mkdtempSync(join(tmpdir(), 'handoff-test-'));
  const databasePath = options.databasePath ?? join(dir, 'handoff.db');
  const databaseUrl = options.databaseUrl ?? (options.databasePath || options.engine === 'sqlite' || !onPostgres ? `sqlite:${databasePath}` : await createPostgresDatabase());
  const clock = options.clock ?? new ManualClock();
  const env: Record<string, string | undefined> = {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: standIn.url,
    PORT: '0',
    DATABASE_URL: databaseUrl,
    HANDOFF_WEBHOOK_SECRET: WEBHOOK_SECRET,
    HANDOFF_API_TOKEN: API_TOKEN,
    HANDOFF_OUTBOUND_SECRET: OUTBOUND_SECRET,
    MARKETING_CHANNEL,
    SALES_CHANNEL,
    LOG_LEVEL: process.env.HANDOFF_TEST_LOG ?? 'silent',
    ...options.env,
  };
  const handoff = await startHandoff({
    env,
    clock,
    host: '127.0.0.1',
    scheduler: options.scheduler ?? false,
    logger: createLogger(env.LOG_LEVEL ?? 'silent'),
    outbox: { ...TEST_OUTBOX, ...options.outbox },
  });
  const url = handoff.url;
  const slack = new SlackSender({ appUrl: url, signingSecret: SIGNING_SECRET, standIn, settled: () => handoff.deps.inFlight.settled() });

  async function request(method: string, path: string, body: string | undefined, headers: Record<string, string>) {
    const res = await fetch(url + path, { method, body, headers });
    const text = await res.text();
    let json: any;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, json, text, headers: res.headers };
  }

  let appStopped = false;
  const stopApp = async () => {
    if (appStopped) return;
    appStopped = true;
    await handoff.stop();
  };
  return {
    handoff,
    standIn,
    slack,
    clock,
    url,
    databasePath,
    databaseUrl,
    dir,
    post: (path, body, headers) =>
      request('POST', path, typeof body === 'string' ? body : JSON.stringify(body), {
        'content-type': 'application/json',
        authorization: `Bearer ${WEBHOOK_SECRET}`,
        ...headers,
      }),
    get: (path, headers) => request('GET', path, undefined, { authorization: `Bearer ${API_TOKEN}`, ...headers }),
    stopApp,
    async stop() {
      await stopApp();
      if (!options.reuseStandIn) await standIn.close();
      if (!options.databasePath && !options.databaseUrl) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The raw SQLite connection of an app started with `engine: 'sqlite'`, for tests of SQLite itself. */
export function sqliteOf(app: TestApp): SQLite.Database {
  const handle = app.handoff.deps.dbHandle as Partial<SqliteHandle>;
  if (!handle.sqlite) throw new Error("this test looks into SQLite itself: start its app with startTestApp({ engine: 'sqlite' })");
  return handle.sqlite;
}
