import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { replyEphemeral } from './reply-ephemeral.ts';
import { decodePauseButton } from '../../views/button-values.ts';
import { answerPauseWarning, type WarningAnswerResult } from '../../domain/hotleads/warning-answers.ts';
import {
  alreadyEndedReply, alreadyExtendedReply, extendedReply, letEndReply, PAUSE_BUTTON_UNREADABLE, pauseButtonRefused,
} from '../../views/hotlead-replies.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

function replyFor(result: WarningAnswerResult, timeZone: string): string {
  switch (result.outcome) {
    case 'not_found': return 'Handoff no longer has this pause; nothing changed.';
    case 'refused': return pauseButtonRefused(result.pause);
    case 'ended': return alreadyEndedReply(result.pause);
    case 'changed_meanwhile': return alreadyExtendedReply(result.pause, timeZone);
    case 'at_limit': return `${alreadyExtendedReply(result.pause, timeZone)} A pause may not run more than 365 days ahead.`;
    case 'extended': return extendedReply(result.pause, timeZone);
    case 'let_end': return letEndReply(result.pause, timeZone);
  }
}

/** The day-before warning's **Extend 14 days** / **Let it end** buttons (value: pause id and end date). */
export function pauseWarningAction(deps: Deps, answer: 'extend' | 'let_end') {
  return async function pauseWarning({ ack, body, action, respond }: Args): Promise<void> {
    await ack();
    await deps.ackFirst.turn();
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
    if (!shownInMessage) await tell(replyFor(result, deps.config.timeZone));
  };
}
