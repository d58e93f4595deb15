// Salesforce's REST API, as far as Handoff uses it: a token by the OAuth client-credentials flow
// (renewed when a call answers 401), a User's email, and a Lead's Status. Paths, bodies and error
// shapes as the REST API Developer Guide documents them (errors: [{ message, errorCode, fields }]).

import { networkFailure, type Failure } from '../delivery/failure.ts';
import { crmFailure } from './http-failure.ts';

export const SALESFORCE_API_VERSION = 'v60.0';
const TIMEOUT_MS = 10_000;

export interface SalesforceAccess {
  instanceUrl: string;
  clientId: string;
  clientSecret: string;
}

export type SalesforceResult = { ok: true; body: Record<string, unknown> } | { ok: false; failure: Failure; status?: number };

/** One connected app's session: its token is fetched once and renewed on a 401, shared by every call. */
export class SalesforceSession {
  private token: Promise<{ accessToken: string; instanceUrl: string } | { failure: Failure }> | undefined;

  constructor(private readonly access: SalesforceAccess, private readonly now: () => number) {}

  /** Whether a token can be had (for `handoff doctor`). */
  async check(): Promise<{ ok: true } | { ok: false; error: string }> {
    const token = await this.fetchToken();
    return 'failure' in token ? { ok: false, error: token.failure.error } : { ok: true };
  }

  /** `GET …/sobjects/User/{id}`: the user's email; undefined for a queue (00G…) or a user Salesforce does not have. */
  async userEmail(userId: string): Promise<{ email: string | undefined } | { failure: Failure }> {
    if (!userId.startsWith('005')) return { email: undefined };
    const result = await this.call('GET', `/services/data/${SALESFORCE_API_VERSION}/sobjects/User/${encodeURIComponent(userId)}?fields=Email`);
    if (result.ok) return { email: typeof result.body.Email === 'string' && result.body.Email ? result.body.Email.toLowerCase() : undefined };
    if (result.status === 404) return { email: undefined };
    return { failure: result.failure };
  }

  /** `PATCH …/sobjects/Lead/{id}` with `{ Status }`: 204 when done. */
  setLeadStatus(leadId: string, status: string): Promise<SalesforceResult> {
    return this.call('PATCH', `/services/data/${SALESFORCE_API_VERSION}/sobjects/Lead/${encodeURIComponent(leadId)}`, { Status: status });
  }

  private async call(method: string, path: string, body?: unknown): Promise<SalesforceResult> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const session = await this.session(attempt > 0);
      if ('failure' in session) return { ok: false, failure: session.failure };
      let response: Response;
      try {
        response = await fetch(`${session.instanceUrl}${path}`, {
          method,
          signal: AbortSignal.timeout(TIMEOUT_MS),
          headers: { Authorization: `Bearer ${session.accessToken}`, 'Content-Type': 'application/json', 'User-Agent': 'Handoff' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        return { ok: false, failure: networkFailure(error) };
      }
      const text = await response.text().catch(() => '');
      if (response.ok) return { ok: true, body: parseObject(text) };
      // An expired or revoked session: renew the token once and try again.
      if (response.status === 401 && attempt === 0) continue;
      const first = parseErrors(text)[0];
      if (response.status === 403 && first?.errorCode === 'REQUEST_LIMIT_EXCEEDED') {
        return { ok: false, status: 403, failure: { type: 'rate_limited', error: `Salesforce http_403 REQUEST_LIMIT_EXCEEDED: ${first.message ?? ''}`, retryAfterMs: 15 * 60_000 } };
      }
      return { ok: false, status: response.status, failure: crmFailure('Salesforce', response.status, first?.errorCode, first?.message, response.headers.get('retry-after'), this.now()) };
    }
    return { ok: false, failure: { type: 'config', error: 'Salesforce http_401: the new token was refused too' } };
  }

  private session(renew: boolean): Promise<{ accessToken: string; instanceUrl: string } | { failure: Failure }> {
    if (!this.token || renew) {
      this.token = this.fetchToken();
      // A failed fetch is not kept: the next call asks again.
      void this.token.then((t) => { if ('failure' in t) this.token = undefined; });
    }
    return this.token;
  }

  /** `POST {instance}/services/oauth2/token`, `grant_type=client_credentials`. */
  private async fetchToken(): Promise<{ accessToken: string; instanceUrl: string } | { failure: Failure }> {
    let response: Response;
    try {
      response = await fetch(`${this.access.instanceUrl}/services/oauth2/token`, {
        method: 'POST',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'Handoff' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.access.clientId, client_secret: this.access.clientSecret }).toString(),
      });
    } catch (error) {
      return { failure: networkFailure(error) };
    }
    const body = parseObject(await response.text().catch(() => ''));
    if (response.ok && typeof body.access_token === 'string') {
      const instanceUrl = typeof body.instance_url === 'string' ? body.instance_url.replace(/\/$/, '') : this.access.instanceUrl;
      return { accessToken: body.access_token, instanceUrl };
    }
    const why = [body.error, body.error_description].filter((v) => typeof v === 'string').join(': ');
    const failure: Failure = response.status >= 500
      ? { type: 'transient', error: `Salesforce token http_${response.status}`, ambiguous: false }
      : { type: 'config', error: `Salesforce token http_${response.status}${why ? ` ${why}` : ''}` };
    return { failure };
  }
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const v = text ? (JSON.parse(text) as unknown) : {};
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function parseErrors(text: string): { message?: string; errorCode?: string }[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as { message?: string; errorCode?: string }[]) : [];
  } catch {
    return [];
  }
}
