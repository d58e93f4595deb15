// A stand-in for the parts of HubSpot's CRM API Handoff calls, built from HubSpot's
// documentation (developers.hubspot.com): bearer private-app tokens; GET /crm/v3/owners/{id};
// PATCH /crm/v3/objects/contacts/{id} ({ properties }); POST /crm/v3/objects/notes (with
// associations); errors as { status: "error", message, correlationId, category }; a 429 with
// errorType RATE_LIMIT. Contacts keep their properties, so a test (or the demo) sees the record change.

import { randomUUID } from 'node:crypto';
import { startCrmServer, type CrmCall, type CrmReply } from './crm-standin-server.ts';

/** hs_lead_status's default options in a HubSpot portal. */
export const HUBSPOT_LEAD_STATUSES = ['NEW', 'OPEN', 'IN_PROGRESS', 'OPEN_DEAL', 'UNQUALIFIED', 'ATTEMPTED_TO_CONTACT', 'CONNECTED', 'BAD_TIMING'];

export interface HubSpotStandInOptions {
  token?: string;
  owners?: { id: string; email: string; firstName?: string; lastName?: string }[];
  contacts?: Record<string, Record<string, string>>;
}

function error(status: number, category: string, message: string, extra: Record<string, unknown> = {}): CrmReply {
  return { status, body: { status: 'error', message, correlationId: randomUUID(), category, ...extra } };
}

export class HubSpotStandIn {
  readonly contacts = new Map<string, Record<string, string>>();
  readonly notes: { id: string; body: string; timestamp: string; contactIds: string[] }[] = [];
  /** Answers to give before the real one, in order (e.g. a 429, then a 503). */
  readonly upcoming: CrmReply[] = [];
  private constructor(readonly url: string, readonly calls: CrmCall[], readonly close: () => Promise<void>) {}

  static async start(options: HubSpotStandInOptions = {}): Promise<HubSpotStandIn> {
    const token = options.token ?? 'pat-na1-standin';
    const owners = new Map((options.owners ?? []).map((o) => [o.id, o]));
    const holder: { standIn?: HubSpotStandIn } = {};
    const server = await startCrmServer((call) => {
      const self = holder.standIn!;
      if (call.headers.authorization !== `Bearer ${token}`) {
        return error(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication.');
      }
      const next = self.upcoming.shift();
      if (next) return next;
      const path = new URL(call.path, 'http://x').pathname;
      if (path === '/crm/v3/owners' && call.method === 'GET') {
        return { status: 200, body: { results: [...owners.values()].slice(0, 100).map((o) => ({ id: o.id, email: o.email, firstName: o.firstName ?? '', lastName: o.lastName ?? '', archived: false })) } };
      }
      let m = /^\/crm\/v3\/owners\/([^/]+)$/.exec(path);
      if (m && call.method === 'GET') {
        const owner = owners.get(decodeURIComponent(m[1]));
        if (!owner) return error(404, 'OBJECT_NOT_FOUND', 'resource not found');
        return { status: 200, body: { id: owner.id, email: owner.email, firstName: owner.firstName ?? '', lastName: owner.lastName ?? '', userId: 1, archived: false, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' } };
      }
      m = /^\/crm\/v3\/objects\/contacts\/(\d+)$/.exec(path);
      if (m && call.method === 'PATCH') {
        const contact = self.contacts.get(m[1]);
        if (!contact) return error(404, 'OBJECT_NOT_FOUND', 'resource not found');
        const properties = ((call.body as { properties?: Record<string, string> })?.properties ?? {});
        const status = properties.hs_lead_status;
        if (status !== undefined && !HUBSPOT_LEAD_STATUSES.includes(status)) {
          const detail = [{ isValid: false, message: `${status} was not one of the allowed options: [${HUBSPOT_LEAD_STATUSES.join(', ')}]`, error: 'INVALID_OPTION', name: 'hs_lead_status' }];
          return error(400, 'VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(detail)}`);
        }
        Object.assign(contact, properties);
        return { status: 200, body: { id: m[1], properties: contact, createdAt: '2026-01-01T00:00:00Z', updatedAt: new Date().toISOString(), archived: false } };
      }
      if (path === '/crm/v3/objects/notes' && call.method === 'POST') {
        const body = call.body as { properties?: { hs_note_body?: string; hs_timestamp?: string }; associations?: { to: { id: string }; types: { associationTypeId: number }[] }[] };
        const contactIds = (body.associations ?? []).filter((a) => a.types?.some((t) => t.associationTypeId === 202)).map((a) => a.to.id);
        if (!body.properties?.hs_timestamp) return error(400, 'VALIDATION_ERROR', 'hs_timestamp is required');
        const missing = contactIds.find((id) => !self.contacts.has(id));
        if (missing) return error(400, 'VALIDATION_ERROR', `One or more associations are invalid: contact ${missing} does not exist`);
        const id = String(90000 + self.notes.length);
        self.notes.push({ id, body: body.properties.hs_note_body ?? '', timestamp: body.properties.hs_timestamp, contactIds });
        return { status: 201, body: { id, properties: body.properties, archived: false } };
      }
      return error(404, 'OBJECT_NOT_FOUND', `No route for ${call.method} ${path}`);
    });
    const standIn = new HubSpotStandIn(server.url, server.calls, server.close);
    for (const [id, properties] of Object.entries(options.contacts ?? {})) standIn.contacts.set(id, { ...properties });
    holder.standIn = standIn;
    return standIn;
  }

  /** HubSpot's answer when an app goes over its limit (sent next). */
  rateLimitNext(retryAfterSeconds = 1): void {
    this.upcoming.push({ ...error(429, 'RATE_LIMITS', 'You have reached your secondly limit.', { errorType: 'RATE_LIMIT', policyName: 'SECONDLY' }), headers: { 'Retry-After': String(retryAfterSeconds) } });
  }
}
