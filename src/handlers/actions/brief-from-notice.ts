import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { openNewBriefForm } from '../views/open-campaign-brief.ts';
import { replyEphemeral } from './reply-ephemeral.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

const draft = z.object({ key: z.string().max(64), name: z.string().max(200).optional() });

/** **Post this brief** on the "no brief yet" notice: the brief form, started with the key and name the leads use. */
export function briefFromNotice(deps: Deps) {
  return async function briefFromNotice({ ack, body, action, respond }: Args): Promise<void> {
    await ack();
    const tell = async (text: string) => { await replyEphemeral(deps, { body, respond }, { text }); };
    let parsed: z.infer<typeof draft> | undefined;
    try {
      parsed = draft.parse(JSON.parse(action.value ?? ''));
    } catch {
      parsed = undefined;
    }
    await openNewBriefForm(deps, { userId: body.user.id, triggerId: body.trigger_id, tell }, parsed ? { key: parsed.key, name: parsed.name } : {});
  };
}
