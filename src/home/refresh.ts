import type { Deps } from '../deps.ts';
import { loadHomeData } from '../domain/home/data.ts';
import { buildHome } from '../views/home.ts';
import { HOME_SOURCES } from './sources.ts';

/** Builds and publishes a person's App Home. */
export async function publishHome(deps: Deps, userId: string): Promise<void> {
  const data = await loadHomeData(deps, userId, HOME_SOURCES);
  await deps.slack.views.publish({ user_id: userId, view: buildHome(data, deps.clock.now()) as never });
}

/**
 * Re-publishes a person's App Home after something it shows changed. Never throws: the Home
 * is a view of the database, and the next app_home_opened shows the truth anyway.
 */
export async function refreshHome(deps: Deps, userId: string): Promise<void> {
  try {
    await publishHome(deps, userId);
  } catch (error) {
    deps.logger.warn({ err: error, userId }, 'could not refresh the App Home');
  }
}
