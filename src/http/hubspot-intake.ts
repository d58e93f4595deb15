import type { Deps } from '../deps.ts';
import type { IntakeQueue } from '../domain/leads/intake-queue.ts';
import { leadBodyFromHubSpot, readHubSpotContact } from '../domain/leads/from-hubspot.ts';
import { parseLead, type Problem } from '../domain/leads/intake-schema.ts';
import { readAuthenticatedIntake } from './auth.ts';
import { HttpError, parseJsonBody, sendJson, type RouteHandler } from './router.ts';

/**
 * `POST /webhooks/leads/hubspot`: the body a HubSpot workflow's "Send a webhook" action sends,
 * as it is. The owner id becomes an email through HubSpot's owners API before the lead is stored;
 * when HubSpot cannot answer, a 503 makes the workflow send the contact again later (HubSpot
 * retries a 5xx for up to three days, and never a 4xx).
 */
export function hubspotIntakeRoute(deps: Deps, intake: IntakeQueue): RouteHandler {
  return async function receiveHubSpotContact(req, res) {
    const { raw } = await readAuthenticatedIntake(req, deps.config.webhookSecret, deps.clock.now());
    const contact = readHubSpotContact(parseJsonBody(raw));
    if ('problem' in contact) {
      const message = `The body ${contact.problem}; nothing was stored.`;
      throw new HttpError(400, message, { error: 'invalid_lead', message, problems: [{ path: '', message: contact.problem }] });
    }
    const warnings: Problem[] = [];
    const ownerId = contact.properties.hubspot_owner_id;
    let ownerEmail: string | undefined;
    if (ownerId && deps.crm.hubspot) {
      const answer = await deps.crm.hubspot.owners.emailOf(ownerId);
      if ('failure' in answer) {
        deps.logger.warn({ error: answer.failure.error }, 'HubSpot did not say who owns a contact; the workflow will send it again');
        const message = 'HubSpot did not answer who owns this contact; send it again (HubSpot retries by itself).';
        throw new HttpError(503, message, { error: 'owner_lookup_failed', message });
      }
      ownerEmail = answer.email;
      if (!ownerEmail) warnings.push({ path: 'properties.hubspot_owner_id', message: `HubSpot has no owner ${ownerId}; the lead is offered to the sales channel to claim` });
    } else if (ownerId) {
      warnings.push({ path: 'properties.hubspot_owner_id', message: 'HUBSPOT_TOKEN is not set, so the owner cannot be looked up; the lead is offered to the sales channel to claim' });
    }
    const parsed = parseLead(leadBodyFromHubSpot(contact, ownerEmail));
    if (!parsed.ok) {
      const message = 'The contact cannot be stored as a lead; nothing was stored.';
      throw new HttpError(400, message, { error: 'invalid_lead', message, problems: parsed.problems });
    }
    const outcome = await intake.submit([parsed.lead]);
    const all = [...warnings, ...parsed.warnings];
    sendJson(res, 202, all.length > 0 ? { ...outcome.results[0], warnings: all } : outcome.results[0]);
    if (outcome.ownersToResolve.length > 0) deps.owners.kick(outcome.ownersToResolve);
  };
}
