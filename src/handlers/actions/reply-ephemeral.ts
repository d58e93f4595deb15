import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import type { KnownBlock } from '../../views/blocks.ts';
import { noticeModal } from '../../views/notice-modal.ts';

type Args = Pick<AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>, 'body' | 'respond'>;

/**
 * Answers the person who clicked, and only them: through the click's response_url when the
 * button sat in a message, else as an ephemeral message in the channel, else (a click on the
 * App Home, which has neither) in a small modal opened with the click's trigger.
 */
export async function replyEphemeral(deps: Deps, args: Args, message: { text: string; blocks?: KnownBlock[] }): Promise<void> {
  const body = args.body;
  if (body.response_url) {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
    return;
  }
  if (body.channel?.id) {
    await deps.slack.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text: message.text, blocks: message.blocks });
    return;
  }
  if (body.trigger_id) {
    await deps.slack.views.open({ trigger_id: body.trigger_id, view: noticeModal(message) });
    return;
  }
  deps.logger.info({ user: body.user.id }, 'a click came from a surface with no way to answer privately');
}
