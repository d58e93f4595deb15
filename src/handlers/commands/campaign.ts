import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { CAMPAIGN_USAGE, unknownWords } from '../../views/usage.ts';

/** `/campaign [list | show KEY | edit KEY | archive KEY | help]` */
export function campaignCommand(_deps: Deps) {
  return async function campaign(args: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> {
    const words = args.command.text.trim();
    if (words === '' || words === 'help') {
      await args.ack({ response_type: 'ephemeral', text: CAMPAIGN_USAGE });
      return;
    }
    await args.ack({ response_type: 'ephemeral', text: unknownWords('/campaign', words, CAMPAIGN_USAGE) });
  };
}
