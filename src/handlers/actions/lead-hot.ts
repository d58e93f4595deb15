import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { replyEphemeral } from './reply-ephemeral.ts';
import { UserFacingError } from '../../errors.ts';
import { pauseMarketingEmails } from '../../domain/hotleads/pause.ts';
import { checkLeadAnswer, recordLeadAnswer } from '../../domain/leads/answers.ts';
import { pauseReply } from '../../views/hotlead-replies.ts';
import { answerRefusal, LEAD_REPLIES } from '../../views/lead-notices.ts';
import { leadIdFrom } from './lead-button-value.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/**
 * The lead DM's **Hot — pause emails** (value: the lead id): the same who-may-answer rule as the
 * DM's other buttons, then a pause for the default days, which also answers the lead hot (and
 * re-renders the DM through the outbox). The rep's confirmation and any refusal are ephemeral.
 */
export function leadHotAction(deps: Deps) {
  return async function leadHot({ ack, body, action, respond }: Args): Promise<void> {
    await ack();
    const tell = (text: string) => replyEphemeral(deps, { body, respond }, { text });
    const userId = body.user.id;
    const leadId = leadIdFrom(action.value);
    const check = leadId ? await checkLeadAnswer(deps, leadId, userId, 'hot') : { kind: 'gone' as const };
    if (check.kind !== 'ok') return void (await tell(answerRefusal(check) ?? LEAD_REPLIES.gone));

    if (!check.lead.email) {
      // Nothing to pause, but the rep's verdict stands.
      await recordLeadAnswer(deps, { leadId: check.lead.id, answer: 'hot', by: userId });
      return void (await tell(LEAD_REPLIES.hotWithoutEmail));
    }
    try {
      const result = await pauseMarketingEmails(deps, { email: check.lead.email, by: userId, leadId: check.lead.id, source: 'button' });
      const { marketingChannel, timeZone } = deps.config;
      await tell(pauseReply({ ...result, marketingChannel }, timeZone));
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      await tell(error.message);
    }
  };
}
