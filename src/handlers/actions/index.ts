import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { ACTIONS } from '../../views/ids.ts';
import { heldReleaseAction } from './held-release.ts';
import { homeNewBrief } from './home-new-brief.ts';

export function registerActions(app: App, deps: Deps): void {
  app.action(ACTIONS.heldRelease, heldReleaseAction(deps));
  app.action(ACTIONS.homeNewBrief, homeNewBrief(deps));
}
