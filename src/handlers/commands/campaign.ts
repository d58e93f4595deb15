import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { CAMPAIGN_USAGE, unknownWords } from '../../views/usage.ts';
import { listBriefs, showBrief } from './campaign-read.ts';
import { archiveBrief, editBrief, newBrief } from './campaign-write.ts';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

/** `/campaign [list | show KEY | edit KEY | archive KEY | help]`; no words opens the brief form. */
export function campaignCommand(deps: Deps) {
  return async function campaign(args: Args): Promise<void> {
    const words = args.command.text.trim();
    const [sub = '', ...rest] = words.split(/\s+/).filter(Boolean);
    const usage = () => args.ack({ response_type: 'ephemeral', text: unknownWords('/campaign', words, CAMPAIGN_USAGE) });
    switch (sub.toLowerCase()) {
      case '':
        return newBrief(deps, args);
      case 'help':
        return args.ack({ response_type: 'ephemeral', text: CAMPAIGN_USAGE });
      case 'list':
        return rest.length === 0 ? listBriefs(deps, args) : usage();
      case 'show':
        return rest.length === 1 ? showBrief(deps, args, rest[0]) : usage();
      case 'edit':
        return rest.length === 1 ? editBrief(deps, args, rest[0]) : usage();
      case 'archive':
        return rest.length === 1 ? archiveBrief(deps, args, rest[0]) : usage();
      default:
        return usage();
    }
  };
}
