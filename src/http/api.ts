import type { Deps } from '../deps.ts';
import { getCampaignRoute, listCampaignsRoute } from './campaigns-api.ts';
import { getLeadRoute, listLeadsRoute } from './leads-api.ts';
import { contentApi } from './content-api.ts';
import type { Router } from './router.ts';
import { suppressionsRoute } from './suppressions.ts';

/** The read API (API token). */
export function registerApiRoutes(router: Router, deps: Deps): void {
  router.add('GET', '/api/suppressions', suppressionsRoute(deps));
  router.add('GET', '/api/campaigns', listCampaignsRoute(deps));
  router.add('GET', '/api/campaigns/:key', getCampaignRoute(deps));
  router.add('GET', '/api/leads', listLeadsRoute(deps));
  router.add('GET', '/api/leads/:id', getLeadRoute(deps));
  router.add('GET', '/api/content', contentApi(deps));
}
