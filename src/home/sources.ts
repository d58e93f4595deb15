import { lastDigestPerChannel } from '../domain/digest/last-posts.ts';
import type { HomeSources } from '../domain/home/data.ts';
import { pausesForHome } from '../domain/hotleads/store.ts';
import { talliesFor } from '../domain/ratings/tallies.ts';

/** What other features add to the App Home. */
export const HOME_SOURCES: HomeSources = {
  hotPauses: (deps, userId) => pausesForHome(deps.db, userId),
  assetTallies: (deps, assetIds) => talliesFor(deps.db, assetIds),
  lastDigests: (deps) => lastDigestPerChannel(deps.db, deps.config.digestChannels),
};
