/**
 * Work that goes on after the request that started it was answered (a listener past its ack).
 * Shutdown waits for it before the database closes, so nothing a person was told is lost.
 */
export class InFlightWork {
  private readonly running = new Set<Promise<unknown>>();

  /** Follows `work` to its end; its result and error are the caller's as before. */
  track<T>(work: Promise<T>): Promise<T> {
    const settled: Promise<unknown> = work.then(
      () => this.running.delete(settled),
      () => this.running.delete(settled),
    );
    this.running.add(settled);
    return work;
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves once nothing is running, including work that started while waiting. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }
}
