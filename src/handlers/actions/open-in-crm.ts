import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/** **Open in CRM** is a link: Slack opens the page itself and still tells the app of the click, which needs only its ack. */
export function openInCrmAction() {
  return async function openInCrm({ ack }: Args): Promise<void> {
    await ack();
  };
}
