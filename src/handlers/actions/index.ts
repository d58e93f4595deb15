import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { ACTIONS } from '../../views/ids.ts';
import { homeNewBrief } from './home-new-brief.ts';

export function registerActions(app: App, deps: Deps): void {
  app.action(ACTIONS.homeNewBrief, homeNewBrief(deps));
}
