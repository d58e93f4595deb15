import type { Deps } from '../deps.ts';
import { listContent } from '../domain/ratings/content.ts';
import { verifyApiToken } from './auth.ts';
import { HttpError, sendJson, type RouteHandler } from './router.ts';

/** `GET /api/content[?campaign=KEY]`: content assets with rating tallies and comments. */
export function contentApi(deps: Deps): RouteHandler {
  return async function getContent(req, res, _params, url) {
    verifyApiToken(req, deps.config.apiToken);
    const campaign = url.searchParams.get('campaign') ?? undefined;
    if (campaign !== undefined && !/^[a-z0-9-]{1,64}$/i.test(campaign)) {
      const message = '`campaign` must be a campaign key (letters, digits and dashes).';
      throw new HttpError(400, message, { error: 'invalid_query', message });
    }
    const assets = await listContent(deps.db, { campaignKey: campaign });
    sendJson(res, 200, { assets });
  };
}
