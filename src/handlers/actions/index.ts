import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { ACTIONS } from '../../views/ids.ts';
import { heldReleaseAction } from './held-release.ts';
import { homeNewBrief } from './home-new-brief.ts';
import { leadAcceptAction } from './lead-accept.ts';
import { leadHotAction } from './lead-hot.ts';
import { leadRejectAction } from './lead-reject.ts';
import { pauseWarningAction } from './pause-warning.ts';
import { rateCommentAction } from './rate-comment.ts';
import { rateContentAction } from './rate-content.ts';

export function registerActions(app: App, deps: Deps): void {
  app.action(ACTIONS.heldRelease, heldReleaseAction(deps));
  app.action(ACTIONS.leadHot, leadHotAction(deps));
  app.action(ACTIONS.hotleadExtend, pauseWarningAction(deps, 'extend'));
  app.action(ACTIONS.hotleadLetEnd, pauseWarningAction(deps, 'let_end'));
  app.action(ACTIONS.homeNewBrief, homeNewBrief(deps));
  app.action(ACTIONS.leadAccept, leadAcceptAction(deps));
  app.action(ACTIONS.leadReject, leadRejectAction(deps));
  // Rating buttons carry the asset id in the action_id (`rate_useful:42`) so one message can hold many.
  app.action(new RegExp(`^${ACTIONS.rateUseful}(:|$)`), rateContentAction(deps, 'useful'));
  app.action(new RegExp(`^${ACTIONS.rateNotUseful}(:|$)`), rateContentAction(deps, 'not_useful'));
  app.action(new RegExp(`^${ACTIONS.rateComment}(:|$)`), rateCommentAction(deps));
}
