import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';

/** `/handoff mql`: the agreed lead definition in plain words. */
export async function handoffMql(_deps: Deps, args: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> {
  await args.ack({ response_type: 'ephemeral', text: 'No lead definition is set (MQL_RULES): every lead qualifies.' });
}
