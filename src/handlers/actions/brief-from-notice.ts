import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { decodeBriefDraft } from '../../views/button-values.ts';
import { openNewBriefForm } from '../../use-cases/brief-form.ts';
import { replyEphemeral } from './reply-ephemeral.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/** **Post this brief** on the "no brief yet" notice: the brief form, started with the key and name the leads use. */
export function briefFromNotice(deps: Deps) {
  return async function briefFromNotice({ ack, body, action, respond }: Args): Promise<void> {
    await ack();
    const tell = async (text: string) => { await replyEphemeral(deps, { body, respond }, { text }); };
    const parsed = decodeBriefDraft(action.value);
    await openNewBriefForm(deps, { userId: body.user.id, triggerId: body.trigger_id, tell }, parsed ? { key: parsed.key, name: parsed.name } : {});
  };
}
