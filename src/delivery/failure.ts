import { ErrorCode } from '@slack/web-api';

/** What went wrong with one attempt, and so what the outbox does next. */
export type Failure =
  /** Slack or the receiver asked us to wait: retry after that, pausing only this channel. */
  | { type: 'rate_limited'; error: string; retryAfterMs: number | undefined }
  /** Network, timeout, 5xx: retry with backoff. ambiguous: it may have been delivered anyway. */
  | { type: 'transient'; error: string; ambiguous: boolean }
  /** Our credentials or scopes are wrong: nothing will work until someone fixes the install. */
  | { type: 'config'; error: string }
  /** This message can never be delivered as it is. */
  | { type: 'permanent'; error: string }
  /** The receiver answered 410 Gone: it wants nothing more, so nothing more goes to it. */
  | { type: 'gone'; error: string };

// The bot token or the app's scopes: an operator must act; every message would fail the same way,
// so the rows wait (slowly retried) instead of being given up on.
const CONFIG_ERRORS = new Set([
  'invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'missing_scope',
  'no_permission', 'not_allowed_token_type', 'team_access_not_granted', 'org_login_required', 'ekm_access_denied',
]);

// Slack's own "try again" answers; they may have done part of the work before failing.
const TRANSIENT_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

// Failures that mean the request never left this machine or never reached a server: safe to resend.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Sorts a Web API failure. Unknown platform errors count as permanent: a row retried forever blocks its channel. */
export function classifySlackError(error: unknown): Failure {
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number; original?: unknown; message?: string };
  switch (e?.code) {
    case ErrorCode.RateLimitedError:
      return { type: 'rate_limited', error: 'ratelimited', retryAfterMs: typeof e.retryAfter === 'number' ? e.retryAfter * 1000 : undefined };
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      if (code === 'ratelimited' || code === 'rate_limited') return { type: 'rate_limited', error: code, retryAfterMs: undefined };
      if (CONFIG_ERRORS.has(code)) return { type: 'config', error: code };
      if (TRANSIENT_ERRORS.has(code)) return { type: 'transient', error: code, ambiguous: true };
      return { type: 'permanent', error: code };
    }
    case ErrorCode.HTTPError:
      return { type: 'transient', error: `http_${e.statusCode ?? 'error'}`, ambiguous: true };
    case ErrorCode.RequestError:
      return networkFailure(e.original);
    default:
      return networkFailure(error);
  }
}

/** A fetch/socket failure: ambiguous unless it clearly never connected. */
export function networkFailure(error: unknown): Failure {
  const code = errorCode(error);
  const message = describe(error);
  return { type: 'transient', error: code ? `${code}: ${message}` : message, ambiguous: !code || !NOT_SENT_CODES.has(code) };
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const c = current as { code?: unknown; name?: string; cause?: unknown };
    if (typeof c.code === 'string') return c.code;
    if (c.name === 'TimeoutError' || c.name === 'AbortError') return 'timeout';
    current = c.cause;
  }
  return undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`.slice(0, 500);
  }
  return String(error).slice(0, 500);
}
