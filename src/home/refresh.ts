import type { Deps } from '../deps.ts';
import { loadHomeData } from '../domain/home/data.ts';
import { buildHome } from '../views/home.ts';
import { HOME_SOURCES } from './sources.ts';

/** Builds and publishes a person's App Home. */
export async function publishHome(deps: Deps, userId: string): Promise<void> {
  const data = await loadHomeData(deps, userId, HOME_SOURCES);
  await deps.slack.views.publish({ user_id: userId, view: buildHome(data, deps.clock.now()) });
}

/**
 * Asks for a person's App Home to be re-published after something it shows changed, when they
 * have it open. Returns at once: the publish follows shortly (see HomeRefreshQueue), and a
 * failure is only logged.
 */
export function refreshHome(deps: Deps, userId: string): void {
  deps.homeRefreshes.request(userId);
}
