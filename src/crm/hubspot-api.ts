// HubSpot's CRM API, as far as Handoff uses it: owners (who owns a contact), a contact's
// hs_lead_status, and notes associated with a contact. Paths, bodies and error shapes as
// HubSpot documents them (developers.hubspot.com: CRM owners v3, objects v3, notes).

import { networkFailure, type Failure } from '../delivery/failure.ts';
import { crmFailure } from './http-failure.ts';

export interface HubSpotAccess {
  token: string;
  apiUrl: string;
}

/** HubSpot's association type id for a note on a contact (HUBSPOT_DEFINED). */
const NOTE_TO_CONTACT = 202;
const TIMEOUT_MS = 10_000;

export type HubSpotResult = { ok: true; body: Record<string, unknown> } | { ok: false; failure: Failure; status?: number };

async function call(access: HubSpotAccess, method: string, path: string, body: unknown, now: () => number): Promise<HubSpotResult> {
  let response: Response;
  try {
    response = await fetch(`${access.apiUrl}${path}`, {
      method,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { Authorization: `Bearer ${access.token}`, 'Content-Type': 'application/json', 'User-Agent': 'Handoff' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    return { ok: false, failure: networkFailure(error) };
  }
  const text = await response.text().catch(() => '');
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    json = {};
  }
  if (response.ok) return { ok: true, body: json };
  // HubSpot's errors: { status: "error", message, correlationId, category } (and errorType on a 429).
  const code = typeof json.category === 'string' ? json.category : typeof json.errorType === 'string' ? json.errorType : undefined;
  const message = typeof json.message === 'string' ? json.message : undefined;
  return { ok: false, status: response.status, failure: crmFailure('HubSpot', response.status, code, message, response.headers.get('retry-after'), now()) };
}

/** `GET /crm/v3/owners/{ownerId}`: the owner's email, undefined when HubSpot has no such owner. */
export async function hubspotOwnerEmail(access: HubSpotAccess, ownerId: string, now: () => number): Promise<{ email: string | undefined } | { failure: Failure }> {
  const result = await call(access, 'GET', `/crm/v3/owners/${encodeURIComponent(ownerId)}?idProperty=id`, undefined, now);
  if (result.ok) return { email: typeof result.body.email === 'string' && result.body.email ? result.body.email.toLowerCase() : undefined };
  if (result.status === 404) return { email: undefined };
  return { failure: result.failure };
}

/** `PATCH /crm/v3/objects/contacts/{id}` with one property. */
export function setHubSpotContactProperty(access: HubSpotAccess, contactId: string, property: string, value: string, now: () => number): Promise<HubSpotResult> {
  return call(access, 'PATCH', `/crm/v3/objects/contacts/${encodeURIComponent(contactId)}`, { properties: { [property]: value } }, now);
}

/** `POST /crm/v3/objects/notes`, associated with the contact. */
export function addHubSpotContactNote(access: HubSpotAccess, contactId: string, text: string, at: string, now: () => number): Promise<HubSpotResult> {
  return call(access, 'POST', '/crm/v3/objects/notes', {
    properties: { hs_timestamp: at, hs_note_body: text },
    associations: [{ to: { id: contactId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: NOTE_TO_CONTACT }] }],
  }, now);
}
