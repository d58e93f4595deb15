import type { IncomingMessage } from 'node:http';

/**
 * Slack's largest requests are a block action or view submission carrying a whole message or
 * modal (at most 100 blocks), form-encoded: well under this. Anything larger is not from Slack.
 */
export const SLACK_BODY_LIMIT = 512 * 1024;

/** A body this small may be Slack's unsigned `ssl_check`; Bolt verifies everything else it reads. */
const UNSIGNED_ALLOWANCE = 256;

const WINDOW_SECONDS = 5 * 60;

export interface GateRefusal {
  status: 401 | 413;
  message: string;
}

/**
 * What can be refused from the headers alone, before a byte of the body is read: a body larger
 * than Slack sends, or a request without Slack's signature headers or with a stale timestamp.
 * Bolt still verifies the signature itself over the body it reads (with the same size limit).
 */
export function refuseBeforeSlackBody(req: IncomingMessage, now: Date): GateRefusal | undefined {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > SLACK_BODY_LIMIT) {
    return { status: 413, message: `The body is larger than ${SLACK_BODY_LIMIT} bytes; Slack never sends that much.` };
  }
  const signature = req.headers['x-slack-signature'];
  const timestamp = req.headers['x-slack-request-timestamp'];
  if (typeof signature === 'string' && typeof timestamp === 'string') {
    const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
    if (Math.abs(now.getTime() / 1000 - seconds) <= WINDOW_SECONDS) return undefined;
    return { status: 401, message: 'X-Slack-Request-Timestamp is missing or more than 5 minutes off.' };
  }
  if (Number.isFinite(declared) && declared <= UNSIGNED_ALLOWANCE) return undefined;
  return { status: 401, message: 'Requests to /slack/events must carry Slack\'s X-Slack-Signature and X-Slack-Request-Timestamp.' };
}
