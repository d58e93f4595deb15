// A stand-in for the parts of Salesforce Handoff talks to, built from Salesforce's documentation:
// the OAuth 2.0 client-credentials flow (POST /services/oauth2/token), REST API v60.0
// (GET sobjects/User/{id}, PATCH sobjects/Lead/{id} → 204), errors as
// [{ message, errorCode, fields }], and the SOAP message Outbound Messaging sends
// (the Outbound Messaging WSDL: notifications → Notification { Id, sObject }).

import { randomBytes } from 'node:crypto';
import { startCrmServer, type CrmCall, type CrmReply } from './crm-standin-server.ts';

/** The Lead Status picklist of a new org. */
export const SALESFORCE_LEAD_STATUSES = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'];

export interface SalesforceStandInOptions {
  clientId?: string;
  clientSecret?: string;
  users?: { id: string; email: string }[];
  leads?: Record<string, Record<string, string>>;
}

const sfError = (status: number, errorCode: string, message: string, fields: string[] = []): CrmReply => ({ status, body: [{ message, errorCode, fields }] });

export class SalesforceStandIn {
  readonly leads = new Map<string, Record<string, string>>();
  readonly upcoming: CrmReply[] = [];
  private tokens = new Set<string>();
  tokensIssued = 0;
  private constructor(readonly url: string, readonly calls: CrmCall[], readonly close: () => Promise<void>) {}

  static async start(options: SalesforceStandInOptions = {}): Promise<SalesforceStandIn> {
    const clientId = options.clientId ?? '3MVG9standin';
    const clientSecret = options.clientSecret ?? 'standin-secret';
    const users = new Map((options.users ?? []).map((u) => [u.id, u]));
    const holder: { standIn?: SalesforceStandIn } = {};
    const server = await startCrmServer((call) => {
      const self = holder.standIn!;
      const url = new URL(call.path, 'http://x');
      if (url.pathname === '/services/oauth2/token' && call.method === 'POST') {
        const form = call.body as Record<string, string>;
        if (form.grant_type !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant type not supported' } };
        if (form.client_id !== clientId || form.client_secret !== clientSecret) return { status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } };
        const token = `00D000000000001!${randomBytes(12).toString('hex')}`;
        self.tokens.add(token);
        self.tokensIssued += 1;
        return { status: 200, body: { access_token: token, signature: randomBytes(8).toString('base64'), scope: 'api', instance_url: self.url, id: `${self.url}/id/00D000000000001AAA/005000000000001AAA`, token_type: 'Bearer', issued_at: String(Date.now()) } };
      }
      const auth = /^Bearer (.+)$/.exec(String(call.headers.authorization ?? ''));
      if (!auth || !self.tokens.has(auth[1])) return sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
      const next = self.upcoming.shift();
      if (next) return next;
      let m = /^\/services\/data\/v\d+\.0\/sobjects\/User\/([^/]+)$/.exec(url.pathname);
      if (m && call.method === 'GET') {
        const user = users.get(m[1]);
        if (!user) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
        return { status: 200, body: { attributes: { type: 'User', url: `/services/data/v60.0/sobjects/User/${user.id}` }, Email: user.email, Id: user.id } };
      }
      m = /^\/services\/data\/v\d+\.0\/sobjects\/Lead\/([^/]+)$/.exec(url.pathname);
      if (m && call.method === 'PATCH') {
        const lead = self.leads.get(m[1]);
        if (!lead) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
        const fields = call.body as Record<string, string>;
        if (fields.Status !== undefined && !SALESFORCE_LEAD_STATUSES.includes(fields.Status)) {
          return sfError(400, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `Lead Status: bad value for restricted picklist field: ${fields.Status}`, ['Status']);
        }
        Object.assign(lead, fields);
        return { status: 204 };
      }
      return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    });
    const standIn = new SalesforceStandIn(server.url, server.calls, server.close);
    for (const [id, fields] of Object.entries(options.leads ?? {})) standIn.leads.set(id, { ...fields });
    holder.standIn = standIn;
    return standIn;
  }

  /** Every token issued so far stops working, as when a session times out or is revoked. */
  expireTokens(): void {
    this.tokens.clear();
  }
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The SOAP body Outbound Messaging POSTs for Lead notifications: the shape of the Outbound
 * Messaging WSDL's `notifications` element, with the enterprise sObject namespace.
 */
export function outboundMessageXml(message: { organizationId: string; instanceUrl: string; notifications: { id: string; lead: Record<string, string | null> }[] }): string {
  const notifications = message.notifications.map((n) => {
    const fields = Object.entries(n.lead)
      .map(([name, value]) => (value === null ? `<sf:${name} xsi:nil="true"/>` : `<sf:${name}>${xmlText(value)}</sf:${name}>`))
      .join('');
    return `<Notification><Id>${n.id}</Id><sObject xsi:type="sf:Lead" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">${fields}</sObject></Notification>`;
  }).join('');
  return '<?xml version="1.0" encoding="UTF-8"?>'
    + '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    + '<soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound">'
    + `<OrganizationId>${message.organizationId}</OrganizationId><ActionId>04k000000000001AAA</ActionId><SessionId xsi:nil="true"/>`
    + `<EnterpriseUrl>${message.instanceUrl}/services/Soap/c/60.0/${message.organizationId.slice(0, 15)}</EnterpriseUrl>`
    + `<PartnerUrl>${message.instanceUrl}/services/Soap/u/60.0/${message.organizationId.slice(0, 15)}</PartnerUrl>`
    + notifications
    + '</notifications></soapenv:Body></soapenv:Envelope>';
}
