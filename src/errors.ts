/**
 * An error meant for the person who acted: its message is shown to them (an ephemeral
 * message, a modal field error or an HTTP body) instead of going to the error log.
 */
export class UserFacingError extends Error {
  constructor(message: string, readonly code = 'user_error') {
    super(message);
    this.name = 'UserFacingError';
  }
}
