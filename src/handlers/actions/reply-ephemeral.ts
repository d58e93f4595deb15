import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

/**
 * Answers the person who clicked, and only them: through the click's response_url when the
 * button sat in a message, else as an ephemeral message in the channel. Home tab and modal
 * clicks have neither; they get nothing here (their own view shows the result).
 */
export async function replyEphemeral(deps: Deps, args: Args, message: { text: string; blocks?: unknown[] }): Promise<void> {
  const body = args.body;
  if (body.response_url) {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks as never });
    return;
  }
  if (body.channel?.id) {
    await deps.slack.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text: message.text, blocks: message.blocks as never });
    return;
  }
  deps.logger.info({ user: body.user.id }, 'a rating click came from a surface with no way to answer ephemerally');
}
