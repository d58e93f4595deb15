import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { definitionMessage } from '../../views/mql-definition.ts';

/** `/handoff mql`: the agreed lead definition in plain words, to anyone. */
export async function handoffMql(deps: Deps, args: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> {
  await args.ack({ response_type: 'ephemeral', ...definitionMessage(deps.mqlRules) });
}
