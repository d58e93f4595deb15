// Salesforce Outbound Messaging's SOAP, read and answered (the Outbound Messaging WSDL,
// namespace http://soap.sforce.com/2005/09/outbound): a `notifications` message holds the org,
// the action, up to 100 `Notification`s (an Id and an sObject with the fields chosen in Setup),
// and is acknowledged with `notificationsResponse/Ack`. Parsed with fast-xml-parser, which
// resolves no external entities.

import { XMLParser } from 'fast-xml-parser';

export interface OutboundNotification {
  /** The notification's own Id: Salesforce sends the same one again when it retries. */
  id: string;
  /** The sObject type (`Lead`). */
  type: string;
  fields: Record<string, string>;
}

export interface OutboundMessage {
  organizationId: string;
  /** `https://yourco.my.salesforce.com`, from the message's EnterpriseUrl. */
  instanceOrigin: string | undefined;
  notifications: OutboundNotification[];
}

export const MAX_NOTIFICATIONS = 100;

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'Notification',
});

const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

export function readOutboundMessage(xml: string): OutboundMessage | { problem: string } {
  let doc: Record<string, any>;
  try {
    doc = parser.parse(xml, true) as Record<string, any>;
  } catch (error) {
    return { problem: `the body is not XML: ${(error as Error).message.slice(0, 200)}` };
  }
  const n = doc?.Envelope?.Body?.notifications;
  if (!n || typeof n !== 'object') return { problem: 'the body is not an Outbound Messaging `notifications` message' };
  const organizationId = text(n.OrganizationId);
  if (!organizationId) return { problem: 'the message has no OrganizationId' };
  const list: unknown[] = Array.isArray(n.Notification) ? n.Notification : [];
  if (list.length > MAX_NOTIFICATIONS) return { problem: `the message holds ${list.length} notifications; Salesforce sends at most ${MAX_NOTIFICATIONS}` };
  let instanceOrigin: string | undefined;
  try {
    instanceOrigin = text(n.EnterpriseUrl) ? new URL(text(n.EnterpriseUrl)!).origin : undefined;
  } catch {
    instanceOrigin = undefined;
  }
  const notifications: OutboundNotification[] = [];
  for (const item of list) {
    const entry = item as Record<string, any>;
    const id = text(entry?.Id);
    const sObject = entry?.sObject as Record<string, unknown> | undefined;
    if (!id || !sObject || typeof sObject !== 'object') return { problem: 'a Notification has no Id or no sObject' };
    const type = String(sObject['@type'] ?? '').replace(/^.*:/, '');
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(sObject)) {
      if (name.startsWith('@')) continue;
      const v = text(value);
      // A field Salesforce sends empty (xsi:nil) is absent, as on the record.
      if (v !== undefined && v !== '') fields[name] = v;
    }
    notifications.push({ id, type, fields });
  }
  return { organizationId, instanceOrigin, notifications };
}

const ENVELOPE_OPEN = '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>';
const ENVELOPE_CLOSE = '</soapenv:Body></soapenv:Envelope>';

/** Every notification is stored: Salesforce removes the message from its queue. */
export function ackXml(): string {
  return `${ENVELOPE_OPEN}<notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse>${ENVELOPE_CLOSE}`;
}

/** Not stored: Salesforce keeps the message and sends it again (for up to 24 hours). */
export function faultXml(message: string): string {
  const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `${ENVELOPE_OPEN}<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>${escaped}</faultstring></soapenv:Fault>${ENVELOPE_CLOSE}`;
}
