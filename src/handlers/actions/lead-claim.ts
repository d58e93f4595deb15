import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { claimLead } from '../../domain/leads/claim.ts';
import { PermissionCheckFailed } from '../../domain/permissions.ts';
import { CLAIM_TEXT } from '../../views/lead-claim.ts';
import { replyEphemeral } from './reply-ephemeral.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

const leadId = z.string().trim().min(1).max(255);

/** **Claim** on a lead nobody owns: the first rep to click gets it (SALES_USERGROUP, when set). */
export function leadClaimAction(deps: Deps) {
  return async function leadClaim({ ack, body, action, respond }: Args): Promise<void> {
    await ack();
    const say = (text: string) => replyEphemeral(deps, { body, respond }, { text });
    const id = leadId.safeParse(action.value);
    if (!id.success) return void (await say(CLAIM_TEXT.badValue));
    const userId = body.user.id;
    try {
      if (!(await deps.permissions.isSales(userId))) return void (await say(CLAIM_TEXT.notSales(deps.config.salesUsergroup!)));
    } catch (error) {
      if (error instanceof PermissionCheckFailed) return void (await say(error.message));
      throw error;
    }
    const channel = body.container?.channel_id ?? body.channel?.id;
    const ts = body.container?.message_ts ?? body.message?.ts;
    const outcome = await claimLead(deps, id.data, userId, channel && ts ? { channel, ts } : undefined);
    if (outcome.kind === 'claimed') await say(CLAIM_TEXT.yours);
    else if (outcome.kind === 'taken') await say(outcome.owner === userId ? CLAIM_TEXT.alreadyYours : CLAIM_TEXT.taken(outcome.owner));
    else if (outcome.kind === 'answered') await say(CLAIM_TEXT.answered);
    else await say(CLAIM_TEXT.gone);
  };
}
