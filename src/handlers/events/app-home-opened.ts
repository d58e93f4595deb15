import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { publishHome } from '../../home/refresh.ts';

/** Publishes the App Home for whoever opened it. */
export function appHomeOpened(deps: Deps) {
  return async function showHome({ event }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> {
    if (event.tab !== 'home') return;
    deps.homeRefreshes.opening(event.user);
    await publishHome(deps, event.user);
  };
}
