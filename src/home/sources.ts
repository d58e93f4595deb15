import { lastDigestPerChannel } from '../domain/digest/last-posts.ts';
import type { HomeSources } from '../domain/home/data.ts';
import { readableUntil } from '../domain/hotleads/calendar.ts';
import { pausesForHome } from '../domain/hotleads/store.ts';
import { talliesFor } from '../domain/ratings/tallies.ts';

/** What other features add to the App Home. */
export const HOME_SOURCES: HomeSources = {
  hotPauses: async (deps, userId) =>
    (await pausesForHome(deps.db, userId)).map((p) => ({ ...p, through: readableUntil(new Date(p.pausedUntil), deps.config.timeZone) })),
  assetTallies: (deps, assetIds) => talliesFor(deps.db, assetIds),
  lastDigests: (deps) => lastDigestPerChannel(deps.db, deps.config.digestChannels),
};
