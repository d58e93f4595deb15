/**
 * Handoff's one error type: a `code` for logs and code that handles it, the technical `message`,
 * an optional `forPerson` (what the person who acted is told: an ephemeral message, a modal
 * field error, an HTTP body) and the `cause`. The kinds below add what their handler needs (an
 * HTTP status, the fields of a brief), and nothing else.
 */
export class HandoffError extends Error {
  readonly forPerson: string | undefined;

  constructor(readonly code: string, message: string, options: { forPerson?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.forPerson = options.forPerson;
  }
}

/** An error whose whole message is for the person who acted. */
export class UserFacingError extends HandoffError {
  constructor(message: string, code = 'user_error', cause?: unknown) {
    super(code, message, { forPerson: message, cause });
  }
}

/** What to tell the person for an error a listener did not handle itself; undefined for a fault of ours, which is logged. */
export function forPerson(error: unknown): string | undefined {
  return error instanceof HandoffError ? error.forPerson : undefined;
}
