import type { Deps } from '../deps.ts';
import { findCampaignByKey, listCampaigns, removedAssetsOf, type CampaignStatusFilter } from '../domain/campaigns/queries.ts';
import { verifyApiToken } from './auth.ts';
import { campaignJson } from './campaign-json.ts';
import { HttpError, sendJson, type RouteHandler } from './router.ts';

const STATUSES: CampaignStatusFilter[] = ['active', 'archived', 'all'];

/** GET /api/campaigns[?status=active|archived|all]: briefs newest first, active by default. */
export function listCampaignsRoute(deps: Deps): RouteHandler {
  return async function campaignsList(req, res, _params, url) {
    verifyApiToken(req, deps.config.apiToken);
    const status = (url.searchParams.get('status') ?? 'active').toLowerCase() as CampaignStatusFilter;
    if (!STATUSES.includes(status)) {
      const message = `status must be one of ${STATUSES.join(', ')}.`;
      throw new HttpError(400, message, { error: 'invalid_status', message });
    }
    const briefs = await listCampaigns(deps.db, status);
    sendJson(res, 200, { status, count: briefs.length, campaigns: briefs.map((b) => campaignJson(b)) });
  };
}

/** GET /api/campaigns/:key: one brief (any status), with the assets taken out of it (ratings still point at them). */
export function getCampaignRoute(deps: Deps): RouteHandler {
  return async function campaignByKey(req, res, params) {
    verifyApiToken(req, deps.config.apiToken);
    const brief = await findCampaignByKey(deps.db, params.key);
    if (!brief) {
      const message = `No campaign with key \`${params.key}\`.`;
      throw new HttpError(404, message, { error: 'not_found', message });
    }
    sendJson(res, 200, { campaign: campaignJson(brief, await removedAssetsOf(deps.db, brief.id)) });
  };
}
