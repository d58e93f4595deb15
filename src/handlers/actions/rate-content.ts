import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { RatingVerdict } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { rateAsset, type RateOutcome } from '../../domain/ratings/rate.ts';
import { refreshHome } from '../../home/refresh.ts';
import { parseRatingClick, rateReply } from '../../views/rating-reply.ts';
import { replyEphemeral } from './reply-ephemeral.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

/** 👍 Useful / 👎 Not useful on a content asset (in a lead DM or the digest). */
export function rateContentAction(deps: Deps, verdict: RatingVerdict) {
  return async function rateContent(args: Args): Promise<void> {
    await args.ack();
    const action = args.action as { action_id: string; value?: unknown };
    const ctx = parseRatingClick(action.action_id, typeof action.value === 'string' ? action.value : undefined);
    const outcome: RateOutcome = ctx
      ? await rateAsset(deps, { assetId: ctx.assetId, leadId: ctx.leadId, userId: args.body.user.id, verdict })
      : { refused: 'forged' };
    await replyEphemeral(deps, args, rateReply(outcome, ctx?.leadId));
    if (!outcome.refused && outcome.result !== 'unchanged' && outcome.asset.campaignOwnerId) refreshHome(deps, outcome.asset.campaignOwnerId);
  };
}
