import type { Deps } from '../deps.ts';
import { leadBodyFromSalesforce } from '../domain/leads/from-salesforce.ts';
import type { IntakeQueue } from '../domain/leads/intake-queue.ts';
import { parseLead, type LeadInput } from '../domain/leads/intake-schema.ts';
import { verifyKeyParam } from './auth.ts';
import { HttpError, readBody, type RouteHandler } from './router.ts';
import { ackXml, faultXml, readOutboundMessage, type OutboundNotification } from './salesforce-soap.ts';

const SOAP = 'text/xml; charset=utf-8';

function soapFault(status: number, message: string): HttpError {
  return new HttpError(status, message, { error: status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'invalid_lead', message }, { contentType: SOAP, text: faultXml(message) });
}

/** Salesforce org ids are 15 or 18 characters; the first 15 are the id. */
const sameOrg = (a: string, b: string) => a.slice(0, 15) === b.slice(0, 15);

/**
 * `POST /webhooks/leads/salesforce?key=…`: Salesforce Outbound Messaging for Lead objects. Answers
 * the SOAP Ack once every notification is stored, and a SOAP fault otherwise, so Salesforce sends
 * the message again. A notification Id already stored changes nothing.
 */
export function salesforceIntakeRoute(deps: Deps, intake: IntakeQueue): RouteHandler {
  const log = deps.logger.child({ route: '/webhooks/leads/salesforce' });
  return async function receiveSalesforceNotifications(req, res, _params, url) {
    try {
      verifyKeyParam(url, deps.config.webhookSecret);
    } catch (error) {
      if (error instanceof HttpError) throw soapFault(error.status, error.message);
      throw error;
    }
    const message = readOutboundMessage((await readBody(req)).toString('utf8'));
    if ('problem' in message) throw soapFault(400, `Not an outbound message Handoff can read: ${message.problem}.`);
    const orgId = deps.config.salesforce?.orgId;
    if (orgId && !sameOrg(message.organizationId, orgId)) {
      throw soapFault(403, `Messages from organization ${message.organizationId} are not accepted here (SALESFORCE_ORG_ID is another org).`);
    }

    const seen = new Set(
      message.notifications.length === 0
        ? []
        : (await deps.db.selectFrom('crm_notifications').select('id').where('id', 'in', message.notifications.map((n) => n.id)).execute()).map((r) => r.id),
    );
    const fresh = message.notifications.filter((n) => !seen.has(n.id));
    const leads: { notification: OutboundNotification; lead: LeadInput }[] = [];
    for (const notification of fresh) {
      if (notification.type !== 'Lead' || !notification.fields.Id) {
        // It can never be stored; a fault would make Salesforce resend it for a day, holding up the rest.
        log.warn({ notification: notification.id, type: notification.type }, 'an outbound notification that is not a Lead with an Id was acknowledged and left out');
        continue;
      }
      const ownerEmail = await ownerEmailOf(deps, notification.fields.OwnerId);
      const parsed = parseLead(leadBodyFromSalesforce(notification.fields, message.instanceOrigin, ownerEmail));
      if (!parsed.ok) {
        log.warn({ notification: notification.id, problems: parsed.problems.map((p) => p.path) }, 'an outbound Lead that cannot be stored was acknowledged and left out');
        continue;
      }
      leads.push({ notification, lead: parsed.lead });
    }

    let owners: string[] = [];
    try {
      if (leads.length > 0) owners = (await intake.submit(leads.map((l) => l.lead))).ownersToResolve;
      if (fresh.length > 0) {
        const at = deps.clock.now().toISOString();
        await deps.db
          .insertInto('crm_notifications')
          .values(fresh.map((n) => ({ id: n.id, lead_id: n.fields.Id ? `sf-${n.fields.Id}` : null, received_at: at })))
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
    } catch (error) {
      log.error({ err: error }, 'could not store an outbound message; Salesforce will send it again');
      throw soapFault(503, 'Handoff could not store the leads; send the message again.');
    }
    res.writeHead(200, { 'content-type': SOAP });
    res.end(ackXml());
    if (owners.length > 0) deps.owners.kick(owners);
  };
}

/** OwnerId → the user's email through the REST API; a queue, an unknown user or no connector: none. A failure asks Salesforce to resend. */
async function ownerEmailOf(deps: Deps, ownerId: string | undefined): Promise<string | undefined> {
  if (!ownerId || !deps.crm.salesforce) return undefined;
  const answer = await deps.crm.salesforce.owners.emailOf(ownerId);
  if ('failure' in answer) {
    deps.logger.warn({ error: answer.failure.error }, 'Salesforce did not say who owns a Lead; the message will be sent again');
    throw soapFault(503, 'Salesforce did not answer who owns a Lead; send the message again.');
  }
  return answer.email;
}
