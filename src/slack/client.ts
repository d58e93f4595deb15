import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { boltLogger } from '../logger.ts';

/**
 * The Web API client options every client in the app shares. The outbox owns retries:
 * @slack/web-api would otherwise retry by itself for half an hour (posting twice when a
 * response is lost) and pause every call on a 429 for one channel.
 */
export function slackClientOptions(config: Config, logger: Logger): WebClientOptions {
  return {
    slackApiUrl: config.slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logger: boltLogger(logger),
  };
}

export function createSlackClient(config: Config, logger: Logger): WebClient {
  return new WebClient(config.slack.botToken, slackClientOptions(config, logger));
}

/** The Slack error code of a Web API failure, or undefined for network/HTTP failures. */
export function slackErrorCode(error: unknown): string | undefined {
  const e = error as { code?: string; data?: { error?: string } };
  return e?.code === 'slack_webapi_platform_error' ? e.data?.error : undefined;
}
