import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { VIEWS } from '../../views/ids.ts';
import { leadRejectSubmitted } from './lead-reject.ts';

export function registerViews(app: App, deps: Deps): void {
  app.view(VIEWS.leadReject, leadRejectSubmitted(deps));
}
