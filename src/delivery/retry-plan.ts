import type { OutboxRow } from '../db/schema.ts';
import { backoffDelay } from './backoff.ts';
import type { Failure } from './failure.ts';
import type { OUTBOX_DEFAULTS } from './options.ts';

export interface RetryPlan {
  /** when to try again; undefined: give up (the row fails) */
  delayMs: number | undefined;
  level: 'warn' | 'error';
  message: string;
}

/**
 * What a failed attempt leads to. Slack messages are retried without limit: a lead must never be
 * lost. An event for a receiver that has not taken it for `webhookRetryForMs` (days) is given up
 * on, as webhook senders do, so that one dead URL does not grow the outbox for ever.
 */
export function retryPlan(row: Pick<OutboxRow, 'attempts' | 'kind' | 'created_at'>, failure: Failure, opts: typeof OUTBOX_DEFAULTS, now: Date): RetryPlan {
  const backoff = () => backoffDelay(row.attempts, opts.backoffBaseMs, opts.backoffMaxMs);
  if (row.kind === 'webhook' && failure.type !== 'config' && now.getTime() - Date.parse(row.created_at) >= opts.webhookRetryForMs) {
    return { delayMs: undefined, level: 'error', message: `gave up on an event: its receiver has not taken it for ${Math.round(opts.webhookRetryForMs / 3_600_000)} hours` };
  }
  switch (failure.type) {
    case 'gone':
      return { delayMs: undefined, level: 'error', message: 'an event receiver answered 410 Gone: nothing more is sent to it until an admin starts it again' };
    case 'permanent':
      return { delayMs: undefined, level: 'error', message: 'gave up on an outbox message: it cannot be delivered as it is' };
    case 'rate_limited':
      return { delayMs: failure.retryAfterMs ?? backoff(), level: 'warn', message: 'rate limited: this channel waits, the others go on' };
    case 'transient':
      return { delayMs: backoff(), level: 'warn', message: failure.ambiguous ? 'send failed, maybe after arriving: retrying, checking first' : 'send failed: retrying' };
    case 'config':
      return {
        delayMs: Math.max(opts.configRetryMs, backoff()),
        level: 'error',
        message: 'Handoff is not allowed to send (token, scopes or webhook secret): fix the configuration; messages wait and are retried',
      };
  }
}
