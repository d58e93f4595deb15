import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError, readBody } from './router.ts';

const WINDOW_SECONDS = 5 * 60;
export const SIGNATURE_WINDOW_MS = WINDOW_SECONDS * 1000;

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

/** What the headers alone proved: the bearer secret, or a fresh signature still to be checked against the body. */
export type IntakeCredentials = { kind: 'bearer' } | { kind: 'signature'; signature: string; timestamp: string };

/**
 * Intake authentication, first half (SPEC "Intake authentication"): everything that can be
 * checked before the body is read, so an unauthenticated sender never makes Handoff buffer a
 * megabyte. A right bearer secret is enough; a signature needs its timestamp within five minutes.
 */
export function verifyIntakeHeaders(req: IncomingMessage, secret: string | undefined, now: Date): IntakeCredentials {
  if (!secret) throw new HttpError(503, 'Intake is disabled: HANDOFF_WEBHOOK_SECRET is not set.', { error: 'intake_disabled', message: 'Intake is disabled: HANDOFF_WEBHOOK_SECRET is not set.' });
  const token = bearer(req);
  if (token !== undefined) {
    if (safeEqual(token, secret)) return { kind: 'bearer' };
    throw unauthorized('The bearer token is wrong.');
  }
  const signature = header(req, 'x-handoff-signature');
  const timestamp = header(req, 'x-handoff-timestamp');
  if (!signature || !timestamp) throw unauthorized('Send Authorization: Bearer <secret>, or X-Handoff-Signature with X-Handoff-Timestamp.');
  if (!/^\d{1,12}$/.test(timestamp)) throw unauthorized('X-Handoff-Timestamp must be Unix seconds.');
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > WINDOW_SECONDS) throw unauthorized('X-Handoff-Timestamp is more than 5 minutes off.');
  return { kind: 'signature', signature, timestamp };
}

/** Intake authentication, second half: a signature must match the raw body. */
export function verifyIntakeBody(credentials: IntakeCredentials, rawBody: Buffer, secret: string): void {
  if (credentials.kind === 'bearer') return;
  if (!safeEqual(credentials.signature, intakeSignature(secret, credentials.timestamp, rawBody))) throw unauthorized('X-Handoff-Signature does not match the body.');
}

/**
 * Salesforce's outbound messages can carry no header of ours, so its route takes the intake
 * secret in the URL (`?key=`), compared in constant time, before the body is read.
 */
export function verifyKeyParam(url: URL, secret: string | undefined): void {
  if (!secret) throw new HttpError(503, 'Intake is disabled: HANDOFF_WEBHOOK_SECRET is not set.', { error: 'intake_disabled', message: 'Intake is disabled: HANDOFF_WEBHOOK_SECRET is not set.' });
  const key = url.searchParams.get('key');
  if (!key) throw unauthorized('Add ?key=<HANDOFF_WEBHOOK_SECRET> to the outbound message\'s endpoint URL.');
  if (!safeEqual(key, secret)) throw unauthorized('The key is wrong.');
}

/** Authenticates an intake request and reads its body (only once the headers are right). */
export async function readAuthenticatedIntake(req: IncomingMessage, secret: string | undefined, now: Date): Promise<{ raw: Buffer; credentials: IntakeCredentials }> {
  const credentials = verifyIntakeHeaders(req, secret, now);
  const raw = await readBody(req);
  verifyIntakeBody(credentials, raw, secret!);
  return { raw, credentials };
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
