export interface OutboxSenderOptions {
  /** How often to look for due rows when nobody wakes the sender. */
  pollIntervalMs?: number;
  /** First retry delay after a 5xx, timeout or network error; doubles each attempt (with jitter). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Retry delay while Slack rejects our token or scopes (invalid_auth, missing_scope …). */
  configRetryMs?: number;
  /** Rows being sent at once (each to a different target). */
  maxInFlight?: number;
  /** Minimum gap between two posts to one channel (Slack: about one per second). */
  perChannelIntervalMs?: number;
  /** How long a claim holds a row; a sender that dies mid-send frees its rows after this. Must exceed one attempt (three Slack calls). */
  claimLeaseMs?: number;
  webhookTimeoutMs?: number;
  /** How long an event is retried before it is given up on (its receiver down that long). */
  webhookRetryForMs?: number;
  /** How long stop() waits for sends in flight. */
  stopTimeoutMs?: number;
  /** Due rows read per look. */
  batchSize?: number;
  /** Written in outbox.claimed_by; defaults to host:pid:random. */
  senderId?: string;
}

export const OUTBOX_DEFAULTS: Required<Omit<OutboxSenderOptions, 'senderId'>> = {
  pollIntervalMs: 500,
  backoffBaseMs: 1_000,
  backoffMaxMs: 5 * 60_000,
  configRetryMs: 5 * 60_000,
  maxInFlight: 8,
  perChannelIntervalMs: 1_000,
  claimLeaseMs: 2 * 60_000,
  webhookTimeoutMs: 10_000,
  webhookRetryForMs: 3 * 24 * 3_600_000,
  stopTimeoutMs: 15_000,
  batchSize: 100,
};
