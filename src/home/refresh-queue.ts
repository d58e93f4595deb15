import type { Logger } from '../logger.ts';

/** How long a requested refresh waits for more changes to the same Home before publishing. */
export const HOME_REFRESH_DELAY_MS = 250;

/**
 * A Home is kept current while its person may be looking at it: for this long after they last
 * opened it. Anyone else sees a fresh one when they next open it (app_home_opened publishes it).
 * views.publish is Tier 4 (100+ a minute per workspace): re-publishing every rep's Home on each
 * of their DMs during a burst of leads would run far past that, for tabs nobody has open.
 */
export const HOME_WATCH_MS = 30 * 60_000;

/**
 * Home refreshes run after the answer that asked for them, never on its way to Slack's ack, and
 * several asked for one person in quick succession publish once. The Home is read when it is
 * published, so that one publish shows the latest state. One person's publishes never overlap,
 * so an older view cannot land after a newer one.
 */
export class HomeRefreshQueue {
  private readonly waiting = new Map<string, NodeJS.Timeout>();
  private readonly publishing = new Map<string, Promise<void>>();
  /** When each person last opened their Home (milliseconds, this process's monotonic clock). */
  private readonly opened = new Map<string, number>();
  private draining = false;

  constructor(
    private readonly publish: (userId: string) => Promise<void>,
    private readonly logger: Logger,
    private readonly delayMs = HOME_REFRESH_DELAY_MS,
    private readonly watchMs = HOME_WATCH_MS,
  ) {}

  /** The person opened their Home (and it was published): keep it current for a while. */
  opening(userId: string): void {
    const now = performance.now();
    // Re-inserted so the map stays in order of opening, oldest first, and old entries drop off the front.
    this.opened.delete(userId);
    this.opened.set(userId, now);
    for (const [id, at] of this.opened) {
      if (now - at <= this.watchMs) break;
      this.opened.delete(id);
    }
  }

  /** Asks for a refresh of the person's Home, if they have it open (see HOME_WATCH_MS). */
  request(userId: string): void {
    const opened = this.opened.get(userId);
    if (opened === undefined || performance.now() - opened > this.watchMs) return;
    if (this.waiting.has(userId)) return;
    if (this.draining) return this.start(userId);
    this.waiting.set(userId, setTimeout(() => this.start(userId), this.delayMs));
  }

  /** Publishes what is waiting now and resolves once every publish has ended (shutdown). */
  async drain(): Promise<void> {
    this.draining = true;
    for (const [userId, timer] of this.waiting) {
      clearTimeout(timer);
      this.start(userId);
    }
    while (this.publishing.size > 0) await Promise.all(this.publishing.values());
  }

  private start(userId: string): void {
    this.waiting.delete(userId);
    const before = this.publishing.get(userId) ?? Promise.resolve();
    const run: Promise<void> = before
      .then(() => this.publish(userId))
      .catch((error: unknown) => {
        // The Home is a view of the database: the next app_home_opened shows the truth anyway.
        this.logger.warn({ err: error, userId }, 'could not refresh the App Home');
      })
      .finally(() => {
        if (this.publishing.get(userId) === run) this.publishing.delete(userId);
      });
    this.publishing.set(userId, run);
  }
}
