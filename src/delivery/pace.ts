/**
 * Per-channel timing for one sender: Slack takes about one chat.postMessage per second per
 * channel, and a 429 Retry-After holds that channel (only that one) for a while. Timed by the
 * sender's scheduling clock, like the rows' retry times, so both agree.
 */
export class ChannelPace {
  private readonly lastPost = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();

  constructor(private readonly intervalMs: number, private readonly nowMs: () => number) {}

  /** Milliseconds until the next message may go to this channel; 0 means now. Posts also keep the pace, other kinds only the pauses. */
  wait(key: string, isPost: boolean): number {
    const now = this.nowMs();
    let wait = 0;
    const paused = this.pausedUntil.get(key);
    if (paused !== undefined) {
      if (paused <= now) this.pausedUntil.delete(key);
      else wait = paused - now;
    }
    const last = this.lastPost.get(key);
    if (last !== undefined) {
      const free = last + this.intervalMs;
      if (free <= now) this.lastPost.delete(key);
      else if (isPost) wait = Math.max(wait, free - now);
    }
    return wait;
  }

  /** Called when a post's answer arrives (or fails): the next post waits a full interval from here. */
  posted(key: string): void {
    this.lastPost.set(key, this.nowMs());
  }

  pause(key: string, ms: number): void {
    const until = this.nowMs() + ms;
    this.pausedUntil.set(key, Math.max(until, this.pausedUntil.get(key) ?? 0));
  }
}
