import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './router.ts';

const WINDOW_SECONDS = 5 * 60;

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  // Compare equal-length buffers so the time taken does not reveal the secret's length or prefix.
  if (ab.length !== bb.length) {
    timingSafeEqual(ab, ab);
    return false;
  }
  return timingSafeEqual(ab, bb);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function bearer(req: IncomingMessage): string | undefined {
  const auth = header(req, 'authorization');
  const m = auth ? /^Bearer\s+(.+)$/i.exec(auth.trim()) : null;
  return m?.[1];
}

export function intakeSignature(secret: string, timestamp: string | number, rawBody: Buffer | string): string {
  return 'v1=' + createHmac('sha256', secret).update(`v1:${timestamp}:`).update(rawBody).digest('hex');
}

/**
 * Intake authentication (SPEC "Intake authentication"): a bearer secret, or a v1 HMAC of
 * the raw body with a timestamp no more than five minutes off. Throws a 401 otherwise.
 */
export function verifyIntake(req: IncomingMessage, rawBody: Buffer, secret: string | undefined, now: Date): void {
  if (!secret) throw new HttpError(503, 'Intake is disabled: HANDOFF_WEBHOOK_SECRET is not set.', { error: 'intake_disabled', message: 'Intake is disabled: HANDOFF_WEBHOOK_SECRET is not set.' });
  const token = bearer(req);
  if (token !== undefined) {
    if (safeEqual(token, secret)) return;
    throw unauthorized('The bearer token is wrong.');
  }
  const signature = header(req, 'x-handoff-signature');
  const timestamp = header(req, 'x-handoff-timestamp');
  if (!signature || !timestamp) throw unauthorized('Send Authorization: Bearer <secret>, or X-Handoff-Signature with X-Handoff-Timestamp.');
  if (!/^\d{1,12}$/.test(timestamp)) throw unauthorized('X-Handoff-Timestamp must be Unix seconds.');
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > WINDOW_SECONDS) throw unauthorized('X-Handoff-Timestamp is more than 5 minutes off.');
  if (!safeEqual(signature, intakeSignature(secret, timestamp, rawBody))) throw unauthorized('X-Handoff-Signature does not match the body.');
}

/** The read API's bearer token. */
export function verifyApiToken(req: IncomingMessage, token: string | undefined): void {
  if (!token) throw new HttpError(503, 'The API is disabled: HANDOFF_API_TOKEN is not set.', { error: 'api_disabled', message: 'The API is disabled: HANDOFF_API_TOKEN is not set.' });
  const given = bearer(req);
  if (given === undefined || !safeEqual(given, token)) throw unauthorized('Send Authorization: Bearer <HANDOFF_API_TOKEN>.');
}

function unauthorized(message: string): HttpError {
  return new HttpError(401, message, { error: 'unauthorized', message });
}
