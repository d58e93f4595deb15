// `node bin/handoff.js start` as a separate process, for what only a real process shows:
// kill -9 in the middle of work, two processes on one SQLite file, start-up time.

import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { spawnCli } from './spawn.ts';

export const PROCESS_SIGNING_SECRET = 'proc-signing-secret-0000';
export const PROCESS_WEBHOOK_SECRET = 'proc-webhook-secret-0123456789';
export const PROCESS_API_TOKEN = 'proc-api-token-0123456789abcdef';

export interface HandoffProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Milliseconds from spawn to the first 200 from /healthz. */
  startMs: number;
  /** What the process wrote so far (pino JSON lines on stdout, anything else on stderr). */
  output(): { stdout: string; stderr: string };
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL (no shutdown code runs) and wait for the exit. */
  kill(): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface HandoffProcessOptions {
  /** An SQLite file, or… */
  databasePath?: string;
  /** …a whole DATABASE_URL (a test's PostgreSQL database). */
  databaseUrl?: string;
  slackApiUrl: string;
  env?: Record<string, string>;
  port?: number;
  timeoutMs?: number;
}

/** A port nobody listens on right now (the OS picks it; the small race is fine on a test machine). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function handoffEnv(opts: { databasePath?: string; databaseUrl?: string; slackApiUrl: string; port: number }): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-proc-token',
    SLACK_SIGNING_SECRET: PROCESS_SIGNING_SECRET,
    SLACK_API_URL: opts.slackApiUrl,
    PORT: String(opts.port),
    DATABASE_URL: opts.databaseUrl ?? `sqlite:${opts.databasePath}`,
    HANDOFF_WEBHOOK_SECRET: PROCESS_WEBHOOK_SECRET,
    HANDOFF_API_TOKEN: PROCESS_API_TOKEN,
    MARKETING_CHANNEL: 'CMARKETING1',
    SALES_CHANNEL: 'CSALES0001',
    LOG_LEVEL: 'warn',
  };
}

/** Starts `handoff start` and resolves once /healthz answers 200. */
export async function startHandoffProcess(opts: HandoffProcessOptions): Promise<HandoffProcess> {
  const port = opts.port ?? (await freePort());
  const began = performance.now();
  const child = spawnCli(['start'], { ...handoffEnv({ databasePath: opts.databasePath, databaseUrl: opts.databaseUrl, slackApiUrl: opts.slackApiUrl, port }), ...opts.env });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  let gone = false;
  void exited.then(() => { gone = true; });
  const url = `http://127.0.0.1:${port}`;
  // Polled by hand rather than with eventually(): a process that exits must fail the start at once, not after the timeout.
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (gone || Date.now() > deadline) {
      child.kill('SIGKILL');
      const why = gone ? 'handoff exited before it was healthy' : `handoff on port ${port} did not answer /healthz within ${opts.timeoutMs ?? 30_000} ms`;
      throw new Error(`${why}\nstdout: ${stdout.slice(-2000)}\nstderr: ${stderr.slice(-2000)}`);
    }
    const healthy = await fetch(`${url}/healthz`).then(async (res) => { await res.arrayBuffer(); return res.status === 200; }, () => false);
    if (healthy) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const startMs = performance.now() - began;
  const end = async (signal: NodeJS.Signals) => {
    if (!gone) child.kill(signal);
    await exited;
  };
  return {
    url,
    port,
    child,
    startMs,
    output: () => ({ stdout, stderr }),
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    exited,
  };
}
