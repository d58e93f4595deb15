import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { VIEWS } from '../../views/ids.ts';
import { ratingCommentSubmission } from './rating-comment.ts';

export function registerViews(app: App, deps: Deps): void {
  app.view(VIEWS.ratingComment, ratingCommentSubmission(deps));
}
