import { parseRetryAfter } from '../delivery/backoff.ts';
import type { Failure } from '../delivery/failure.ts';

/** A CRM's answer that was not a success, as the outbox sorts it. `code` is the vendor's own error name when it gave one. */
export function crmFailure(vendor: string, status: number, code: string | undefined, message: string | undefined, retryAfter: string | null, nowMs: number): Failure {
  const error = `${vendor} http_${status}${code ? ` ${code}` : ''}${message ? `: ${message.slice(0, 300)}` : ''}`;
  if (status === 429) return { type: 'rate_limited', error, retryAfterMs: parseRetryAfter(retryAfter, nowMs) };
  if (status === 408 || status >= 500) return { type: 'transient', error, ambiguous: true };
  if (status === 401) return { type: 'config', error };
  return { type: 'permanent', error };
}
