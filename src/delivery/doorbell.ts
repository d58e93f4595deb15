/**
 * How a commit that queued outbox rows tells the sender to look now rather than at its next poll.
 * It exists before the sender does (the dependencies are built first), so nothing needs patching
 * once the sender starts: the sender answers the bell while it runs, and a process without one
 * (`handoff migrate`) rings it for nobody.
 */
export class OutboxDoorbell {
  private answer: (() => void) | undefined;

  ring(): void {
    this.answer?.();
  }

  /** The running sender's wake-up; returns how to stop answering. */
  answerWith(answer: () => void): () => void {
    this.answer = answer;
    return () => {
      if (this.answer === answer) this.answer = undefined;
    };
  }
}
