/**
 * Exponential backoff with jitter: base, 2·base, 4·base … capped, each ±20 % so that many rows
 * failing together (Slack down) do not all come back in the same instant.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const plain = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.round(Math.min(maxMs, plain * (0.8 + 0.4 * random())));
}

/** Retry-After as Slack and HTTP send it: delta seconds, or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
