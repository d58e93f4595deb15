import { backoffDelay } from '../delivery/backoff.ts';
import { classifySlackError } from '../delivery/failure.ts';
import type { Logger } from '../logger.ts';

/** How many lookups run at once: enough to hide Slack's latency, few enough to stay near Tier 3's ~50 a minute in bursts. */
const CONCURRENCY = 4;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 5 * 60_000;

/**
 * Works through keys (owner emails) that each need one Slack call, and keeps going when Slack
 * pushes back: a 429 pauses every lookup for its Retry-After and then carries on where it
 * stopped; a 5xx, timeout or network error backs off that key alone (1 s, 2 s, 4 s … 5 min)
 * while the others go on. A key queued twice is looked up once.
 */
export class LookupQueue {
  private readonly due = new Map<string, number>();
  private readonly failures = new Map<string, number>();
  private pausedUntil = 0;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly lookUp: (key: string) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  add(keys: Iterable<string>): void {
    for (const key of keys) if (!this.due.has(key)) this.due.set(key, 0);
    this.start();
  }

  /** Resolves once nothing is due now: every key added is done, or waiting out its own backoff. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.wake?.();
    await this.running;
  }

  private start(): void {
    if (this.stopped || this.running) return;
    clearTimeout(this.timer);
    this.running = this.work()
      .catch((error: unknown) => this.logger.error({ err: error }, 'the Slack lookup queue failed'))
      .finally(() => {
        this.running = undefined;
        this.scheduleNext();
      });
  }

  private scheduleNext(): void {
    if (this.stopped || this.due.size === 0) return;
    const next = Math.max(Math.min(...this.due.values()), this.pausedUntil);
    this.timer = setTimeout(() => this.start(), Math.max(0, next - Date.now()));
    this.timer.unref();
  }

  private async work(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const now = Date.now();
      if (this.pausedUntil > now) {
        await this.sleep(this.pausedUntil - now);
        continue;
      }
      const batch: string[] = [];
      for (const [key, at] of this.due) {
        if (at <= now) batch.push(key);
        if (batch.length === CONCURRENCY) break;
      }
      if (batch.length === 0) return;
      for (const key of batch) this.due.delete(key);
      await Promise.all(batch.map((key) => this.attempt(key)));
    }
  }

  private async attempt(key: string): Promise<void> {
    try {
      await this.lookUp(key);
      this.failures.delete(key);
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.type === 'rate_limited') {
        // Slack's limit is per method for the whole app: every lookup waits, then this key goes first.
        const waitMs = failure.retryAfterMs ?? BACKOFF_BASE_MS;
        this.pausedUntil = Math.max(this.pausedUntil, Date.now() + waitMs);
        this.due.set(key, 0);
        this.logger.info({ retryAfterMs: waitMs }, 'Slack rate limited a lookup; pausing lookups, then carrying on');
        return;
      }
      const failures = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, failures);
      const delayMs = backoffDelay(failures, BACKOFF_BASE_MS, BACKOFF_MAX_MS);
      this.due.set(key, Date.now() + delayMs);
      this.logger.warn({ error: failure.error, delayMs }, 'could not ask Slack who has an email; trying that one again later');
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => { this.wake = undefined; resolve(); }, ms);
      this.wake = () => { clearTimeout(t); this.wake = undefined; resolve(); };
    });
  }
}
