import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { replyEphemeral } from './reply-ephemeral.ts';
import { releaseFromHeldSummary, type ReleaseNotice } from '../../domain/mql/release.ts';
import { RELEASE_BAD_VALUE, RELEASE_NOT_ADMIN, releaseAnswer } from '../../views/held-release.ts';
import { heldLeadIdsIn } from '../../views/held-summary.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

const leadId = z.string().trim().min(1).max(255);

/** **Release to owner** in the held-leads summary (admins): the lead goes to its owner after all. */
export function heldReleaseAction(deps: Deps) {
  return async function heldRelease({ ack, body, action, respond }: Args): Promise<void> {
    await ack();
    const say = (text: string) => replyEphemeral(deps, { body, respond }, { text });
    const id = leadId.safeParse(action.value);
    if (!id.success) return void (await say(RELEASE_BAD_VALUE));
    if (!deps.permissions.isAdmin(body.user.id)) return void (await say(RELEASE_NOT_ADMIN));
    const channel = body.container?.channel_id ?? body.channel?.id;
    const ts = body.container?.message_ts ?? body.message?.ts;
    const notice: ReleaseNotice | undefined =
      channel && ts && Array.isArray(body.message?.blocks)
        ? { channel, ts, text: String(body.message?.text ?? 'Held leads'), blocks: body.message.blocks, leadIds: heldLeadIdsIn(body.message.blocks) }
        : undefined;
    const result = await releaseFromHeldSummary(deps, id.data, body.user.id, notice);
    await say(releaseAnswer(result, id.data));
  };
}
