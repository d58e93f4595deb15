import type { Deps } from '../../deps.ts';
import { VIEWS } from '../../views/ids.ts';
import type { HandlerTable } from '../dispatch.ts';
import { campaignBriefSubmitted } from './campaign-brief-submit.ts';
import { leadRejectSubmitted } from './lead-reject.ts';
import { ratingCommentSubmission } from './rating-comment.ts';

/** Modal submission handlers by callback_id. */
export function viewHandlers(deps: Deps): HandlerTable {
  return {
    [VIEWS.campaignBrief]: campaignBriefSubmitted(deps),
    [VIEWS.leadReject]: leadRejectSubmitted(deps),
    [VIEWS.ratingComment]: ratingCommentSubmission(deps),
  };
}
