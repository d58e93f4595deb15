import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { ACTIONS } from '../../views/ids.ts';
import { homeNewBrief } from './home-new-brief.ts';
import { leadHotAction } from './lead-hot.ts';
import { pauseWarningAction } from './pause-warning.ts';

export function registerActions(app: App, deps: Deps): void {
  app.action(ACTIONS.leadHot, leadHotAction(deps));
  app.action(ACTIONS.hotleadExtend, pauseWarningAction(deps, 'extend'));
  app.action(ACTIONS.hotleadLetEnd, pauseWarningAction(deps, 'let_end'));
  app.action(ACTIONS.homeNewBrief, homeNewBrief(deps));
}
