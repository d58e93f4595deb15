import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { HOTLEAD_USAGE, unknownWords } from '../../views/usage.ts';

/** `/hotlead EMAIL [DAYS|Nd|until DATE] [note…] | release EMAIL | list [all] | help` */
export function hotleadCommand(_deps: Deps) {
  return async function hotlead(args: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> {
    const words = args.command.text.trim();
    if (words === '' || words === 'help') {
      await args.ack({ response_type: 'ephemeral', text: HOTLEAD_USAGE });
      return;
    }
    await args.ack({ response_type: 'ephemeral', text: unknownWords('/hotlead', words, HOTLEAD_USAGE) });
  };
}
