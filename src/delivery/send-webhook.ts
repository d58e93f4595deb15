import { intakeSignature } from '../http/auth.ts';
import type { Attempt } from './attempt.ts';
import { parseRetryAfter } from './backoff.ts';
import { networkFailure } from './failure.ts';
import type { WebhookPayload } from './outbox.ts';

export interface WebhookOptions {
  secret: string | undefined;
  timeoutMs: number;
  now: Date;
}

/**
 * POSTs one event, signed like intake (v1 HMAC of "v1:<ts>:<body>"), with the event id so the
 * receiver can drop repeats: we retry until a 2xx, so a receiver may see an event twice.
 * 2xx delivered; 408, 429 and 5xx retried; any other 4xx (and redirects, which are not
 * followed: a signed POST must not wander) given up on.
 */
export async function sendWebhook(url: string, payload: WebhookPayload, options: WebhookOptions): Promise<Attempt> {
  if (!options.secret) {
    return { sent: false, failure: { type: 'config', error: 'HANDOFF_WEBHOOK_SECRET is not set, so webhooks cannot be signed' }, pauseKey: url };
  }
  const body = JSON.stringify(payload.body ?? null);
  const timestamp = Math.floor(options.now.getTime() / 1000);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Handoff',
        'X-Handoff-Event-Id': payload.eventId,
        'X-Handoff-Timestamp': String(timestamp),
        'X-Handoff-Signature': intakeSignature(options.secret, timestamp, body),
      },
      body,
    });
    // The body is not needed, but reading it lets the connection be reused.
    await response.arrayBuffer().catch(() => undefined);
  } catch (error) {
    return { sent: false, failure: networkFailure(error), pauseKey: url };
  }
  const status = response.status;
  if (status >= 200 && status < 300) return { sent: true, channel: url, ts: '', result: { status } };
  const error = `http_${status}`;
  if (status === 429) {
    return { sent: false, failure: { type: 'rate_limited', error, retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), options.now.getTime()) }, pauseKey: url };
  }
  if (status === 408 || status >= 500) return { sent: false, failure: { type: 'transient', error, ambiguous: true }, pauseKey: url };
  const why = status >= 300 && status < 400 ? `${error} (redirects are not followed)` : error;
  return { sent: false, failure: { type: 'permanent', error: why }, pauseKey: url };
}
