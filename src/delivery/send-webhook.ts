import { Webhook } from 'standardwebhooks';
import type { Attempt } from './attempt.ts';
import { parseRetryAfter } from './backoff.ts';
import { networkFailure } from './failure.ts';
import type { WebhookPayload } from './outbox.ts';

export interface WebhookOptions {
  /** HANDOFF_OUTBOUND_SECRET: one, or two while rotating (a signature for each). */
  secrets: string[];
  timeoutMs: number;
  now: Date;
  /** The machine's real time: the receiver checks webhook-timestamp against its own wall clock. */
  sentAt: Date;
}

/**
 * POSTs one event signed as Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature:
 * "v1,<base64 HMAC-SHA256 of id.timestamp.body>" per secret), so any of its libraries verifies
 * it. The id stays the same on every retry so the receiver can drop repeats: we retry until a
 * 2xx, so a receiver may see an event twice.
 * 2xx delivered; 408, 429 and 5xx retried; 410 stops the URL; any other 4xx (and redirects,
 * which are not followed: a signed POST must not wander) given up on.
 */
export async function sendWebhook(url: string, payload: WebhookPayload, options: WebhookOptions): Promise<Attempt> {
  if (options.secrets.length === 0) {
    return { sent: false, failure: { type: 'config', error: 'HANDOFF_OUTBOUND_SECRET is not set, so events cannot be signed' }, pauseKey: url };
  }
  const body = JSON.stringify(payload.body ?? null);
  const signedAt = new Date(Math.floor(options.sentAt.getTime() / 1000) * 1000);
  const signature = options.secrets.map((secret) => new Webhook(secret).sign(payload.eventId, signedAt, body)).join(' ');
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Handoff',
        'webhook-id': payload.eventId,
        'webhook-timestamp': String(signedAt.getTime() / 1000),
        'webhook-signature': signature,
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
  if (status === 410) return { sent: false, failure: { type: 'gone', error }, pauseKey: url };
  const why = status >= 300 && status < 400 ? `${error} (redirects are not followed)` : error;
  return { sent: false, failure: { type: 'permanent', error: why }, pauseKey: url };
}
