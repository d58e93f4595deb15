import type { HomeSources } from '../domain/home/data.ts';

/** What other features add to the App Home. */
export const HOME_SOURCES: HomeSources = {};
