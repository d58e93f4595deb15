import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { UserFacingError } from '../../errors.ts';
import { pauseMarketingEmails } from '../../domain/hotleads/pause.ts';
import { findLeadForPause } from '../../domain/hotleads/store.ts';
import { HOT_BUTTON_REFUSED, LEAD_GONE, PAUSE_BUTTON_UNREADABLE, pauseReply } from '../../views/hotlead-replies.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

const leadIdValue = z.string().trim().min(1).max(255);

/** The lead DM's **Hot — pause emails** button (value: the lead id): pause with the default days. */
export function leadHotAction(deps: Deps) {
  return async function leadHot({ ack, body, action, respond }: Args): Promise<void> {
    await ack();
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const userId = body.user.id;
    const leadId = leadIdValue.safeParse(action.value);
    if (!leadId.success) return void (await tell(PAUSE_BUTTON_UNREADABLE));

    const lead = await findLeadForPause(deps.db, leadId.data);
    if (!lead) return void (await tell(LEAD_GONE));
    if (lead.owner_slack_id !== userId && !deps.permissions.isAdmin(userId)) return void (await tell(HOT_BUTTON_REFUSED));

    try {
      const result = await pauseMarketingEmails(deps, { email: lead.email, by: userId, leadId: lead.id, source: 'button' });
      const { marketingChannel, outboundWebhookUrl, timeZone } = deps.config;
      await tell(pauseReply({ ...result, marketingChannel, webhook: Boolean(outboundWebhookUrl) }, timeZone));
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      await tell(error.message);
    }
  };
}
