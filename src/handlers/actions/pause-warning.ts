import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { replyEphemeral } from './reply-ephemeral.ts';
import { decodePauseButton } from '../../views/button-values.ts';
import { answerPauseWarning } from '../../domain/hotleads/warning-answers.ts';
import { PAUSE_BUTTON_UNREADABLE, pauseWarningReply } from '../../views/hotlead-replies.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/** The day-before warning's **Extend 14 days** / **Let it end** buttons (value: pause id and end date). */
export function pauseWarningAction(deps: Deps, answer: 'extend' | 'let_end') {
  return async function pauseWarning({ ack, body, action, respond }: Args): Promise<void> {
    await ack();
    const tell = (text: string) => replyEphemeral(deps, { body, respond }, { text });
    const decoded = decodePauseButton(action.value);
    if (!decoded) return void (await tell(PAUSE_BUTTON_UNREADABLE));
    const userId = body.user.id;
    const channel = body.channel?.id ?? body.container?.channel_id;
    const ts = body.message?.ts ?? body.container?.message_ts;
    const result = await answerPauseWarning(deps, {
      ...decoded,
      answer,
      by: userId,
      byIsAdmin: deps.permissions.isAdmin(userId),
      message: channel && ts ? { channel, ts } : undefined,
    });
    // The warning itself now says what was done; an ephemeral answer only when it could not.
    const shownInMessage = Boolean(channel && ts) && (result.outcome === 'extended' || result.outcome === 'let_end');
    if (!shownInMessage) await tell(pauseWarningReply(result, deps.config.timeZone));
  };
}
