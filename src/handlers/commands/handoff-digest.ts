import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';

/** `/handoff digest` (admins): post the weekly digest now. */
export async function handoffDigest(_deps: Deps, args: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> {
  await args.ack({ response_type: 'ephemeral', text: 'The digest is not available yet.' });
}
