import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { assetForComment } from '../../domain/ratings/rate.ts';
import { slackErrorCode } from '../../slack/client.ts';
import { parseRatingClick, ratingCommentModal, RATING_TEXT, refusalText } from '../../views/rating-reply.ts';
import { replyEphemeral } from './reply-ephemeral.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

/** **Add a comment** on a content asset: opens the small comment modal. */
export function rateCommentAction(deps: Deps) {
  return async function openRatingComment(args: Args): Promise<void> {
    await args.ack();
    const action = args.action as { action_id: string; value?: unknown };
    const ctx = parseRatingClick(action.action_id, typeof action.value === 'string' ? action.value : undefined);
    if (!ctx) {
      await replyEphemeral(deps, args, { text: RATING_TEXT.forged });
      return;
    }
    const found = await assetForComment(deps, { assetId: ctx.assetId, leadId: ctx.leadId, userId: args.body.user.id });
    if (found.refused) {
      await replyEphemeral(deps, args, { text: refusalText(found) });
      return;
    }
    try {
      await args.client.views.open({ trigger_id: args.body.trigger_id, view: ratingCommentModal(found.asset, found.comment, ctx.leadId) });
    } catch (error) {
      // A trigger lives 3 seconds; when Slack was slow the rep should know to click again.
      deps.logger.warn({ err: error, code: slackErrorCode(error) }, 'could not open the rating comment modal');
      await replyEphemeral(deps, args, { text: RATING_TEXT.modalFailed });
    }
  };
}
