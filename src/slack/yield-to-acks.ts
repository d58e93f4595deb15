/**
 * Turns for listener work that runs after its ack. better-sqlite3 is synchronous, so such work
 * holds the event loop while it runs. Granting one turn per pass of the event loop lets every
 * request that has arrived meanwhile be parsed and acked between two pieces of work, rather than
 * waiting behind all of them: Slack's 3-second clock runs until the ack, not until the work ends.
 */
export class AckFirstTurns {
  private readonly waiting: (() => void)[] = [];
  private granting = false;

  /** Resolves when it is this caller's turn; the caller's synchronous work then runs before the next request is read. */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.granting) {
        this.granting = true;
        setImmediate(this.grant);
      }
    });
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  private readonly grant = (): void => {
    this.waiting.shift()?.();
    // setImmediate from inside an immediate runs on the next pass, after the poll phase reads new requests.
    if (this.waiting.length > 0) setImmediate(this.grant);
    else this.granting = false;
  };
}
