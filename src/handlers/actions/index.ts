import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { ACTIONS } from '../../views/ids.ts';
import { heldReleaseAction } from './held-release.ts';
import { homeNewBrief } from './home-new-brief.ts';
import { leadAcceptAction } from './lead-accept.ts';
import { leadRejectAction } from './lead-reject.ts';

export function registerActions(app: App, deps: Deps): void {
  app.action(ACTIONS.heldRelease, heldReleaseAction(deps));
  app.action(ACTIONS.homeNewBrief, homeNewBrief(deps));
  app.action(ACTIONS.leadAccept, leadAcceptAction(deps));
  app.action(ACTIONS.leadReject, leadRejectAction(deps));
}
