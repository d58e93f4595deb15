import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { commentOnAsset } from '../../domain/ratings/rate.ts';
import { RATING_COMMENT_INPUT } from '../../views/ids.ts';
import { decodeRatingValue } from '../../views/rating-buttons.ts';
import { commentProblem, commentSavedModal, RATING_TEXT } from '../../views/rating-reply.ts';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

/** The comment modal's submit: 1–500 characters, saved on the rep's rating of the asset. */
export function ratingCommentSubmission(deps: Deps) {
  return async function saveRatingComment(args: Args): Promise<void> {
    const ctx = decodeRatingValue(args.view.private_metadata);
    const input = args.view.state.values[RATING_COMMENT_INPUT.block]?.[RATING_COMMENT_INPUT.action];
    const comment = typeof input?.value === 'string' ? input.value.trim() : '';
    const problem = ctx ? commentProblem(comment) : RATING_TEXT.forged;
    if (problem || !ctx) {
      await args.ack({ response_action: 'errors', errors: { [RATING_COMMENT_INPUT.block]: problem ?? RATING_TEXT.forged } });
      return;
    }
    const outcome = await commentOnAsset(deps, { assetId: ctx.assetId, leadId: ctx.leadId, userId: args.body.user.id, comment });
    await args.ack({ response_action: 'update', view: commentSavedModal(outcome) });
  };
}
