import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { resumeEndpoint } from '../../domain/events/endpoints.ts';
import { ENDPOINT_TEXT } from '../../views/endpoint-stopped.ts';
import { replyEphemeral } from './reply-ephemeral.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/** **Send again** on a stopped event receiver's notice: admins only. */
export function endpointResumeAction(deps: Deps) {
  return async function endpointResume({ ack, body, action, respond }: Args): Promise<void> {
    await ack();
    const say = (text: string) => replyEphemeral(deps, { body, respond }, { text });
    if (!deps.permissions.isAdmin(body.user.id)) return void (await say(ENDPOINT_TEXT.adminsOnly));
    const url = await resumeEndpoint(deps.db, deps.config, String(action.value ?? ''));
    deps.logger.info({ by: body.user.id, resumed: Boolean(url) }, 'an admin asked to send events to a stopped receiver again');
    await say(url ? ENDPOINT_TEXT.resumed(url) : ENDPOINT_TEXT.notStopped);
  };
}
