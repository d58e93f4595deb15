import type { WorkTurns } from './handle.ts';

/**
 * Turns for synchronous database work that can wait for acks. better-sqlite3 holds the event loop
 * while it runs, so work started straight after an ack would keep every request that has already
 * arrived waiting for its own. One turn is granted per pass of the event loop, so requests that
 * arrived meanwhile are parsed and acked between two pieces of work: Slack's 3-second clock runs
 * until the ack, not until the work ends.
 *
 * A listener past its ack goes before background work (the outbox, Home refreshes): its turn comes
 * in the same pass as its ack, so by the time the clicker has the ack, the answer is recorded.
 */
export class AckFirstTurns implements WorkTurns {
  private readonly listeners: (() => void)[] = [];
  private readonly background: (() => void)[] = [];
  private granting = false;

  /** For a listener past its ack. */
  turn(): Promise<void> {
    return this.wait(this.listeners);
  }

  /** For work no request is waiting on. */
  backgroundTurn(): Promise<void> {
    return this.wait(this.background);
  }

  get waitingCount(): number {
    return this.listeners.length + this.background.length;
  }

  private wait(queue: (() => void)[]): Promise<void> {
    return new Promise((resolve) => {
      queue.push(resolve);
      if (!this.granting) {
        this.granting = true;
        setImmediate(this.grant);
      }
    });
  }

  private readonly grant = (): void => {
    (this.listeners.shift() ?? this.background.shift())?.();
    // setImmediate from inside an immediate runs on the next pass, after the poll phase reads new requests.
    if (this.waitingCount > 0) setImmediate(this.grant);
    else this.granting = false;
  };
}
