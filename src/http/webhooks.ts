import type { Deps } from '../deps.ts';
import { campaignIntake } from './campaign-intake.ts';
import { createIntakeQueue } from '../domain/leads/intake-queue.ts';
import { hubspotIntakeRoute } from './hubspot-intake.ts';
import { leadIntakeRoute } from './lead-intake.ts';
import { salesforceIntakeRoute } from './salesforce-intake.ts';
import type { Router } from './router.ts';

/** Intake from CRMs and marketing tools. */
export function registerWebhookRoutes(router: Router, deps: Deps): void {
  // One queue for every lead route: leads arriving together share a commit whatever sent them.
  const intake = createIntakeQueue(deps);
  router.add('POST', '/webhooks/campaigns', campaignIntake(deps));
  router.add('POST', '/webhooks/leads', leadIntakeRoute(deps, intake));
  router.add('POST', '/webhooks/leads/hubspot', hubspotIntakeRoute(deps, intake));
  router.add('POST', '/webhooks/leads/salesforce', salesforceIntakeRoute(deps, intake));
}
