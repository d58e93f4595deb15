// Socket Mode is opened in the background and kept open: health checks, lead intake and the
// API answer over HTTP, and the outbox waits for Slack, so Slack being down must never keep
// the app from starting or make it exit.

import { setTimeout as sleep } from 'node:timers/promises';
import { SocketModeReceiver } from '@slack/bolt';
import type { Config } from '../config.ts';
import { boltLogger, type Logger } from '../logger.ts';
import { slackClientOptions } from './client.ts';

/** The part of @slack/socket-mode's client the keeper drives. */
export interface SocketModeConnection {
  start(): Promise<unknown>;
  disconnect(): Promise<void>;
  once(event: 'disconnected', listener: () => void): unknown;
}

export interface ReconnectOptions {
  firstDelayMs?: number;
  maxDelayMs?: number;
}

export interface SocketModeKeeper {
  /**
   * Stops retrying and closes the connection. An attempt under way cannot be cancelled: stop()
   * waits for it at most STOP_WAIT_MS, and the keeper closes what it opens after that at once.
   */
  stop(): Promise<void>;
}

/** How long stop() waits for a connection attempt under way (Slack may be slow to answer it). */
const STOP_WAIT_MS = 1_000;

const BAD_TOKEN_ERRORS = new Set(['not_authed', 'invalid_auth', 'not_allowed_token_type', 'missing_scope', 'account_inactive']);

/**
 * The receiver is built here rather than by Bolt so that `apps.connections.open` goes to
 * SLACK_API_URL without retries of its own (the keeper owns them), and so the client never
 * reconnects by itself: its own reconnect rejects unhandled when Slack is unreachable.
 */
export function createSocketModeReceiver(config: Config, logger: Logger): SocketModeReceiver {
  return new SocketModeReceiver({
    appToken: config.slack.appToken ?? '',
    logger: boltLogger(logger),
    autoReconnectEnabled: false,
    installerOptions: { clientOptions: slackClientOptions(config, logger) },
  });
}

export function keepSocketModeConnected(connection: SocketModeConnection, logger: Logger, options: ReconnectOptions = {}): SocketModeKeeper {
  const firstDelayMs = options.firstDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const stopping = new AbortController();

  async function connectUntilStopped(): Promise<void> {
    let failures = 0;
    while (!stopping.signal.aborted) {
      try {
        await connection.start();
        if (stopping.signal.aborted) {
          // An attempt already under way when stop() came in has just succeeded.
          await connection.disconnect();
          return;
        }
        failures = 0;
        logger.info('connected to Slack over Socket Mode');
        await new Promise<void>((resolve) => connection.once('disconnected', resolve));
        if (stopping.signal.aborted) return;
        logger.warn('the Socket Mode connection to Slack closed; reconnecting');
      } catch (error) {
        if (stopping.signal.aborted) return;
        failures += 1;
        const retryInMs = Math.min(maxDelayMs, firstDelayMs * 2 ** (failures - 1));
        logger.warn({ attempt: failures, retryInMs, reason: describeFailure(error) }, 'could not connect to Slack over Socket Mode; will try again');
        await sleep(retryInMs, undefined, { signal: stopping.signal }).catch(() => undefined);
      }
    }
  }

  const running = connectUntilStopped().catch((error: unknown) => {
    logger.error({ err: error }, 'the Socket Mode connection keeper stopped on an error');
  });

  return {
    async stop() {
      stopping.abort();
      await connection.disconnect().catch(() => undefined);
      const waited = new AbortController();
      await Promise.race([running, sleep(STOP_WAIT_MS, undefined, { signal: waited.signal }).catch(() => undefined)]);
      waited.abort();
    },
  };
}

/** One line an operator can act on, built from codes and messages only (never request headers, which carry the token). */
function describeFailure(error: unknown): string {
  if (error === undefined) return 'the WebSocket closed before Slack said hello';
  const e = error as { code?: string; data?: { error?: string }; message?: string; original?: unknown; cause?: unknown };
  if (e.code === 'slack_webapi_platform_error' && e.data?.error) {
    const hint = BAD_TOKEN_ERRORS.has(e.data.error) ? ' (SLACK_APP_TOKEN must be an app-level token, xapp-…, with connections:write)' : '';
    return `Slack answered ${e.data.error}${hint}`;
  }
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth += 1) {
    const c = current as { message?: string; original?: unknown; cause?: unknown };
    if (c.message && !parts.some((p) => p.includes(c.message!))) parts.push(c.message);
    current = c.original ?? c.cause;
  }
  return parts.join(': ') || String(error);
}
