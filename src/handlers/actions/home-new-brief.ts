import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { campaignNoticeModal } from '../../views/campaign-brief.ts';
import { openNewBriefForm } from '../../use-cases/brief-form.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

/** The Home tab's **New brief** button. The Home has no response_url, so a refusal comes as a small modal. */
export function homeNewBrief(deps: Deps) {
  return async function homeNewBrief({ ack, body }: Args): Promise<void> {
    await ack();
    await openNewBriefForm(deps, {
      userId: body.user.id,
      triggerId: body.trigger_id,
      tell: async (text) => { await deps.slack.views.open({ trigger_id: body.trigger_id, view: campaignNoticeModal(text) }); },
    });
  };
}
