import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { VIEWS } from '../../views/ids.ts';
import { campaignBriefSubmitted } from './campaign-brief-submit.ts';
import { leadRejectSubmitted } from './lead-reject.ts';
import { ratingCommentSubmission } from './rating-comment.ts';

export function registerViews(app: App, deps: Deps): void {
  app.view(VIEWS.campaignBrief, campaignBriefSubmitted(deps));
  app.view(VIEWS.leadReject, leadRejectSubmitted(deps));
  app.view(VIEWS.ratingComment, ratingCommentSubmission(deps));
}
