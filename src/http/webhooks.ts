import type { Deps } from '../deps.ts';
import { campaignIntake } from './campaign-intake.ts';
import { leadIntakeRoute } from './lead-intake.ts';
import type { Router } from './router.ts';

/** Intake from CRMs and marketing tools. */
export function registerWebhookRoutes(router: Router, deps: Deps): void {
  router.add('POST', '/webhooks/campaigns', campaignIntake(deps));
  router.add('POST', '/webhooks/leads', leadIntakeRoute(deps));
}
